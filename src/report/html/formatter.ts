import type { CheckReport } from '../../verdict/types.js';
import type { BootDiff } from '../../diff/types.js';
import type { KnownIssueOutcome } from '../../known-issues/types.js';
import type { Evidence } from '../../model/source.js';
import type { ReportFormatter } from '../types.js';
import { PAGE_TAIL, pageHead, renderReportBody } from '../html.js';
import { esc } from './escape.js';

// Element ids must be unique on the page: each file's anchors get `f<n>-`. Reset per run in begin().
let fileIndex = 0;

/** What `check --baseline` / `--known-issues` add to a file's article. */
export interface HtmlArticleExtras {
  readonly diff?: BootDiff | null;
  readonly known?: KnownIssueOutcome | null;
}

/**
 * `check --format html` through the streaming registry. A formatter sees only the report, so the
 * console section holds the evidence lines; the full console, device tree and diff need
 * renderHtmlReport with the model and console (what `check` does for a single file).
 */
export const htmlFormatter: ReportFormatter = {
  id: 'html',
  description: 'one self-contained HTML page (no scripts, no network fetches)',
  begin() {
    fileIndex = 0;
    return pageHead('bootgate check');
  },
  file: (report: CheckReport) => htmlArticle(report),
  error: (file, message) => `<article><h1>ERROR — ${esc(file)}</h1><p>${esc(message)}</p></article>\n`,
  end(s) {
    const v = s.verdicts;
    return `<footer><p><b>${s.files + s.errors} file(s): ${v.pass} pass, ${v.fail} fail, ${v.inconclusive} inconclusive${s.errors ? `, ${s.errors} unreadable` : ''}</b></p></footer>\n${PAGE_TAIL}`;
  },
};

/** One file's article in the streaming page; evidence of the diff and known issues is kept so their links resolve. */
export function htmlArticle(report: CheckReport, extras: HtmlArticleExtras = {}): string {
  fileIndex++;
  const seen = new Map<number, Evidence>();
  const all = [
    ...report.findings.flatMap((f) => f.evidence),
    ...report.diagnoses.flatMap((d) => d.evidence),
    ...(extras.known?.matches.flatMap((m) => m.evidence) ?? []),
    ...(extras.diff?.changes.flatMap((c) => (c.new ? [c.new] : [])) ?? []),
  ];
  for (const e of all) if (!seen.has(e.line)) seen.set(e.line, e);
  const consoleLines = [...seen.values()].sort((a, b) => a.line - b.line);
  return `<article>${renderReportBody({ report, model: null, consoleLines, idPrefix: `f${fileIndex}-`, diff: extras.diff ?? null, known: extras.known ?? null })}</article>\n`;
}
