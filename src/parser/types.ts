import type { BootModel } from '../model/boot-model.js';

export interface ParseDiagnostic {
  readonly line: number;
  readonly message: string;
}

/** What parseBootLog returns. It never throws. */
export interface ParseResult {
  readonly model: BootModel;
  readonly lexErrors: readonly ParseDiagnostic[];
  readonly parseErrors: readonly ParseDiagnostic[];
}
