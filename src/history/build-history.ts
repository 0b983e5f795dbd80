import type { Boot } from '../model/boot-model.js';
import { judgedBoot } from '../model/queries.js';
import type { CheckReport, RuleStatus } from '../verdict/types.js';
import { applyAllow, type AllowEntry } from '../diff/allow.js';
import { BUILTIN_ALLOW } from '../diff/builtin-allow.js';
import { AFTER_ROOT_MILESTONES, endsBeforeRc, panicTitle } from '../diff/diff-boots.js';
import { MILESTONE_LABEL, milestonesOf, type MilestoneId } from '../diff/milestones.js';
import { snapshotOf } from '../diff/snapshot.js';
import type { Change, ChangeKind, DiffSide } from '../diff/types.js';
import type { CellState, HistoryChange, HistoryKind, HistoryReport, HistoryRow, HistorySnapshot, SnapshotRef } from './types.js';

export interface HistoryOptions {
  /** `given` (default): the order of the inputs; `kernel`: by kernel build date (then version and build number). */
  readonly sort?: 'given' | 'kernel';
  /** Runs the rules on an input that has a model but no report, so rule verdicts are followed too. */
  readonly check?: (model: NonNullable<DiffSide['model']>) => CheckReport;
  /** `--allow` entries (exact) and the built-in list per release step (default: all of it). */
  readonly allow?: readonly AllowEntry[];
  readonly builtin?: readonly AllowEntry[];
}

// Drivers with one unit per vCPU: their count is the instance size, not the image.
const PER_CPU = /^(?:cpu|acpicpu)([1-9]\d*)$/;
const RANK: Readonly<Record<RuleStatus, number>> = { pass: 0, skip: 0, inconclusive: 1, fail: 2 };
const UNKNOWN = 'unknown';

interface Facts {
  readonly states: Map<string, CellState>;
  readonly boot: Boot | null;
  readonly hasModel: boolean;
  readonly hasReport: boolean;
  readonly parents: Map<string, string>;
}

/**
 * One series of snapshots (oldest first): every subject whose state changes anywhere, and for
 * each regression against the oldest snapshot that could tell, the first bad snapshot, the last
 * good one before it, and the snapshot where it came back (fixed). A snapshot that cannot tell
 * (a dmesg without rc output, a report without a model) is `unknown` there: neither bad nor fixed.
 */
