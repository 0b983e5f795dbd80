import type { LaunchOutcome } from './outcome.js';
import type { LaunchReport } from './types.js';
import { formatDuration } from './duration.js';

export type LaunchFormat = 'human' | 'json' | 'junit' | 'markdown';

const errorObject = (o: LaunchOutcome & { error: Error }) => ({
  schemaVersion: 1,
  verdict: 'error',
  instance: { type: o.instanceType },
  error: { name: o.error.name, message: o.error.message, ...('code' in o.error ? { code: (o.error as { code: unknown }).code } : {}) },
});

/** `--format json`: one object per line, one line per instance type. */
export function formatJson(outcomes: readonly LaunchOutcome[]): string {
  return outcomes.map((o) => JSON.stringify(o.report ?? errorObject(o as LaunchOutcome & { error: Error }))).join('\n') + '\n';
}

function humanOne(r: LaunchReport): string {
  const out: string[] = [];
  const id = r.instance.id ?? 'no instance';
  out.push(`${r.verdict.toUpperCase()}  ${r.instance.amiId} on ${r.instance.type} (${id}, ${r.platform.id})` + (r.cause && r.verdict !== 'pass' ? `  cause: ${r.cause}` : ''));
  if (r.reason) out.push(`  reason: ${r.reason.split('\n')[0]}`);
  for (const d of r.diagnoses) {
    const ev = d.evidence[0];
    out.push(`  diagnosis ${d.id}: ${d.summary}`);
    if (ev) out.push(`    line ${ev.line}: ${ev.text.trim()}`);
    out.push(`    remedy: ${d.remedy}`);
  }
  for (const f of r.findings.filter((x) => x.status === 'fail' || (r.verdict !== 'pass' && x.status === 'inconclusive'))) {
    const ev = f.evidence[0];
    out.push(`  ${f.status.padEnd(12)} ${f.rule}: ${f.message}${ev ? ` (line ${ev.line})` : ''}`);
  }
  const passed = r.findings.filter((x) => x.status === 'pass').map((x) => x.rule);
  if (passed.length > 0) out.push(`  passed: ${passed.join(', ')}`);
  const verdictAt = r.timeline.find((t) => t.event === 'verdict');
  out.push(`  time to verdict ${verdictAt ? formatDuration(verdictAt.elapsedMs) : '-'}, cost ${r.cost.instanceSeconds} instance-seconds, state ${r.instance.state}`);
  if (r.uname) out.push(`  uname: ${r.uname}`);
  if (r.uncleaned && r.uncleaned.length > 0) out.push(`  NOT CLEANED: ${r.uncleaned.join(', ')}`);
  return out.join('\n');
}

export function formatHuman(outcomes: readonly LaunchOutcome[]): string {
  return outcomes.map((o) => (o.report ? humanOne(o.report) : `ERROR  ${o.instanceType}: ${o.error!.message}`)).join('\n\n') + '\n';
}

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** JUnit: one testcase per instance type; fail → failure, error → error, inconclusive → skipped with the reason. */
export function formatJunit(outcomes: readonly LaunchOutcome[]): string {
  const failures = outcomes.filter((o) => o.report?.verdict === 'fail').length;
  const errors = outcomes.filter((o) => o.error).length;
  const skipped = outcomes.filter((o) => o.report?.verdict === 'inconclusive').length;
  const cases = outcomes.map((o) => {
    const name = xml(`${o.report?.instance.amiId ?? ''} on ${o.instanceType}`);
    if (o.error) return `  <testcase classname="bootgate.launch" name="${name}"><error type="${xml(o.error.name)}" message="${xml(o.error.message)}"/></testcase>`;
    const r = o.report!;
    const time = (r.timeline.find((t) => t.event === 'verdict')?.elapsedMs ?? 0) / 1000;
    const body =
      r.verdict === 'fail'
        ? `<failure message="${xml(r.diagnoses.map((d) => d.id).join(', ') || 'fail')}">${xml(humanOne(r))}</failure>`
        : r.verdict === 'inconclusive'
          ? `<skipped message="${xml(`inconclusive${r.cause ? ` (${r.cause})` : ''}: ${r.reason?.split('\n')[0] ?? ''}`)}"/>`
          : '';
    return `  <testcase classname="bootgate.launch" name="${name}" time="${time.toFixed(1)}">${body}</testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="bootgate launch" tests="${outcomes.length}" failures="${failures}" errors="${errors}" skipped="${skipped}">\n${cases.join('\n')}\n</testsuite>\n`;
}

export function formatMarkdown(outcomes: readonly LaunchOutcome[]): string {
  const rows = outcomes.map((o) => {
    if (o.error) return `| ${o.instanceType} | - | **error** | ${o.error.message.replace(/\|/g, '\\|')} | - | - |`;
    const r = o.report!;
    const diag = r.diagnoses.map((d) => `\`${d.id}\``).join(', ') || (r.reason ? r.reason.split('\n')[0]!.replace(/\|/g, '\\|') : '');
    const t = r.timeline.find((e) => e.event === 'verdict');
    return `| ${o.instanceType} | ${r.instance.id ?? '-'} | **${r.verdict}**${r.cause && r.verdict !== 'pass' ? ` (${r.cause})` : ''} | ${diag} | ${t ? formatDuration(t.elapsedMs) : '-'} | ${r.cost.instanceSeconds} |`;
  });
  return ['| type | instance | verdict | diagnoses | time to verdict | instance-s |', '|---|---|---|---|---|---|', ...rows].join('\n') + '\n';
}

export function formatOutcomes(format: LaunchFormat, outcomes: readonly LaunchOutcome[]): string {
  switch (format) {
    case 'json':
      return formatJson(outcomes);
    case 'junit':
      return formatJunit(outcomes);
    case 'markdown':
      return formatMarkdown(outcomes);
    default:
      return formatHuman(outcomes);
  }
}
