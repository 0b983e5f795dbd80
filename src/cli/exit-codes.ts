/** Stable process exit codes (README "Exit codes"). */
export const EXIT = {
  /** Verdict pass (or, for `tree`/`diff`, success with nothing to report). */
  pass: 0,
  /** Verdict fail (`diff`: a regression). */
  fail: 1,
  /** Usage, configuration, input or infrastructure error. */
  error: 2,
  /** Inconclusive: the log cannot tell (or holds no OpenBSD boot at all). */
  inconclusive: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
