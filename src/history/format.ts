import { formatSnapshot } from '../diff/snapshot.js';
import type { HistoryChange, HistoryReport, HistoryRow, HistorySnapshot, SnapshotRef } from './types.js';

/** `[2] c.log (OpenBSD 6.1 #19 …)` */
function at(r: SnapshotRef, report: HistoryReport): string {
  const s = report.snapshots[r.index]!;
  const k = [s.kernel.version && `OpenBSD ${s.kernel.version}`, s.kernel.build !== null && `#${s.kernel.build}`].filter(Boolean).join(' ');
  return `[${r.index}] ${r.file}${k ? ` (${k})` : ''}`;
}

function snapshotLine(s: HistorySnapshot): string {
  return `[${s.index}] ${s.file}: ${formatSnapshot(s.snapshot) ?? 'no boot model'}${s.verdict ? `; verdict ${s.verdict}` : ''}`;
}

/** One sentence per regression episode. */
export function changeSentence(c: HistoryChange, report: HistoryReport): string {
  const parts = [`${c.subject} (${c.kind}): first bad ${at(c.firstBad, report)}`];
  parts.push(c.lastGood ? `last good ${at(c.lastGood, report)}` : 'bad from the first snapshot that could tell');
  parts.push(c.fixed ? `fixed in ${at(c.fixed, report)}` : 'still bad in the newest');
  return parts.join('; ') + (c.allowed ? ` — allowed${c.allowed.id ? ` (built-in ${c.allowed.id})` : ''}: ${c.allowed.reason}` : '');
}

export function historyResult(report: HistoryReport): string {
  const open = report.changes.filter((c) => c.fixed === null && !c.allowed).length;
  const fixed = report.changes.filter((c) => c.fixed !== null).length;
  const allowed = report.changes.filter((c) => c.fixed === null && c.allowed).length;
  return open > 0
    ? `result: REGRESSION (${open} still bad in the newest snapshot, ${fixed} fixed, ${allowed} allowed)`
    : `result: ok (no regression left in the newest snapshot; ${fixed} fixed, ${allowed} allowed)`;
}

/** A cell as printed: bad states in capitals, so a regression stands out in a terminal without colour. */
function cell(row: HistoryRow, i: number): string {
  const s = row.states[i]!;
  return row.bad[i] ? s.toUpperCase() : s === 'unknown' ? '?' : s;
}

/** The matrix for a terminal. */
export function formatHistoryText(report: HistoryReport): string {
  const out = [`bootgate history: ${report.snapshots.length} snapshots, oldest first`];
  for (const s of report.snapshots) out.push(`  ${snapshotLine(s)}`);
  out.push('');
  if (report.rows.length === 0) out.push('no subject changed across the series');
  else {
    const head = ['subject', 'kind', ...report.snapshots.map((s) => `[${s.index}]`)];
    const body = report.rows.map((r) => [r.subject, r.kind, ...r.states.map((_, i) => cell(r, i))]);
    const widths = head.map((h, c) => Math.min(40, Math.max(h.length, ...body.map((b) => b[c]!.length))));
    const line = (cols: string[]) => cols.map((x, c) => (x.length > widths[c]! ? `${x.slice(0, widths[c]! - 1)}…` : x.padEnd(widths[c]!))).join('  ').trimEnd();
    out.push(line(head), ...body.map(line));
  }
  const regressions = report.changes;
  if (regressions.length > 0) {
    out.push('', 'regressions (against the oldest snapshot):');
    for (const c of regressions) out.push(`  ${changeSentence(c, report)}`);
  }
  for (const n of report.notes) out.push(`note: ${n}`);
  out.push('', historyResult(report));
  return out.join('\n') + '\n';
}

