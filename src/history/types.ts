import type { SnapshotId } from '../diff/snapshot.js';
import type { Verdict } from '../verdict/types.js';

/** What a history row follows across the series. */
export type HistoryKind = 'device' | 'unconfigured' | 'milestone' | 'rule' | 'panic';

/** One input of the series, in series order (oldest first). */
export interface HistorySnapshot {
  readonly index: number;
  readonly file: string;
  readonly kernel: { readonly version: string | null; readonly build: number | null; readonly date: string | null };
  readonly snapshot: SnapshotId | null;
  /** The rules' verdict, when the input has a report or the rules ran. */
  readonly verdict: Verdict | null;
}

export interface SnapshotRef {
  readonly index: number;
  readonly file: string;
}

/** One state per snapshot: `present`/`absent` (device), `unconfigured`/`absent`, `reached`/`missing`, a rule status, `panic`/`none`; `unknown` when that snapshot cannot tell. */
export type CellState = string;

/** One row of the matrix: a subject whose state changed somewhere in the series. */
export interface HistoryRow {
  readonly kind: HistoryKind;
  /** `xnf0`, `"vbd"@xen0`, `dhcp-lease`, `nic-attach`, a panic title. */
  readonly subject: string;
  readonly states: readonly CellState[];
  /** Per snapshot: worse than the oldest snapshot that could tell (a regression there). */
  readonly bad: readonly boolean[];
}

/** One regression episode: the first bad snapshot, the last good one before it, and where it came back. */
export interface HistoryChange {
  readonly kind: HistoryKind;
  readonly subject: string;
  readonly firstBad: SnapshotRef;
  readonly lastGood: SnapshotRef | null;
  /** The first snapshot after firstBad where the subject is good again, or null while it stays bad. */
  readonly fixed: SnapshotRef | null;
  /** Set when an allow entry (built-in or --allow) covers this change at firstBad. */
  readonly allowed: { readonly reason: string; readonly source: string; readonly id: string | null } | null;
}

/** `bootgate history --format json`. */
export interface HistoryReport {
  readonly kind: 'bootgate-history';
  readonly schemaVersion: 1;
  readonly snapshots: readonly HistorySnapshot[];
  readonly rows: readonly HistoryRow[];
  readonly changes: readonly HistoryChange[];
  /** The newest snapshot still has an unallowed regression against the oldest (exit 1). */
  readonly regression: boolean;
  readonly notes: readonly string[];
}
