import { allowedLine, groupChanges, orderChanges, shownChanges, resultLine, side, tag, where } from './format-text.js';
import type { BootDiff } from './types.js';

/** Markdown for a bug report or a PR comment. Log text goes in code spans, so it cannot inject markup. */
export function formatDiffMarkdown(diff: BootDiff): string {
  const out = [
    '## bootgate diff',
    '',
    `- old: ${cell(side(diff.old))}`,
    `- new: ${cell(side(diff.new))}`,
    '',
  ];
  const ordered = groupChanges(orderChanges(shownChanges(diff.changes)));
  if (ordered.length === 0) {
    out.push('No changes.', '');
  } else {
    out.push('| | change | what | evidence |', '|---|---|---|---|');
    for (const { change: c, count, message } of ordered) {
      const why = allowedLine(c);
      const what = cell(message) + (why ? `<br>${cell(why)}` : '');
      const t = tag(c);
      out.push(`| ${t === 'REGRESSION' ? '**REGRESSION**' : t} | \`${c.kind}\` | ${what} | ${count === 1 ? cell(where(c).trim().replace(/^\(|\)$/g, '')) : ''} |`);
    }
    out.push('');
  }
  for (const n of diff.notes) out.push(`> note: ${cell(n)}`, '');
  out.push(`**${resultLine(diff)}**`, '');
  return out.join('\n');
}

/** Escapes text for a table cell: pipes, markup characters and newlines. */
function cell(s: string): string {
  return s.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
