import type { Boot, BootModel, Device, Unconfigured } from '../model/boot-model.js';
import type { Evidence } from '../model/source.js';
import { judgedBoot } from '../model/queries.js';
import type { CheckReport, RuleStatus, Verdict } from '../verdict/types.js';
import { InputError } from '../errors.js';
import { applyAllow, type AllowEntry } from './allow.js';
import { BUILTIN_ALLOW } from './builtin-allow.js';
import { snapshotOf } from './snapshot.js';
import { MILESTONE_LABEL, milestonesOf, type MilestoneId } from './milestones.js';
import { hasRedactionToken, normalizeVolatile } from './normalize-volatile.js';
import type { BootDiff, Change, ChangeKind, DiffSide, DiffSideSummary } from './types.js';

export interface DiffOptions {
  /** Expected changes (`--allow`). */
  readonly allow?: readonly AllowEntry[];
  /** The built-in allow list per release step (default: all of BUILTIN_ALLOW; `[]` turns it off). */
  readonly builtin?: readonly AllowEntry[];
  /** Runs the rules on a side that has a model but no report (inject `checkModel`), so verdict changes are compared. */
  readonly check?: (model: BootModel) => CheckReport;
}

/**
 * Compares the judged (latest) boots of two inputs. Volatile values (addresses, sizes,
 * fingerprints, host names, build numbers, dates) are never compared, so two healthy boots of
 * the same image diff clean. Throws InputError when the old side holds no boot to compare with.
 */
export function diffBoots(oldIn: DiffSide | BootModel, newIn: DiffSide | BootModel, options: DiffOptions = {}): BootDiff {
  const oldSide = withReport(toSide(oldIn, 'old'), options.check);
  const newSide = withReport(toSide(newIn, 'new'), options.check);
  const notes: string[] = [];
  const changes: Change[] = [];

  if (oldSide.model && newSide.model) {
    const a = judgedBoot(oldSide.model);
    const b = judgedBoot(newSide.model);
    if (!a) throw new InputError(`${oldSide.label}: no OpenBSD boot found to compare against`);
    changes.push(...kernelChanges(a, b), ...milestoneChanges(a, b));
    if (b) {
      changes.push(...deviceChanges(a, b), ...unconfiguredChanges(a, b), ...rootChanges(a, b), ...panicChanges(a, b));
    }
  } else {
    for (const s of [oldSide, newSide]) {
      if (!s.model) notes.push(`${s.label} is a check report without a boot model: devices and milestones not compared, only rule verdicts`);
    }
  }
  if (oldSide.report && newSide.report) changes.push(...verdictChanges(oldSide.report, newSide.report));
  else notes.push('rule verdicts not compared (no report for one side)');

  const newBoot = newSide.model ? judgedBoot(newSide.model) : null;
  const oldBoot = oldSide.model ? judgedBoot(oldSide.model) : null;
  if (oldBoot && newBoot) notes.push(...instanceSizeNotes(oldBoot, newBoot));
  const sized = markInstanceSize(markCaptureEnd(changes, newBoot), oldBoot, newBoot);
  const final = applyAllow(sized, options.allow ?? [], {
    newVersion: newBoot?.kernel.version ?? null,
    newDevices: new Set(newBoot?.devices.map((d) => d.name) ?? []),
  }, options.builtin ?? BUILTIN_ALLOW);
  const regression = final.some((c) => c.regression && !c.allowed);
  return {
    kind: 'bootgate-diff',
    schemaVersion: 1,
    old: summary(oldSide),
    new: summary(newSide),
    changes: final,
    regression,
    inconclusive: !regression && final.some((c) => c.inconclusive && !c.allowed),
    notes,
  };
}

// Drivers whose unit count follows the instance size (one per vCPU), not the image.
const PER_CPU_DRIVERS = new Set(['cpu', 'acpicpu']);

function cpuCount(b: Boot): number {
  return b.devices.filter((d) => d.driver === 'cpu').length;
}