export function buildHistory(inputs: readonly DiffSide[], options: HistoryOptions = {}): HistoryReport {
  const sides = inputs.map((s) => (s.report || !s.model || !options.check ? s : { ...s, report: options.check(s.model) }));
  const ordered = options.sort === 'kernel' ? sortByKernel(sides) : sides;
  const snapshots: HistorySnapshot[] = ordered.map((s, index) => {
    const id = snapshotOf(s.model, instanceTypeOf(s.report));
    return { index, file: s.label, kernel: { version: id?.version ? id.version + (id.suffix ?? '') : null, build: id?.build ?? null, date: id?.date ?? null }, snapshot: id, verdict: s.report?.verdict ?? null };
  });
  const facts = ordered.map(factsOf);
  const keys = [...new Set(facts.flatMap((f) => [...f.states.keys()]))].sort(compareKeys);
  const rows: HistoryRow[] = [];
  const changes: HistoryChange[] = [];
  for (const key of keys) {
    const [kind, subject] = key.split('\0') as [HistoryKind, string];
    const states = facts.map((f) => f.states.get(key) ?? absentState(kind, f));
    const known = states.filter((s) => s !== UNKNOWN);
    if (new Set(known).size <= 1) continue;
    const ref = known[0]!;
    const bad = states.map((s) => s !== UNKNOWN && isBad(kind, ref, s));
    // Cells of an allowed episode are not shown as bad (the change is known and harmless).
    const shown = [...bad];
    rows.push({ kind, subject, states, bad: shown });
    for (const episode of episodes(bad, states)) {
      const first = episode.firstBad;
      const c = pseudoChange(kind, subject, ref, states[first]!, facts.find((f) => f.parents.has(subject))?.parents.get(subject) ?? null);
      const boot = facts[first]!.boot;
      const [marked] = applyAllow([c], options.allow ?? [], {
        newVersion: boot?.kernel.version ?? null,
        newDevices: new Set(boot?.devices.map((d) => d.name) ?? []),
      }, options.builtin ?? BUILTIN_ALLOW);
      const a = marked!.allowed;
      if (a) for (let i = first; i < (episode.fixed ?? states.length); i++) shown[i] = false;
      changes.push({
        kind, subject,
        firstBad: ref_(snapshots, first),
        lastGood: episode.lastGood === null ? null : ref_(snapshots, episode.lastGood),
        fixed: episode.fixed === null ? null : ref_(snapshots, episode.fixed),
        allowed: a ? { reason: a.reason, source: a.source ?? 'file', id: a.id ?? null } : null,
      });
    }
  }
  const notes: string[] = [];
  if (ordered.some((s) => s.model && judgedBoot(s.model)?.devices.some((d) => PER_CPU.test(d.name)))) notes.push('per-CPU devices beyond cpu0/acpicpu0 are not followed: their count is the instance size');
  ordered.forEach((s, i) => {
    if (!s.model) notes.push(`[${i}] ${s.label} is a report without a boot model: only rule verdicts are known there`);
    else if (!judgedBoot(s.model)) notes.push(`[${i}] ${s.label} holds no OpenBSD boot`);
  });
  return {
    kind: 'bootgate-history',
    schemaVersion: 1,
    snapshots,
    rows,
    changes,
    regression: changes.some((c) => c.fixed === null && c.allowed === null),
    notes,
  };
}

function ref_(snapshots: readonly HistorySnapshot[], index: number): SnapshotRef {
  return { index, file: snapshots[index]!.file };
}

function instanceTypeOf(report: CheckReport | null): string | null {
  const t = (report as { instance?: { type?: unknown } } | null)?.instance?.type;
  return typeof t === 'string' ? t : null;
}

const KIND_ORDER: readonly HistoryKind[] = ['device', 'unconfigured', 'milestone', 'rule', 'panic'];
function compareKeys(a: string, b: string): number {
  const [ka, sa] = a.split('\0') as [HistoryKind, string];
  const [kb, sb] = b.split('\0') as [HistoryKind, string];
  return KIND_ORDER.indexOf(ka) - KIND_ORDER.indexOf(kb) || sa.localeCompare(sb, 'en', { numeric: true });
}

function factsOf(side: DiffSide): Facts {
  const states = new Map<string, CellState>();
  const parents = new Map<string, string>();
  const boot = side.model ? judgedBoot(side.model) : null;
  if (boot) {
    for (const d of boot.devices) {
      if (PER_CPU.test(d.name)) continue;
      states.set(`device\0${d.name}`, 'present');
      if (!parents.has(d.name)) parents.set(d.name, d.parent);
    }
    for (const u of boot.unconfigured) states.set(`unconfigured\0"${u.name}"@${u.parent}`, 'unconfigured');
    const reached = milestonesOf(boot);
    const cut = endsBeforeRc(boot);
    for (const id of Object.keys(MILESTONE_LABEL) as MilestoneId[]) {
      states.set(`milestone\0${id}`, reached.has(id) ? 'reached' : cut && AFTER_ROOT_MILESTONES.has(id) ? UNKNOWN : 'missing');
    }
    for (const p of boot.panics) states.set(`panic\0${panicTitle(p.message)}`, 'panic');
  }
  if (side.report) {
    const worst = new Map<string, RuleStatus>();
    for (const f of side.report.findings) {
      const prev = worst.get(f.rule);
      if (!prev || RANK[f.status] > RANK[prev]) worst.set(f.rule, f.status);
    }
    for (const [rule, status] of worst) states.set(`rule\0${rule}`, status);
  }
  return { states, boot, hasModel: boot !== null, hasReport: side.report !== null, parents };
}

