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

/** Most severe first: with several input files, the worst code wins (2 > 1 > 3 > 0). */
const SEVERITY: readonly ExitCode[] = [EXIT.error, EXIT.fail, EXIT.inconclusive, EXIT.pass];

/** The more severe of two exit codes, by the precedence the README documents for several files. */
export function worseExit(a: ExitCode, b: ExitCode): ExitCode {
  return SEVERITY.indexOf(b) < SEVERITY.indexOf(a) ? b : a;
}
