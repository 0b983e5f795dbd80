import type { CheckReport } from '../../check/types.js';
import type { Evidence } from '../../model/source.js';
import type { ReportFormatter } from '../types.js';
import { PAGE_TAIL, pageHead, renderReportBody } from '../html.js';
import { esc } from './escape.js';

// Element ids must be unique on the page: each file's anchors get `f<n>-`. Reset per run in begin().
let fileIndex = 0;

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
  file(report: CheckReport) {
    fileIndex++;
    const seen = new Map<number, Evidence>();
    const all = [...report.findings.flatMap((f) => f.evidence), ...report.diagnoses.flatMap((d) => d.evidence)];
    for (const e of all) if (!seen.has(e.line)) seen.set(e.line, e);
    const consoleLines = [...seen.values()].sort((a, b) => a.line - b.line);
    return `<article>${renderReportBody({ report, model: null, consoleLines, idPrefix: `f${fileIndex}-` })}</article>\n`;
  },
  error: (file, message) => `<article><h1>ERROR — ${esc(file)}</h1><p>${esc(message)}</p></article>\n`,
  end(s) {
    const v = s.verdicts;
    return `<footer><p><b>${s.files + s.errors} file(s): ${v.pass} pass, ${v.fail} fail, ${v.inconclusive} inconclusive${s.errors ? `, ${s.errors} unreadable` : ''}</b></p></footer>\n${PAGE_TAIL}`;
  },
};