/** The state of a subject a snapshot does not mention: absent where the snapshot could have shown it, else unknown. */
function absentState(kind: HistoryKind, f: Facts): CellState {
  if (kind === 'rule') return f.hasReport ? 'skip' : UNKNOWN;
  if (!f.hasModel) return UNKNOWN;
  if (kind === 'device' || kind === 'unconfigured') return 'absent';
  if (kind === 'panic') return 'none';
  return UNKNOWN;
}

function isBad(kind: HistoryKind, ref: CellState, s: CellState): boolean {
  switch (kind) {
    case 'device': return ref === 'present' && s === 'absent';
    case 'unconfigured': return ref === 'absent' && s === 'unconfigured';
    case 'milestone': return ref === 'reached' && s === 'missing';
    // A rule that can no longer decide is not a regression (the log cannot tell); a new fail is.
    case 'rule': return s === 'fail' && ref !== 'fail';
    case 'panic': return ref === 'none' && s === 'panic';
  }
}

interface Episode {
  readonly firstBad: number;
  readonly lastGood: number | null;
  readonly fixed: number | null;
}

/** Runs of bad snapshots; unknown snapshots neither start nor end one. */
function episodes(bad: readonly boolean[], states: readonly CellState[]): Episode[] {
  const out: Episode[] = [];
  let lastGood: number | null = null;
  let open: number | null = null;
  for (let i = 0; i < bad.length; i++) {
    if (states[i] === UNKNOWN) continue;
    if (bad[i] && open === null) open = i;
    else if (!bad[i]) {
      if (open !== null) {
        out.push({ firstBad: open, lastGood, fixed: i });
        open = null;
      }
      lastGood = i;
    }
  }
  if (open !== null) out.push({ firstBad: open, lastGood: lastGoodBefore(bad, states, open), fixed: null });
  return out;
}

function lastGoodBefore(bad: readonly boolean[], states: readonly CellState[], i: number): number | null {
  for (let j = i - 1; j >= 0; j--) if (states[j] !== UNKNOWN && !bad[j]) return j;
  return null;
}

/** The diff change a regression row stands for, so the allow lists (built-in and --allow) apply to it. */
function pseudoChange(kind: HistoryKind, subject: string, ref: CellState, s: CellState, parent: string | null): Change {
  const map: Record<HistoryKind, [ChangeKind, string | null, string | null]> = {
    device: ['device-removed', parent, null],
    unconfigured: ['unconfigured-added', null, subject.replace(/^.*@/, '')],
    milestone: ['milestone-lost', 'reached', null],
    rule: ['rule-changed', ref, s],
    panic: ['panic-added', null, subject],
  };
  const [k, from, to] = map[kind];
  return { kind: k, subject, from, to, regression: true, message: '', old: null, new: null, allowed: null };
}

/** Kernel build date, then version and build number; inputs without a date keep their order after the dated ones. */
function sortByKernel(sides: readonly DiffSide[]): DiffSide[] {
  const key = (s: DiffSide) => {
    const k = s.model ? judgedBoot(s.model)?.kernel : undefined;
    return { t: k?.date ? buildTime(k.date) : NaN, v: k?.version ?? '', b: k?.build ?? -1 };
  };
  return sides
    .map((s, i) => ({ s, i, k: key(s) }))
    .sort((a, b) => {
      const ta = Number.isNaN(a.k.t) ? Infinity : a.k.t;
      const tb = Number.isNaN(b.k.t) ? Infinity : b.k.t;
      return ta - tb || a.k.v.localeCompare(b.k.v, 'en', { numeric: true }) || a.k.b - b.k.b || a.i - b.i;
    })
    .map((x) => x.s);
}

/** `Tue Jul 26 13:00:43 MDT 2016` → ms; the zone is dropped when the runtime does not know it (a few hours do not reorder snapshots). */
function buildTime(date: string): number {
  const t = Date.parse(date);
  if (!Number.isNaN(t)) return t;
  return Date.parse(date.replace(/\s[A-Z]{2,5}(\s\d{4})$/, '$1'));
}
