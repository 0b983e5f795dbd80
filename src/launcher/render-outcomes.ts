import type { FormatContext, ReportError, ReportFormatter, ReportItem } from '../report/types.js';
import { renderRun } from '../report/index.js';
import { errorJson, itemJson } from '../report/json.js';
import { launchLabel } from '../report/launch-section.js';
import type { JudgedOutcome } from './judge-outcomes.js';
import { cellLabel } from './outcome.js';

/** One instance type's outcome as every report format sees it. */
export function outcomeEntry(o: JudgedOutcome): ReportItem | ReportError {
  if (!o.report) {
    const code = (o.error as { code?: unknown }).code;
    return { label: cellLabel(o), message: o.error.message, launch: { instanceType: o.instanceType, amiId: o.amiId, region: o.region, name: o.error.name, ...(code !== undefined ? { code } : {}) } };
  }
  return {
    label: launchLabel(o.report),
    report: o.report,
    rulesVerdict: o.gated?.rulesVerdict ?? o.report.verdict,
    baseline: o.gated?.baseline ?? null,
    known: o.gated?.known ?? null,
    launch: o.report,
    notes: o.notes,
    model: o.model,
    consoleLines: o.consoleLines,
  };
}

/** The launch JSON contract (`--format json`, `--report-dir`): the check report plus instance, timeline, cost, cause, reason, console, dmesg, uname, and the gate's fields when a gate is on. */
export function launchJson(o: JudgedOutcome): object {
  const e = outcomeEntry(o);
  return 'report' in e ? itemJson(e) : errorJson(e)!;
}

/** Every format through the one registry: an instance type that errored is on stderr, and in every format's report too. */
export function renderOutcomes(formatter: ReportFormatter, outcomes: readonly JudgedOutcome[], ctx: FormatContext): string {
  const regions = new Set(outcomes.map((o) => o.region)).size;
  const counted = regions > 1 ? `${outcomes.length} runs in ${regions} regions` : undefined;
  return renderRun(formatter, { command: 'launch', inputs: outcomes.length, ...(counted ? { counted } : {}) }, outcomes.map(outcomeEntry), ctx);
}
