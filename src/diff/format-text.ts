import type { BootDiff, Change, DiffSideSummary } from './types.js';

/** Plain text for a terminal: one change per line, regressions first, with the evidence line numbers. */
export function formatDiffText(diff: BootDiff): string {
  const lines = [`old: ${side(diff.old)}`, `new: ${side(diff.new)}`];
  const ordered = orderChanges(diff.changes);
  if (ordered.length === 0) lines.push('', 'no changes');
  else lines.push('');
  for (const c of ordered) {
    lines.push(`${tag(c).padEnd(10)} ${c.kind.padEnd(20)} ${c.message}${where(c)}`);
    if (c.allowed) lines.push(`${''.padEnd(32)}allowed: ${c.allowed.reason}`);
  }
  for (const n of diff.notes) lines.push(`note: ${n}`);
  lines.push('', resultLine(diff));
  return lines.join('\n') + '\n';
}

export function side(s: DiffSideSummary): string {
  const parts = [s.label];
  if (s.kernel) parts.push(`OpenBSD ${s.kernel}`);
  if (s.verdict) parts.push(`verdict ${s.verdict}`);
  return parts.join(', ');
}

export function tag(c: Change): string {
  if (c.regression && !c.allowed) return 'REGRESSION';
  if (c.allowed) return 'allowed';
  return 'changed';
}

/** `(old L57, new L60)` */
export function where(c: Change): string {
  const refs = [c.old ? `old L${c.old.line}` : null, c.new ? `new L${c.new.line}` : null].filter(Boolean);
  return refs.length > 0 ? ` (${refs.join(', ')})` : '';
}

/** Unallowed regressions, then allowed ones, then other changes; stable within each group. */
export function orderChanges(changes: readonly Change[]): Change[] {
  const rank = (c: Change) => (c.regression && !c.allowed ? 0 : c.allowed ? 1 : 2);
  return [...changes].sort((a, b) => rank(a) - rank(b));
}

export function resultLine(diff: BootDiff): string {
  const regressions = diff.changes.filter((c) => c.regression && !c.allowed).length;
  const allowed = diff.changes.filter((c) => c.allowed).length;
  const other = diff.changes.length - regressions - allowed;
  if (regressions > 0) return `result: REGRESSION (${regressions} regression${regressions === 1 ? '' : 's'}, ${allowed} allowed, ${other} other change${other === 1 ? '' : 's'})`;
  return `result: ok (${allowed} allowed, ${other} other change${other === 1 ? '' : 's'})`;
}