/** Memory differs with the instance size: a note, never a change (the CPU count is the reason on the per-CPU devices). */
function instanceSizeNotes(a: Boot, b: Boot): string[] {
  const out: string[] = [];
  const mb = (n: number | null) => (n === null ? null : Math.round(n / (1024 * 1024)));
  const ma = mb(a.memory.real);
  const mn = mb(b.memory.real);
  if (ma !== null && mn !== null && ma !== mn) out.push(`instance size: memory ${ma} MB → ${mn} MB`);
  return out;
}

/** Per-CPU devices beyond the first come and go with the instance size: allowed, and grouped when printed. */
function markInstanceSize(changes: Change[], a: Boot | null, b: Boot | null): Change[] {
  if (!a || !b) return changes;
  const reason = `instance size: ${cpuCount(a)} → ${cpuCount(b)} CPUs`;
  return changes.map((c) => {
    if (c.kind !== 'device-added' && c.kind !== 'device-removed') return c;
    const m = /^([a-z]+)(\d+)$/.exec(c.subject);
    if (!m || !PER_CPU_DRIVERS.has(m[1]!) || m[2] === '0') return c;
    return { ...c, allowed: { reason, source: 'instance-size' as const, id: null } };
  });
}

// rc(8) output: once any of it is in the log, the capture reached multi-user start-up.
const RC_EVENTS = new Set(['autoboot', 'fsck', 'network-start', 'dhcp-discover', 'dhcp-offer', 'dhcp-request', 'dhcp-ack', 'dhcp-lease',
  'dhcp-no-offer', 'ssh-keygen', 'daemons', 'rc-firsttime', 'fingerprint-banner', 'sshd-fingerprint', 'login-banner', 'login-prompt']);
const AFTER_ROOT: ReadonlySet<string> = new Set<MilestoneId>(['dhcp-lease', 'fingerprint-banner', 'login-prompt']);

/** The log of `b` stops before any rc(8) output, without a panic: what comes after root is not in it. */
export function endsBeforeRc(b: Boot): boolean {
  return b.panics.length === 0 && !b.events.some((e) => RC_EVENTS.has(e.type));
}

/** Milestones that come with rc(8) output, after the root file system. */
export const AFTER_ROOT_MILESTONES = AFTER_ROOT;

/**
 * A new log that stops after `root on` with no rc(8) output and no panic (a saved dmesg, a
 * capture cut short) cannot tell whether the later milestones would come: those losses, and
 * rules that became inconclusive, are inconclusive, not regressions (and never a pass).
 */
function markCaptureEnd(changes: Change[], b: Boot | null): Change[] {
  const cut = b !== null && endsBeforeRc(b);
  return changes.map((c) => {
    if (cut && c.kind === 'milestone-lost' && AFTER_ROOT.has(c.subject)) {
      return { ...c, regression: false, inconclusive: true, message: `${c.message} (the new log ends before rc(8) output: cannot tell)` };
    }
    if ((c.kind === 'rule-changed' || c.kind === 'verdict-changed') && c.to === 'inconclusive') return { ...c, regression: false, inconclusive: true };
    return c;
  });
}

function toSide(x: DiffSide | BootModel, label: string): DiffSide {
  return 'boots' in x ? { label, model: x, report: null } : x;
}

function withReport(side: DiffSide, check: DiffOptions['check']): DiffSide {
  return side.report || !side.model || !check ? side : { ...side, report: check(side.model) };
}

function summary(side: DiffSide): DiffSideSummary {
  const boot = side.model ? judgedBoot(side.model) : null;
  const k = boot?.kernel;
  const kernel = k?.version ? `${k.version}${k.suffix ?? ''}${k.name ? ` ${k.name}` : ''}` : null;
  // A launch report names its instance type.
  const inst = (side.report as { instance?: { type?: unknown } } | null)?.instance?.type;
  return { label: side.label, snapshot: snapshotOf(side.model, typeof inst === 'string' ? inst : null), kernel, verdict: side.report?.verdict ?? null };
}

