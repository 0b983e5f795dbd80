import { htmlFormatter } from './html/formatter.js';
import { humanFormatter } from './human.js';
import { jsonFormatter } from './json.js';
import { junitFormatter } from './junit.js';
import { markdownFormatter } from './markdown.js';
import type { FormatContext, FormatSession, ReportError, ReportFormatter, ReportItem, RunInfo, RunSummary } from './types.js';

/** Every report format. A new format is one file exporting a ReportFormatter and one entry here. */
export const FORMATTERS: ReadonlyMap<string, ReportFormatter> = new Map(
  [humanFormatter, jsonFormatter, junitFormatter, markdownFormatter, htmlFormatter].map((f) => [f.id, f]),
);

export function formatNames(): string[] {
  return [...FORMATTERS.keys()];
}

/**
 * Opens a format for one run, with the cross-format rules applied once here: `failuresOnly`
 * leaves passing inputs out of the formats people read (JSON and JUnit keep every one).
 */
export function openFormat(formatter: ReportFormatter, run: RunInfo, ctx: FormatContext): FormatSession {
  const session = formatter.open(run, ctx);
  if (!ctx.failuresOnly || formatter.complete || run.inputs <= 1) return session;
  return { ...session, item: (item) => (item.report.verdict === 'pass' ? '' : session.item(item)) };
}

/** Counts for the closing summary. */
export function summarize(items: readonly { readonly report: { readonly verdict: ReportItem['report']['verdict'] } }[], errors: number): RunSummary {
  const verdicts = { pass: 0, fail: 0, inconclusive: 0 };
  for (const i of items) verdicts[i.report.verdict]++;
  return { files: items.length, verdicts, errors };
}

/** A whole run in one format, for callers that hold every input (a launch, saved reports). */
export function renderRun(formatter: ReportFormatter, run: RunInfo, entries: readonly (ReportItem | ReportError)[], ctx: FormatContext): string {
  const s = openFormat(formatter, run, ctx);
  const items = entries.filter((e): e is ReportItem => 'report' in e);
  const text = (t: string | Iterable<string>) => (typeof t === 'string' ? t : [...t].join(''));
  const parts = [s.begin(), ...entries.map((e) => ('report' in e ? text(s.item(e)) : s.error(e))), s.end(summarize(items, entries.length - items.length))];
  return parts.join('');
}

export type { FormatContext, FormatSession, ReportError, ReportFormatter, ReportItem, RunInfo, RunSummary } from './types.js';
