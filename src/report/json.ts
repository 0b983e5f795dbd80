import type { ReportError, ReportFormatter, ReportItem } from './types.js';

/**
 * The machine contract (schemaVersion 1) of one judged input: the check report (for a launch,
 * the LaunchReport: instance, timeline, cost, cause, console…); with a gate, additively,
 * `rulesVerdict`, `baseline` and `knownIssues` (`verdict` is then the gate's). `bootgate report`
 * reads these objects back.
 */
export function itemJson(item: ReportItem): object {
  if (!item.baseline && !item.known) return item.report;
  return {
    ...item.report,
    rulesVerdict: item.rulesVerdict,
    ...(item.baseline ? { baseline: { name: item.baseline.name, regression: item.baseline.diff.regression, summary: item.baseline.summary, diff: item.baseline.diff } } : {}),
    ...(item.known ? { knownIssues: { ...item.known.outcome, forgiven: item.known.forgiven } } : {}),
  };
}

/** A launch cell that errored, in the shape `--format json` and `--report-dir` write. Null for an unreadable file (stderr only). */
export function errorJson(e: ReportError): object | null {
  if (!e.launch) return null;
  const { instanceType, amiId, region, name, code } = e.launch;
  return { schemaVersion: 1, verdict: 'error', instance: { type: instanceType, ...(amiId !== undefined ? { amiId } : {}), ...(region !== undefined ? { region } : {}) }, error: { name, message: e.message, ...(code !== undefined ? { code } : {}) } };
}

/**
 * One object per input and line (NDJSON), so several files stream and `jq` reads either shape.
 * Unreadable inputs appear only on stderr and in the exit code.
 */
export const jsonFormatter: ReportFormatter = {
  id: 'json',
  description: 'one JSON object per input and line (schemaVersion 1)',
  complete: true,
  open: () => ({
    begin: () => '',
    item: (item) => `${JSON.stringify(itemJson(item))}\n`,
    error(e) {
      const o = errorJson(e);
      return o ? `${JSON.stringify(o)}\n` : '';
    },
    end: () => '',
  }),
  diff: (d) => `${JSON.stringify(d, null, 2)}\n`,
};
