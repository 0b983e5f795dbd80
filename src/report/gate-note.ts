import type { ReportItem, RunInfo, RunSummary } from './types.js';

/** Why the gate's verdict is not the rules' (a baseline regression, known issues forgiven), or null when they agree. */
export function gateNote(item: ReportItem): string | null {
  const verdict = item.report.verdict;
  if (verdict === item.rulesVerdict) return null;
  if (item.known?.forgiven && verdict === 'pass') return `verdict pass: the rules say ${item.rulesVerdict}, every cause is a known issue (--known-issues-pass)`;
  return `verdict ${verdict}: the rules say ${item.rulesVerdict}, the baseline diff has a regression`;
}

const NOUN: Record<RunInfo['command'], [string, string]> = {
  check: ['file(s)', 'unreadable'],
  launch: ['instance types', 'error'],
  report: ['report(s)', 'error'],
};

/** "3 file(s): 1 pass, 1 fail, 0 inconclusive, 1 unreadable" */
export function countLine(run: RunInfo, s: RunSummary): string {
  const [noun, bad] = NOUN[run.command];
  const v = s.verdicts;
  return `${run.counted ?? `${s.files + s.errors} ${noun}`}: ${v.pass} pass, ${v.fail} fail, ${v.inconclusive} inconclusive${s.errors ? `, ${s.errors} ${bad}` : ''}`;
}
