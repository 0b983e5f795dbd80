import type { BootModel } from '../model/boot-model.js';
import type { SnapshotId } from '../diff/snapshot.js';
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
  /**
   * The snapshot the boot came from (version, build number, build date, arch, instance type), so
   * a directory of baselines can be listed and searched by snapshot (`--baseline latest`).
   * Absent in files saved before it was recorded: it is then read from the model.
   */
  readonly snapshot?: SnapshotId | null;
}
