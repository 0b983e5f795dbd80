import type { Evidence } from '../../model/source.js';
import type { NormalLine } from '../../input/types.js';
import type { ReportFormatter, ReportItem } from '../types.js';
import { PAGE_TAIL, pageHead, renderDiffHtml, renderHtmlReport, renderHtmlReportPieces, renderReportBody, type HtmlReportInput } from '../html.js';
import { countLine, gateNote } from '../gate-note.js';
import { launchLabel } from '../launch-section.js';
import { esc } from './escape.js';

/** The evidence lines of a report, its diff and known issues: the console an article shows when the whole one is not at hand. */
function evidenceLines(item: ReportItem): NormalLine[] {
  const seen = new Map<number, Evidence>();
  const all = [
    ...item.report.findings.flatMap((f) => f.evidence),
    ...item.report.diagnoses.flatMap((d) => d.evidence),
    ...(item.known?.outcome.matches.flatMap((m) => m.evidence) ?? []),
    ...(item.baseline?.diff.changes.flatMap((c) => (c.new ? [c.new] : [])) ?? []),
  ];
  for (const e of all) if (!seen.has(e.line)) seen.set(e.line, e);
  return [...seen.values()].sort((a, b) => a.line - b.line).map((e) => ({ line: e.line, text: e.text }));
}

function input(item: ReportItem, command: string, idPrefix?: string): HtmlReportInput {
  return {
    report: item.report,
    model: item.consoleLines ? (item.model ?? null) : null,
    consoleLines: item.consoleLines ?? evidenceLines(item),
    diff: item.baseline?.diff ?? null,
    known: item.known?.outcome ?? null,
    launch: item.launch ?? null,
    note: gateNote(item),
    title: `bootgate ${command}: ${item.report.verdict} — ${item.launch ? launchLabel(item.launch) : item.label}`,
    ...(idPrefix !== undefined ? { idPrefix } : {}),
  };
}

/**
 * One self-contained page. A single input is the full report (every console line, device tree,
 * timeline); several are one article each (ids prefixed so each console's anchors stay its own),
 * with a summary that is written last, since the page streams, and shown on top.
 */
export const htmlFormatter: ReportFormatter = {
  id: 'html',
  description: 'one self-contained HTML page (no scripts, no network fetches)',
  wholeConsole: true,
  open(run) {
    const single = run.inputs === 1;
    let n = 0;
    const listed: string[] = [];
    const title = `bootgate ${run.command}`;
    return {
      begin: () => (single ? '' : pageHead(title, 'multi')),
      item(item) {
        if (single) {
          if (item.consolePieces && !item.consoleLines) {
            const { consoleLines, ...rest } = input({ ...item, consoleLines: [] }, run.command);
            void consoleLines;
            return renderHtmlReportPieces({ ...rest, model: item.model ?? null }, item.consolePieces());
          }
          return renderHtmlReport(input(item, run.command));
        }
        n++;
        const id = `f${n}-`;
        if (item.report.verdict !== 'pass') listed.push(`<li class="${esc(item.report.verdict)}"><a href="#${id}verdict">${esc(item.label)}</a> ${esc(item.report.verdict)}</li>`);
        return `<article>${renderReportBody(input(item, run.command, id))}</article>\n`;
      },
      error(e) {
        n++;
        listed.push(`<li class="fail"><a href="#f${n}-error">${esc(e.label)}</a> error</li>`);
        const article = `<article id="f${n}-error"><h1>ERROR — ${esc(e.label)}</h1><p>${esc(e.message)}</p></article>\n`;
        return single ? `${pageHead(title)}${article}${PAGE_TAIL}` : article;
      },
      end(s) {
        if (single) return '';
        const v = s.verdicts;
        const counts = `<p class="counts"><b>${esc(countLine(run, s))}</b></p>`;
        const list = listed.length > 0 ? `<h2>Not passing</h2><ul>${listed.join('')}</ul>` : '';
        return `<section class="summary" id="summary"><h1>${esc(title)}: ${v.fail + s.errors > 0 ? 'FAIL' : v.inconclusive > 0 ? 'INCONCLUSIVE' : 'PASS'}</h1>${counts}${list}</section>\n${PAGE_TAIL}`;
      },
    };
  },
  diff: (d) => renderDiffHtml(d),
};
