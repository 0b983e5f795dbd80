import type { Framing } from '../model/boot-model.js';

/** One console line after normalisation. Several may share a `line` when a lone `\r` split a physical line. */
export interface NormalLine {
  /** 1-based line in the input file (for aws-json: in the decoded Output). */
  readonly line: number;
  readonly text: string;
}

export interface NormalizedConsole {
  readonly framing: Framing;
  readonly instanceId: string | null;
  readonly capturedAt: string | null;
  /** Number of physical lines in the input (or decoded Output). */
  readonly lineCount: number;
  readonly lines: readonly NormalLine[];
}
