import type { FormatContext, ReportFormatter, RunSummary } from '../report/types.js';
import { FORMATTERS } from '../report/index.js';
import { PAGE_TAIL, pageHead, renderHtmlReport, renderReportBody } from '../report/html.js';
import { launchHuman, launchJunit, launchJunitError, launchLabel, launchMarkdown } from '../report/launch-section.js';
import { jsonGated, renderGated } from '../report/render-gated.js';
import type { GatedCheck } from '../gate/apply-gate.js';
import type { JudgedOutcome } from './judge-outcomes.js';
import { cellLabel, launchErrorObject } from './outcome.js';
import type { LaunchReport } from '../verdict/launch-report.js';

export type LaunchFormat = 'human' | 'json' | 'junit' | 'markdown' | 'html';

type Judged = Extract<JudgedOutcome, { report: LaunchReport }>;

/** The launch JSON contract: the check report (with the gate's fields when a gate is on) plus instance, timeline, cost, cause, reason, console, dmesg, uname. */
export function launchJson(o: JudgedOutcome): object {
  if (!o.report) return launchErrorObject(o, o.error);
  return o.gated ? jsonGated(o.gated) : o.report;
}

/**
 * One instance's report through the check formatter, named after the run instead of an input
 * file. The label goes only to the text formats: the JSON contract has no `file`.
 */
function checkPart(formatter: ReportFormatter, o: Judged, ctx: FormatContext): string {
  const report = { ...o.report, file: launchLabel(o.report) };
  const gated: GatedCheck = o.gated ? { ...o.gated, report } : { report, model: o.model, rulesVerdict: o.report.verdict, baseline: null, known: null, consoleLines: null };
  return renderGated(formatter, gated, ctx);
}

function html(outcomes: readonly JudgedOutcome[]): string {
  const judged = outcomes.filter((o): o is Judged => o.report !== undefined);
  const errors = outcomes.filter((o) => o.error);
  const input = (o: Judged, idPrefix?: string) => ({
    report: o.report,
    model: o.model,
    consoleLines: o.consoleLines,
    diff: o.gated?.baseline?.diff ?? null,
    known: o.gated?.known?.outcome ?? null,
    launch: o.report,
    title: `bootgate launch: ${o.report.verdict} — ${launchLabel(o.report)}`,
    ...(idPrefix !== undefined ? { idPrefix } : {}),
  });
  if (judged.length === 1 && errors.length === 0) return renderHtmlReport(input(judged[0]!));
  // A matrix: one article per instance type, ids prefixed so each console's anchors stay its own.
  const body = outcomes.map((o, n) =>
    o.report
      ? `<article>${renderReportBody(input(o, `i${n + 1}-`))}</article>\n`
      : FORMATTERS.get('html')!.error(cellLabel(o), o.error.message, { color: false }),
  );
  return `${pageHead(`bootgate launch: ${outcomes.map((o) => `${multiRegion(outcomes) ? cellLabel(o) : o.instanceType} ${o.report?.verdict ?? 'error'}`).join(', ')}`)}${body.join('')}${PAGE_TAIL}`;
}

function multiRegion(outcomes: readonly JudgedOutcome[]): boolean {
  return new Set(outcomes.map((o) => o.region)).size > 1;
}

function summaryOf(outcomes: readonly JudgedOutcome[]): RunSummary {
  const verdicts = { pass: 0, fail: 0, inconclusive: 0 };
  for (const o of outcomes) if (o.report) verdicts[o.report.verdict]++;
  const errors = outcomes.filter((o) => o.error).length;
  return { files: outcomes.length - errors, verdicts, errors };
}

function matrixSummary(outcomes: readonly JudgedOutcome[]): string {
  if (outcomes.length <= 1) return '';
  const { verdicts: v, errors } = summaryOf(outcomes);
  const regions = new Set(outcomes.map((o) => o.region)).size;
  const what = regions > 1 ? `${outcomes.length} runs in ${regions} regions` : `${outcomes.length} instance types`;
  return `${what}: ${v.pass} pass, ${v.fail} fail, ${v.inconclusive} inconclusive${errors ? `, ${errors} error` : ''}`;
}

/**
 * Every format, from the `check` formatters plus the launch sections. An instance type that
 * errored is on stderr in every format; json, junit, markdown and html also carry it in the
 * report so a matrix's output keeps one entry per type.
 */
export function renderOutcomes(format: LaunchFormat, outcomes: readonly JudgedOutcome[], ctx: FormatContext): string {
  if (format === 'html') return html(outcomes);
  if (format === 'json') return outcomes.map((o) => `${JSON.stringify(launchJson(o))}\n`).join('');
  const formatter = FORMATTERS.get(format)!;
  const each = (o: JudgedOutcome): string => {
    if (!o.report) return format === 'junit' ? launchJunitError(cellLabel(o), o.error) : formatter.error(cellLabel(o), o.error.message, ctx);
    const check = checkPart(formatter, o, ctx);
    if (format === 'junit') return check + launchJunit(o.report, o.notes);
    if (format === 'markdown') return check.replace(/\n+$/, '\n\n') + launchMarkdown(o.report, o.notes);
    return check + launchHuman(o.report, o.notes);
  };
  switch (format) {
    case 'junit':
      return formatter.begin(ctx) + outcomes.map(each).join('') + formatter.end(summaryOf(outcomes), ctx);
    case 'markdown':
      return `## bootgate launch\n\n${outcomes.map(each).join('')}${outcomes.length > 1 ? `**${matrixSummary(outcomes)}**\n` : ''}`;
    default:
      return outcomes.map(each).filter(Boolean).join('\n') + (outcomes.length > 1 ? `\n${matrixSummary(outcomes)}\n` : '');
  }
}