function change(kind: ChangeKind, subject: string, from: string | null, to: string | null, regression: boolean, message: string, old: Evidence | null, neu: Evidence | null): Change {
  return { kind, subject, from, to, regression, message, old: old ? ev(old) : null, new: neu ? ev(neu) : null, allowed: null };
}

/** Evidence without the model node's other fields, so JSON output stays small. */
function ev(s: Evidence): Evidence {
  return { line: s.line, text: s.text };
}

function kernelEvidence(b: Boot): Evidence | null {
  return b.kernel.line !== null && b.kernel.text !== null ? { line: b.kernel.line, text: b.kernel.text } : null;
}

function kernelChanges(a: Boot, b: Boot | null): Change[] {
  if (!b) return [];
  const out: Change[] = [];
  const va = a.kernel.version ? a.kernel.version + (a.kernel.suffix ?? '') : null;
  const vb = b.kernel.version ? b.kernel.version + (b.kernel.suffix ?? '') : null;
  // A banner lost to the 64 KB console limit is not a version change.
  if (va && vb && va !== vb) out.push(change('kernel-version', 'kernel', va, vb, false, `OpenBSD ${va} → ${vb}`, kernelEvidence(a), kernelEvidence(b)));
  // A custom kernel named after its build host is redacted (`<host:…>`): its name is unknown, not changed.
  if (a.kernel.name && b.kernel.name && a.kernel.name !== b.kernel.name && !hasRedactionToken(a.kernel.name) && !hasRedactionToken(b.kernel.name)) {
    out.push(change('kernel-name', 'kernel', a.kernel.name, b.kernel.name, false, `kernel ${a.kernel.name} → ${b.kernel.name}`, kernelEvidence(a), kernelEvidence(b)));
  }
  return out;
}

function milestoneChanges(a: Boot, b: Boot | null): Change[] {
  const ma = milestonesOf(a);
  const mb = milestonesOf(b);
  const out: Change[] = [];
  for (const id of Object.keys(MILESTONE_LABEL) as MilestoneId[]) {
    const x = ma.get(id);
    const y = mb.get(id);
    if (x && !y) out.push(change('milestone-lost', id, 'reached', null, true, `${MILESTONE_LABEL[id]} no longer reached`, x, null));
    if (!x && y) out.push(change('milestone-gained', id, null, 'reached', false, `${MILESTONE_LABEL[id]} now reached`, null, y));
  }
  return out;
}

function firstByName(devices: readonly Device[]): Map<string, Device> {
  const m = new Map<string, Device>();
  // A device that detaches and re-attaches (USB NICs) keeps its first attach as its identity.
  for (const d of devices) if (!m.has(d.name)) m.set(d.name, d);
  return m;
}

function deviceChanges(a: Boot, b: Boot): Change[] {
  const da = firstByName(a.devices);
  const db = firstByName(b.devices);
  const out: Change[] = [];
  for (const [name, d] of da) {
    const e = db.get(name);
    if (!e) {
      out.push(change('device-removed', name, d.parent, null, true, `${name} at ${d.parent} no longer attaches`, d, null));
    } else if (e.parent !== d.parent) {
      out.push(change('device-moved', name, d.parent, e.parent, false, `${name} moved from ${d.parent} to ${e.parent}`, d, e));
    } else {
      const x = normalizeVolatile(d.description ?? '');
      const y = normalizeVolatile(e.description ?? '');
      if (x !== y) out.push(change('device-changed', name, x || null, y || null, false, `${name} attach text changed`, d, e));
    }
  }
  for (const [name, e] of db) {
    if (!da.has(name)) out.push(change('device-added', name, null, e.parent, false, `${name} at ${e.parent} newly attaches`, null, e));
  }
  return out;
}

function unconfiguredKey(u: Unconfigured): string {
  return `"${u.name}"@${u.parent}`;
}

