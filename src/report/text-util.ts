import type { Evidence } from '../model/source.js';

/** Evidence line numbers as a short list: "12, 40-42, 57". */
export function lineList(evidence: readonly Evidence[]): string {
  const lines = [...new Set(evidence.map((e) => e.line))].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    parts.push(j > i ? `${lines[i]}-${lines[j]}` : String(lines[i]));
    i = j + 1;
  }
  return parts.join(', ');
}

/** Console text can hold anything: keep it on one line, visible, and bounded. */
export function oneLine(text: string, max = 160): string {
  const t = text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * Console text in markdown prose or a table cell: on one line, and literal. A backslash goes
 * before each character CommonMark or GitHub's extensions give a meaning here (CommonMark lets
 * any ASCII punctuation be escaped): emphasis and strikethrough (`*_~`), code, links (`[]`; a
 * `(` or `!` means nothing without them), HTML and autolinks (`<>`), entities (`&copy;`),
 * headings, table pipes. The GFM autolink extension also links bare `http://…`, `www.…` and
 * `user@host.domain` (a kernel banner's `deraadt@amd64.openbsd.org`): an escaped `:` before
 * `//`, `.` after `www` and `@` between words split those, so they stay text.
 */
export function mdText(s: string): string {
  return oneLine(s, 300)
    .replace(/[\\`*_[\]<>|~&#]/g, (c) => `\\${c}`)
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/(?<=\w)@(?=\w)/g, '\\@');
}

/** A duration as the reports print it: `850ms`, `4.2s`, `42s`, `3m`, `3m20s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return s === 0 ? `${m}m` : `${m}m${s}s`;
}
