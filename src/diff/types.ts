import type { BootModel } from '../model/boot-model.js';
import type { Evidence } from '../model/source.js';
import type { CheckReport, Verdict } from '../verdict/types.js';
import type { SnapshotId } from './snapshot.js';

/** What changed between the old and the new judged boot. */
export type ChangeKind =
  | 'kernel-version'
  | 'kernel-name'
  | 'device-added'
  | 'device-removed'
  | 'device-moved'
  | 'device-changed'
  | 'unconfigured-added'
  | 'unconfigured-removed'
  | 'root-changed'
  | 'milestone-lost'
  | 'milestone-gained'
  | 'panic-added'
  | 'panic-removed'
  | 'verdict-changed'
  | 'rule-changed';

export const CHANGE_KINDS: readonly ChangeKind[] = [
  'kernel-version', 'kernel-name', 'device-added', 'device-removed', 'device-moved', 'device-changed',
  'unconfigured-added', 'unconfigured-removed', 'root-changed', 'milestone-lost', 'milestone-gained',
  'panic-added', 'panic-removed', 'verdict-changed', 'rule-changed',
];

export interface Change {
  readonly kind: ChangeKind;
  /** What changed: device name, `"vbd"@xen0` for unconfigured hardware, milestone id, rule id, `kernel`, `root`, `verdict`. */
  readonly subject: string;
  readonly from: string | null;
  readonly to: string | null;
  /** Something was lost or a verdict got worse. */
  readonly regression: boolean;
  readonly message: string;
  /** Evidence line in the old input, when there is one. */
  readonly old: Evidence | null;
  /** Evidence line in the new input, when there is one. */
  readonly new: Evidence | null;
  /**
   * Set when an allow entry covers this change: one of the `--allow` file (`source: "file"`), the
   * built-in list per release step, or the instance-size rule (CPU counts); an allowed regression
   * does not fail the diff. Allowed changes stay in the JSON, so nothing is suppressed unseen.
   */
  readonly allowed: { readonly reason: string; readonly source?: 'file' | 'builtin' | 'instance-size'; readonly id?: string | null } | null;
  /** The new log cannot tell (it ends before this point, or a rule could not decide): not a regression, not a pass. */
  readonly inconclusive?: boolean;
}

export interface DiffSideSummary {
  readonly label: string;
  /** Version, build number, build date, arch and instance type of the judged boot, when known. */
  readonly snapshot: SnapshotId | null;
  /** "6.0 GENERIC.MP", or null when the input has no kernel banner or no model. */
  readonly kernel: string | null;
  readonly verdict: Verdict | null;
}

/** `bootgate diff --format json`. */
export interface BootDiff {
  readonly kind: 'bootgate-diff';
  readonly schemaVersion: 1;
  readonly old: DiffSideSummary;
  readonly new: DiffSideSummary;
  readonly changes: readonly Change[];
  /** True when any change is a regression that no allow entry covers. */
  readonly regression: boolean;
  /** No regression found, but the new log could not tell for some of it (`diff` exits 3). */
  readonly inconclusive: boolean;
  /** What could not be compared (a side given as a check report has no device tree). */
  readonly notes: readonly string[];
}

/** One input of a diff: a console parsed to a model, a saved model or baseline, or a check report. */
export interface DiffSide {
  readonly label: string;
  readonly model: BootModel | null;
  readonly report: CheckReport | null;
}