function unconfiguredChanges(a: Boot, b: Boot): Change[] {
  const ua = new Map(a.unconfigured.map((u) => [unconfiguredKey(u), u] as const).reverse());
  const ub = new Map(b.unconfigured.map((u) => [unconfiguredKey(u), u] as const).reverse());
  const out: Change[] = [];
  for (const [key, u] of ub) {
    if (!ua.has(key)) out.push(change('unconfigured-added', key, null, u.parent, true, `"${u.name}" at ${u.parent} is newly not configured`, null, u));
  }
  for (const [key, u] of ua) {
    if (!ub.has(key)) out.push(change('unconfigured-removed', key, u.parent, null, false, `"${u.name}" at ${u.parent} is no longer unconfigured`, u, null));
  }
  return out;
}

function rootChanges(a: Boot, b: Boot): Change[] {
  // A root lost altogether is the root-mounted milestone; this is a root that moved.
  if (!a.root || !b.root || a.root.device === b.root.device) return [];
  return [change('root-changed', 'root', a.root.device, b.root.device, true, `root device ${a.root.device} → ${b.root.device}`, a.root, b.root)];
}

/**
 * Panic messages with addresses masked, so the same panic at another address is the same panic:
 * `0x…` numbers, bare kernel addresses (8+ hex digits) and redaction tokens (a redacted baseline
 * of the same console must show the same panic).
 */
export function panicTitle(message: string): string {
  return message
    .replace(/<(?:mac|ip|host|fp|duid|serial|wwn|aws|account):[0-9a-f]{6}>/g, '…')
    .replace(/0x[0-9a-f]+/gi, '0x…')
    .replace(/\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi, '…')
    .replace(/\s+/g, ' ')
    .trim();
}

function panicChanges(a: Boot, b: Boot): Change[] {
  const pa = new Map(a.panics.map((p) => [panicTitle(p.message), p] as const));
  const pb = new Map(b.panics.map((p) => [panicTitle(p.message), p] as const));
  const out: Change[] = [];
  for (const [t, p] of pb) if (!pa.has(t)) out.push(change('panic-added', t, null, t, true, `new ${p.kind}: ${t}`, null, p));
  for (const [t, p] of pa) if (!pb.has(t)) out.push(change('panic-removed', t, t, null, false, `${p.kind} gone: ${t}`, p, null));
  return out;
}

const RANK: Readonly<Record<RuleStatus, number>> = { pass: 0, skip: 0, inconclusive: 1, fail: 2 };

function worstByRule(report: CheckReport): Map<string, { status: RuleStatus; evidence: Evidence | null }> {
  const m = new Map<string, { status: RuleStatus; evidence: Evidence | null }>();
  for (const f of report.findings) {
    const prev = m.get(f.rule);
    if (!prev || RANK[f.status] > RANK[prev.status]) m.set(f.rule, { status: f.status, evidence: f.evidence[0] ?? null });
  }
  return m;
}

function verdictChanges(a: CheckReport, b: CheckReport): Change[] {
  const out: Change[] = [];
  if (a.verdict !== b.verdict) {
    out.push(change('verdict-changed', 'verdict', a.verdict, b.verdict, worse(a.verdict, b.verdict), `verdict ${a.verdict} → ${b.verdict}`, null, null));
  }
  const ra = worstByRule(a);
  const rb = worstByRule(b);
  for (const rule of new Set([...ra.keys(), ...rb.keys()])) {
    const x = ra.get(rule);
    const y = rb.get(rule);
    const sx = x?.status ?? 'skip';
    const sy = y?.status ?? 'skip';
    if (sx !== sy) {
      out.push(change('rule-changed', rule, sx, sy, RANK[sy] > RANK[sx], `rule ${rule}: ${sx} → ${sy}`, x?.evidence ?? null, y?.evidence ?? null));
    }
  }
  return out;
}

function worse(a: Verdict, b: Verdict): boolean {
  return RANK[b] > RANK[a];
}
