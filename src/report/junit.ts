import type { Finding } from '../verdict/types.js';
import { oneLine } from './text-util.js';
import type { ReportFormatter } from './types.js';

/**
 * XML 1.0 text: escape markup, and make the characters XML cannot carry at all
 * (C0 controls but TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF) visible as `\xNN`
 * instead of producing a file no reader can open.
 */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function body(f: Finding): string {
  return xmlEscape(f.evidence.map((e) => `${e.line}: ${oneLine(e.text, 400)}`).join('\n'));
}

function testcase(f: Finding, suite: string): string {
  const open = `    <testcase classname="bootgate.${xmlEscape(suite)}" name="${xmlEscape(f.rule)}" file="${xmlEscape(suite)}">`;
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

/** One <testsuite> per file, one <testcase> per rule; diagnoses in <system-out>. */
export const junitFormatter: ReportFormatter = {
  id: 'junit',
  description: 'JUnit XML: a testcase per rule per file (fail = <failure>, inconclusive = <error>, skip = <skipped>)',
  begin: () => '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bootgate">\n',
  file(r) {
    const suite = r.file ?? 'stdin';
    const count = (s: string) => r.findings.filter((f) => f.status === s).length;
    const lines = [
      `  <testsuite name="${xmlEscape(suite)}" tests="${r.findings.length}" failures="${count('fail')}" errors="${count('inconclusive')}" skipped="${count('skip')}">`,
      `    <properties><property name="verdict" value="${r.verdict}"/><property name="platform" value="${r.platform.id}"/></properties>`,
      ...r.findings.map((f) => testcase(f, suite)),
    ];
    if (r.diagnoses.length > 0) {
      const text = r.diagnoses.map((d, i) => `${i + 1}. ${d.id}: ${d.summary}\n   remedy: ${d.remedy}`).join('\n');
      lines.push(`    <system-out>${xmlEscape(text)}</system-out>`);
    }
    lines.push('  </testsuite>');
    return `${lines.join('\n')}\n`;
  },
  error(file, message) {
    const f = xmlEscape(file);
    return `  <testsuite name="${f}" tests="1" failures="0" errors="1" skipped="0">\n    <testcase classname="bootgate.${f}" name="read-input"><error type="input" message="${xmlEscape(message)}"/></testcase>\n  </testsuite>\n`;
  },
  end: () => '</testsuites>\n',
};