/** Escapes text for a markdown table cell. */
function md(s: string): string {
  return s.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export function formatHistoryMarkdown(report: HistoryReport): string {
  const out = ['## bootgate history', ''];
  out.push('| # | file | kernel | build | date | verdict |', '|---|---|---|---|---|---|');
  for (const s of report.snapshots) {
    out.push(`| ${s.index} | ${md(s.file)} | ${md(s.kernel.version ?? '?')} | ${s.kernel.build ?? '?'} | ${md(s.kernel.date ?? '?')} | ${s.verdict ?? ''} |`);
  }
  out.push('');
  if (report.rows.length > 0) {
    out.push(`| subject | kind | ${report.snapshots.map((s) => `[${s.index}]`).join(' | ')} |`, `|---|---|${report.snapshots.map(() => '---').join('|')}|`);
    for (const r of report.rows) out.push(`| ${md(r.subject)} | ${r.kind} | ${r.states.map((s, i) => (r.bad[i] ? `**${md(s)}**` : md(s))).join(' | ')} |`);
    out.push('');
  } else out.push('No subject changed across the series.', '');
  for (const c of report.changes) out.push(`- ${md(changeSentence(c, report))}`);
  if (report.changes.length > 0) out.push('');
  for (const n of report.notes) out.push(`> note: ${md(n)}`, '');
  out.push(`**${md(historyResult(report))}**`, '');
  return out.join('\n');
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:1em 0}
th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;white-space:nowrap}th{background:#f3f3f3}
td.good{background:#d9f2d9}td.bad{background:#e53935;color:#fff;font-weight:bold}td.changed{background:#fff3c4}td.unknown{background:#eee;color:#888}
.ok{color:#1b7f1b}.regression{color:#c62828}code{font-size:13px}`;

/** A self-contained page: the heat map (green as the oldest, red a regression, yellow another change, grey cannot tell). */
export function formatHistoryHtml(report: HistoryReport): string {
  const title = `bootgate history: ${report.regression ? 'REGRESSION' : 'no regression'} (${report.snapshots.length} snapshots)`;
  const snaps = report.snapshots.map((s) => `<tr><td>${s.index}</td><td><code>${esc(s.file)}</code></td><td>${esc(s.kernel.version ?? '?')}</td><td>${s.kernel.build ?? '?'}</td><td>${esc(s.kernel.date ?? '?')}</td><td>${esc(s.snapshot?.instanceType ?? '')}</td><td>${esc(s.verdict ?? '')}</td></tr>`).join('');
  const head = report.snapshots.map((s) => `<th title="${esc(s.file)}">[${s.index}]<br>${esc(s.kernel.version ?? '?')} #${s.kernel.build ?? '?'}</th>`).join('');
  const rows = report.rows.map((r) => {
    const ref = r.states.find((s) => s !== 'unknown');
    const cells = r.states.map((s, i) => {
      const cls = s === 'unknown' ? 'unknown' : r.bad[i] ? 'bad' : s === ref ? 'good' : 'changed';
      return `<td class="${cls}">${esc(s)}</td>`;
    }).join('');
    return `<tr><th><code>${esc(r.subject)}</code></th><td>${esc(r.kind)}</td>${cells}</tr>`;
  }).join('');
  const list = report.changes.map((c) => `<li>${esc(changeSentence(c, report))}</li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(title)}</title><style>${STYLE}</style></head><body>
<h1 class="${report.regression ? 'regression' : 'ok'}">${esc(title)}</h1>
<table><thead><tr><th>#</th><th>file</th><th>version</th><th>build</th><th>date</th><th>instance</th><th>verdict</th></tr></thead><tbody>${snaps}</tbody></table>
${report.rows.length > 0 ? `<table id="matrix"><thead><tr><th>subject</th><th>kind</th>${head}</tr></thead><tbody>${rows}</tbody></table>` : '<p>No subject changed across the series.</p>'}
${list ? `<h2>Regressions</h2><ul>${list}</ul>` : ''}
${report.notes.map((n) => `<p>note: ${esc(n)}</p>`).join('')}
<p><b>${esc(historyResult(report))}</b></p>
</body></html>
`;
}

/** The JSON contract: snapshots with their kernel, the matrix rows, and one entry per regression episode. */
export function formatHistoryJson(report: HistoryReport): string {
  return JSON.stringify({
    kind: report.kind,
    schemaVersion: report.schemaVersion,
    regression: report.regression,
    snapshots: report.snapshots.map((s) => ({ index: s.index, file: s.file, kernel: s.kernel, instanceType: s.snapshot?.instanceType ?? null, verdict: s.verdict })),
    changes: report.changes,
    rows: report.rows,
    notes: report.notes,
  }, null, 2) + '\n';
}
