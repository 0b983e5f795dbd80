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

/**
 * Most severe first, for every command with several inputs (files, a launch matrix): an error
 * (2: something asked for was not judged at all) outranks a fail (1), which outranks an
 * inconclusive (3), which outranks a pass (0). The README's exit-code table says the same.
 */
const SEVERITY: readonly ExitCode[] = [EXIT.error, EXIT.fail, EXIT.inconclusive, EXIT.pass];

/** The more severe of two exit codes. */
export function worseExit(a: ExitCode, b: ExitCode): ExitCode {
  return SEVERITY.indexOf(b) < SEVERITY.indexOf(a) ? b : a;
}

/** The most severe of any number of exit codes (0 for none). */
export function worstExit(codes: Iterable<ExitCode>): ExitCode {
  let worst: ExitCode = EXIT.pass;
  for (const c of codes) worst = worseExit(worst, c);
  return worst;
}

/** The exit code a verdict stands for. */
export const VERDICT_EXIT = { pass: EXIT.pass, fail: EXIT.fail, inconclusive: EXIT.inconclusive } as const satisfies Record<string, ExitCode>;
