import type { BootModel } from '../model/boot-model.js';
import type { CheckReport } from '../verdict/types.js';

/** One known-good boot, saved by `bootgate baseline save` as `<dir>/<name>.json`. */
export interface BaselineFile {
  readonly kind: 'bootgate-baseline';
  readonly schemaVersion: 1;
  /** The key it was saved under, e.g. "t2.micro-7.8". */
  readonly name: string;
  readonly model: BootModel;
  /** The check report at save time, when the rules were available; lets a diff compare rule verdicts. */
  readonly report: CheckReport | null;
}
