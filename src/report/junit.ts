import type { Finding } from '../verdict/types.js';
import { formatDiffText, orderChanges, tag, where } from '../diff/format-text.js';
import type { BootDiff } from '../diff/types.js';
import { formatKnownIssues } from '../known-issues/match.js';
import { launchJunit, launchJunitError } from './launch-section.js';
import { oneLine } from './text-util.js';
import { xmlEscape } from './xml-escape.js';
import type { ReportFormatter, ReportItem } from './types.js';

export { xmlEscape } from './xml-escape.js';

/**
 * A JUnit class name for an input. Readers split `classname` at its last dot into package and
 * class, so `bootgate.logs/c.txt` showed every file as class `txt`: the label's dots become `_`,
 * leaving `bootgate` the package and the whole file name the class.
 */
export function junitClassName(label: string): string {
  return `bootgate.${label.replace(/\./g, '_')}`;
}

/** Seconds with millisecond precision, as JUnit's `time` attribute wants. */
export function junitTime(ms: number | undefined): string {
  return ((ms ?? 0) / 1000).toFixed(3);
}

function body(f: Finding): string {
  return xmlEscape(f.evidence.map((e) => `${e.line}: ${oneLine(e.text, 400)}`).join('\n'));
}

// Rules run in microseconds: a testcase's time is 0 and the input's time (read, parse, judge) is its suite's.
function testcase(f: Finding, suite: string, cls: string): string {
  const open = `    <testcase classname="${cls}" name="${xmlEscape(f.rule)}" file="${xmlEscape(suite)}" time="0.000">`;
  const msg = xmlEscape(f.message);
  switch (f.status) {
    case 'pass':
      return `${open}</testcase>`;
    case 'skip':
      return `${open}<skipped message="${msg}"/></testcase>`;
    case 'fail':
      return `${open}<failure type="fail" message="${msg}">${body(f)}</failure></testcase>`;
    case 'inconclusive':
      // <error>, not <skipped>: CI readers (GitHub test reporters, GitLab, Jenkins) show
      // errors in red next to failures, so a gate that could not decide is not silently green.
      return `${open}<error type="inconclusive" message="${msg}">${body(f)}</error></testcase>`;
  }
}

/** One <testsuite> per input, one <testcase> per rule; diagnoses in <system-out>. */
function rulesSuite(item: ReportItem): string {
  const r = item.report;
  const suite = item.label;
  const cls = xmlEscape(junitClassName(suite));
  const count = (s: string) => r.findings.filter((f) => f.status === s).length;
  const lines = [
    `  <testsuite name="${xmlEscape(suite)}" tests="${r.findings.length}" failures="${count('fail')}" errors="${count('inconclusive')}" skipped="${count('skip')}" time="${junitTime(item.elapsedMs)}">`,
    `    <properties><property name="verdict" value="${r.verdict}"/><property name="platform" value="${r.platform.id}"/></properties>`,
    ...r.findings.map((f) => testcase(f, suite, cls)),
  ];
  if (r.diagnoses.length > 0) {
    const text = r.diagnoses.map((d, i) => `${i + 1}. ${d.id}: ${d.summary}\n   remedy: ${d.remedy}`).join('\n');
    lines.push(`    <system-out>${xmlEscape(text)}</system-out>`);
  }
  lines.push('  </testsuite>');
  return `${lines.join('\n')}\n`;
}

/** The gate's testsuite next to the rules' (whose counts stay the rules'): `baseline-diff` and `known-issues`. */
function gateSuite(item: ReportItem): string {
  if (!item.baseline && !item.known) return '';
  const suite = item.label;
  const cls = xmlEscape(junitClassName(suite));
  const cases: string[] = [];
  let failures = 0;
  if (item.baseline) {
    const open = `    <testcase classname="${cls}" name="baseline-diff" file="${xmlEscape(suite)}" time="0.000">`;
    const text = xmlEscape(formatDiffText(item.baseline.diff));
    if (item.baseline.diff.regression) {
      failures++;
      cases.push(`${open}<failure type="regression" message="${xmlEscape(item.baseline.summary)}">${text}</failure></testcase>`);
    } else {
      cases.push(`${open}<system-out>${text}</system-out></testcase>`);
    }
  }
  if (item.known) {
    const lines = formatKnownIssues(item.known.outcome);
    cases.push(`    <testcase classname="${cls}" name="known-issues" file="${xmlEscape(suite)}" time="0.000">${lines.length > 0 ? `<system-out>${xmlEscape(lines.join('\n'))}</system-out>` : ''}</testcase>`);
  }
  return [
    `  <testsuite name="${xmlEscape(`${suite} (gate)`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0.000">`,
    `    <properties><property name="verdict" value="${item.report.verdict}"/><property name="rules-verdict" value="${item.rulesVerdict}"/></properties>`,
    ...cases,
    '  </testsuite>',
  ].join('\n') + '\n';
}

export const junitFormatter: ReportFormatter = {
  id: 'junit',
  description: 'JUnit XML: a testcase per rule per input (fail = <failure>, inconclusive = <error>, skip = <skipped>)',
  complete: true,
  open: () => ({
    begin: () => '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bootgate">\n',
    item: (item) => rulesSuite(item) + gateSuite(item) + (item.launch ? launchJunit(item.launch, item.notes) : ''),
    error(e) {
      if (e.launch) return launchJunitError(e.label, { name: e.launch.name, message: e.message });
      const f = xmlEscape(e.label);
      return `  <testsuite name="${f}" tests="1" failures="0" errors="1" skipped="0" time="0.000">\n    <testcase classname="${xmlEscape(junitClassName(e.label))}" name="read-input" time="0.000"><error type="input" message="${xmlEscape(e.message)}"/></testcase>\n  </testsuite>\n`;
    },
    end: () => '</testsuites>\n',
  }),
  diff: (d) => diffJunit(d),
};

/** `diff --format junit`: one testcase per change; a regression is a <failure>, an allowed or harmless change passes with its text. */
function diffJunit(d: BootDiff): string {
  const suite = 'bootgate diff';
  const changes = orderChanges(d.changes);
  const failures = changes.filter((c) => tag(c) === 'REGRESSION').length;
  const cases = changes.map((c) => {
    const open = `    <testcase classname="bootgate.diff" name="${xmlEscape(`${c.kind} ${c.subject}`)}" time="0.000">`;
    const text = xmlEscape(`${c.message}${where(c)}${c.allowed ? `\nallowed: ${c.allowed.reason}` : ''}`);
    return tag(c) === 'REGRESSION' ? `${open}<failure type="regression" message="${xmlEscape(c.message)}">${text}</failure></testcase>` : `${open}<system-out>${text}</system-out></testcase>`;
  });
  // A diff with no change is one passing testcase, so the suite is not empty.
  if (cases.length === 0) cases.push('    <testcase classname="bootgate.diff" name="no changes" time="0.000"></testcase>');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites name="bootgate">',
    `  <testsuite name="${suite}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0.000">`,
    `    <properties><property name="regression" value="${d.regression}"/></properties>`,
    ...cases,
    d.notes.length > 0 ? `    <system-out>${xmlEscape(d.notes.join('\n'))}</system-out>` : '',
    '  </testsuite>',
    '</testsuites>',
  ].filter(Boolean).join('\n') + '\n';
}
