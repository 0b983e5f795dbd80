import type { BootDiff, Change, DiffSideSummary } from './types.js';
import { formatSnapshot } from './snapshot.js';

/** Plain text for a terminal: one change (or one run of numbered devices) per line, regressions first, with the evidence line numbers. */
export function formatDiffText(diff: BootDiff): string {
  const lines = [`old: ${side(diff.old)}`, `new: ${side(diff.new)}`];
  const items = groupChanges(orderChanges(shownChanges(diff.changes)));
  lines.push('');
  if (items.length === 0) lines.push('no changes');
  let lastReason: string | null = null;
  for (const it of items) {
    lines.push(`${tag(it.change).padEnd(10)} ${it.change.kind.padEnd(20)} ${it.message}${it.count === 1 ? where(it.change) : ''}`);
    const why = allowedLine(it.change);
    // A reason shared by the lines above it is said once.
    if (why && why !== lastReason) lines.push(`${''.padEnd(32)}${why}`);
    lastReason = why;
  }
  for (const n of diff.notes) lines.push(`note: ${n}`);
  lines.push('', resultLine(diff));
  return lines.join('\n') + '\n';
}

/** `002.txt: OpenBSD 6.0 GENERIC.MP #2319 (Tue Jul 26 13:00:43 MDT 2016) amd64, t2.micro; verdict pass` */
export function side(s: DiffSideSummary): string {
  const id = formatSnapshot(s.snapshot ?? null) ?? (s.kernel ? `OpenBSD ${s.kernel}` : null);
  const parts = [id ? `${s.label}: ${id}` : s.label];
  if (s.verdict) parts.push(`verdict ${s.verdict}`);
  return parts.join('; ');
}

export function tag(c: Change): string {
  if (c.regression && !c.allowed) return 'REGRESSION';
  if (c.allowed) return 'allowed';
  if (c.inconclusive) return 'unknown';
  return 'changed';
}

/** `allowed (built-in xbf-wd0): …`, `allowed: …` (an --allow file), or null. */
export function allowedLine(c: Change): string | null {
  if (!c.allowed) return null;
  const src = c.allowed.source === 'builtin' ? ` (built-in ${c.allowed.id})` : c.allowed.source === 'instance-size' ? ' (instance size)' : '';
  return `allowed${src}: ${c.allowed.reason}`;
}

/** `(old L57, new L60)` */
export function where(c: Change): string {
  const refs = [c.old ? `old L${c.old.line}` : null, c.new ? `new L${c.new.line}` : null].filter(Boolean);
  return refs.length > 0 ? ` (${refs.join(', ')})` : '';
}

/**
 * What the text and markdown list (the JSON has every change): a verdict that did not get worse is
 * already in the header, and a rule that became inconclusive beside its own milestone, lost
 * because the log ends early, says the same thing twice.
 */
export function shownChanges(changes: readonly Change[]): Change[] {
  const cut = new Set(changes.filter((c) => c.kind === 'milestone-lost' && c.inconclusive).map((c) => c.subject));
  return changes.filter((c) => {
    if (c.kind === 'verdict-changed' && !c.regression) return false;
    if (c.kind === 'rule-changed' && c.inconclusive && cut.has(c.subject)) return false;
    return true;
  });
}

/** Unallowed regressions, then inconclusive ones, then allowed ones, then other changes; stable within each group. */
export function orderChanges(changes: readonly Change[]): Change[] {
  const rank = (c: Change) => (c.regression && !c.allowed ? 0 : c.inconclusive && !c.allowed ? 1 : c.allowed ? 2 : 3);
  return [...changes].sort((a, b) => rank(a) - rank(b));
}

/** One printed line: a change, or a run of numbered devices (`cpu1–cpu39 at mainbus0 newly attach (39)`). */
export interface ChangeLine {
  readonly change: Change;
  readonly count: number;
  readonly message: string;
}

const UNIT = /^([a-z]+)(\d+)$/;

/** Groups consecutive added/removed devices of one driver, one parent and one verdict whose units follow each other. */
export function groupChanges(changes: readonly Change[]): ChangeLine[] {
  const out: ChangeLine[] = [];
  let i = 0;
  while (i < changes.length) {
    const c = changes[i]!;
    const m = UNIT.exec(c.subject);
    let j = i + 1;
    if (m && (c.kind === 'device-added' || c.kind === 'device-removed')) {
      let unit = Number(m[2]);
      for (; j < changes.length; j++) {
        const d = changes[j]!;
        const n = UNIT.exec(d.subject);
        if (!n || d.kind !== c.kind || n[1] !== m[1] || Number(n[2]) !== unit + 1 || d.from !== c.from || d.to !== c.to ||
          tag(d) !== tag(c) || d.allowed?.reason !== c.allowed?.reason) break;
        unit++;
      }
    }
    const count = j - i;
    if (count === 1) out.push({ change: c, count, message: c.message });
    else {
      const last = changes[j - 1]!.subject;
      const parent = c.kind === 'device-added' ? c.to : c.from;
      out.push({ change: c, count, message: `${c.subject}–${last} at ${parent} ${c.kind === 'device-added' ? 'newly attach' : 'no longer attach'} (${count})` });
    }
    i = j;
  }
  return out;
}

export function resultLine(diff: BootDiff): string {
  const regressions = diff.changes.filter((c) => c.regression && !c.allowed).length;
  const allowed = diff.changes.filter((c) => c.allowed).length;
  const unknown = diff.changes.filter((c) => c.inconclusive && !c.allowed && !c.regression).length;
  const other = diff.changes.length - regressions - allowed - unknown;
  const counts = `${allowed} allowed, ${other} other change${other === 1 ? '' : 's'}`;
  if (regressions > 0) return `result: REGRESSION (${regressions} regression${regressions === 1 ? '' : 's'}, ${counts})`;
  if (diff.inconclusive) return `result: no regression found, inconclusive: the new log cannot tell ${unknown} thing${unknown === 1 ? '' : 's'} (${counts})`;
  return `result: ok (${counts})`;
}
