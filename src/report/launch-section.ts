import type { LaunchReport } from '../verdict/launch-report.js';
import { xmlEscape } from './xml-escape.js';
import { formatDuration, mdText, oneLine } from './text-util.js';

/**
 * What a live run adds to a check report, in each text format's idiom. The rules, evidence and
 * diagnoses come from the check formatters; these say which instance, how long, what it cost,
 * and why a run that did not reach a verdict stopped (cause, reason).
 */

/** How the run is named where a check report names its input file. */
export function launchLabel(r: LaunchReport): string {
  return `${r.instance.amiId} on ${r.instance.type} in ${r.instance.region}${r.instance.id ? ` (${r.instance.id})` : ''}`;
}

function timeToVerdict(r: LaunchReport): string {
  const t = r.timeline.find((e) => e.event === 'verdict');
  return t ? formatDuration(t.elapsedMs) : '-';
}

/** How long teardown took against its budget, and whether every id was confirmed gone; null when nothing was terminated. */
function teardownLine(r: LaunchReport): string | null {
  const t = r.teardown;
  if (!t) return null;
  return `teardown ${formatDuration(t.seconds * 1000)} of ${formatDuration(t.budgetSeconds * 1000)}, ${t.confirmed ? 'confirmed gone' : 'NOT confirmed gone'}`;
}

/** Indented lines under the human report of one instance. */
export function launchHuman(r: LaunchReport, notes: readonly string[] = []): string {
  const out: string[] = [];
  const i = r.instance;
  out.push(`  instance ${i.id ?? '(none launched)'}  ${i.type}  ${i.amiId}  ${i.region}  state ${i.state}${r.kept ? ' (kept)' : ''}`);
  out.push(`  time to verdict ${timeToVerdict(r)}, cost ${r.cost.instanceSeconds} instance-seconds`);
  if (r.verdict !== 'pass' && r.cause) out.push(`  cause: ${r.cause}`);
  if (r.reason) out.push(`  reason: ${oneLine(r.reason.split('\n')[0]!, 300)}`);
  for (const w of r.warnings ?? []) out.push(`  warning: ${oneLine(w, 300)}`);
  for (const n of notes) out.push(`  ${n}`);
  const teardown = teardownLine(r);
  if (teardown) out.push(`  ${teardown}`);
  if (r.uname) out.push(`  uname: ${oneLine(r.uname)}`);
  if (r.uncleaned && r.uncleaned.length > 0) out.push(`  NOT CLEANED: ${r.uncleaned.join(', ')}`);
  return `${out.join('\n')}\n`;
}

/** Markdown under the instance's `###` section; the timeline folded, without the per-call API latencies. */
export function launchMarkdown(r: LaunchReport, notes: readonly string[] = []): string {
  const i = r.instance;
  const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
  const out: string[] = [
    `Instance: ${code(i.id ?? 'none launched')} · ${code(i.type)} · ${code(i.amiId)} · ${mdText(i.region)} · state ${mdText(i.state)}${r.kept ? ' (kept)' : ''} · time to verdict ${timeToVerdict(r)} · ${r.cost.instanceSeconds} instance-seconds`,
    '',
  ];
  if (r.verdict !== 'pass' && r.cause) out.push(`Cause: **${r.cause}**${r.reason ? ` — ${mdText(r.reason.split('\n')[0]!)}` : ''}`, '');
  else if (r.reason) out.push(`Reason: ${mdText(r.reason.split('\n')[0]!)}`, '');
  for (const w of r.warnings ?? []) out.push(`> warning: ${mdText(w)}`, '');
  for (const n of notes) out.push(`*${mdText(n)}*`, '');
  const teardown = teardownLine(r);
  if (teardown) out.push(`${teardown[0]!.toUpperCase()}${teardown.slice(1)}`, '');
  if (r.uncleaned && r.uncleaned.length > 0) out.push(`**NOT CLEANED:** ${r.uncleaned.map(code).join(', ')}`, '');
  const events = r.timeline.filter((t) => t.event !== 'api');
  out.push('<details><summary>Timeline</summary>', '', '| +s | event | detail |', '|---|---|---|');
  for (const t of events) out.push(`| ${(t.elapsedMs / 1000).toFixed(1)} | ${t.event} | ${mdText(t.detail ?? '')} |`);
  out.push('', '</details>', '');
  return `${out.join('\n')}\n`;
}

/**
 * A testsuite of its own next to the rules' suite (whose counts stay the rules'): the run as one
 * testcase, an `<error>` when it stopped without deciding (deadline, interrupt) or left something
 * running, so CI never shows an undecided or leaking run as green.
 */
export function launchJunit(r: LaunchReport, notes: readonly string[] = []): string {
  const label = xmlEscape(launchLabel(r));
  const t = r.timeline.find((e) => e.event === 'verdict');
  const time = ((t?.elapsedMs ?? 0) / 1000).toFixed(1);
  const problems: string[] = [];
  if (r.verdict === 'inconclusive' && r.reason) problems.push(`inconclusive${r.cause ? ` (${r.cause})` : ''}: ${r.reason.split('\n')[0]}`);
  if (r.uncleaned && r.uncleaned.length > 0) problems.push(`not cleaned: ${r.uncleaned.join(', ')}`);
  const props: [string, string | number | boolean | null | undefined][] = [
    ['instance-id', r.instance.id],
    ['instance-type', r.instance.type],
    ['ami', r.instance.amiId],
    ['region', r.instance.region],
    ['state', r.instance.state],
    ['cause', r.cause],
    ['instance-seconds', r.cost.instanceSeconds],
    ['teardown-seconds', r.teardown?.seconds],
    ['teardown-confirmed', r.teardown?.confirmed],
  ];
  const timeline = [...notes, ...(r.warnings ?? []).map((w) => `warning: ${w}`), ...r.timeline.map((e) => `+${(e.elapsedMs / 1000).toFixed(1)}s ${e.event}${e.detail ? ` ${e.detail}` : ''}`)].join('\n');
  return [
    `  <testsuite name="${label} (launch)" tests="1" failures="0" errors="${problems.length > 0 ? 1 : 0}" skipped="0" time="${time}">`,
    `    <properties>${props.filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `<property name="${k}" value="${xmlEscape(String(v))}"/>`).join('')}</properties>`,
    `    <testcase classname="bootgate.launch" name="${label}" time="${time}">${problems.length > 0 ? `<error type="launch" message="${xmlEscape(problems.join('; '))}"/>` : ''}<system-out>${xmlEscape(timeline)}</system-out></testcase>`,
    '  </testsuite>',
  ].join('\n') + '\n';
}

/** A matrix cell (`t2.micro in us-east-1`) that errored before anything could be judged. */
export function launchJunitError(cell: string, error: { readonly name: string; readonly message: string }): string {
  const name = xmlEscape(cell);
  return `  <testsuite name="${name} (launch)" tests="1" failures="0" errors="1" skipped="0" time="0.000">\n    <testcase classname="bootgate.launch" name="${name}" time="0.000"><error type="${xmlEscape(error.name)}" message="${xmlEscape(error.message)}"/></testcase>\n  </testsuite>\n`;
}
