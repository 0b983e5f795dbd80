/**
 * Where a model node came from. `line` is 1-based and counts lines of the input
 * file as the user has it (`grep -n` numbering: one line per `\n`). For the
 * `aws ec2 get-console-output --output json` framing it counts lines of the
 * decoded `Output`. `text` is the normalised line (control bytes, ANSI escapes
 * and backspace spinners removed, trailing padding trimmed).
 */
export interface Source {
  readonly line: number;
  readonly column?: number;
  readonly text: string;
}

/** Evidence is a Source that is shown to a person: the same shape. */
export type Evidence = Source;
