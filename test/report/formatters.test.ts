import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import type { CheckReport } from '../../src/verdict/types.js';
import { parseBootLog } from '../../src/parser/index.js';
import { FORMATTERS, renderRun } from '../../src/report/index.js';
import { humanFormatter } from '../../src/report/human.js';
import { jsonFormatter } from '../../src/report/json.js';
import { junitFormatter, xmlEscape } from '../../src/report/junit.js';
import { markdownFormatter } from '../../src/report/markdown.js';
import type { FormatContext, ReportFormatter, ReportItem, RunSummary } from '../../src/report/types.js';
import { XEN_60_OK, lineOf, replaceLine, upTo } from '../rules/snippets.js';

const VIF = replaceLine(XEN_60_OK, /^xnf0 at/, '"vif" at xen0: device/vif/0 not configured');
const pass = checkModel(parseBootLog(XEN_60_OK).model, { file: 'good.txt' });
const fail = checkModel(parseBootLog(VIF).model, { file: 'bad <&> "x".txt' });
const ctx = { color: false };
const summary: RunSummary = { files: 2, verdicts: { pass: 1, fail: 1, inconclusive: 0 }, errors: 1 };

const item = (r: CheckReport): ReportItem => ({ label: r.file ?? '(stdin)', report: r, rulesVerdict: r.verdict });

function render(f: ReportFormatter, reports: CheckReport[], errors: [string, string][] = [], c: FormatContext = ctx): string {
  const entries = [...reports.map(item), ...errors.map(([label, message]) => ({ label, message }))];
  return renderRun(f, { command: 'check', inputs: entries.length }, entries, c);
}

/** One input's part of a several-input run. */
const one = (f: ReportFormatter, r: CheckReport, c: FormatContext = ctx): string => {
  const out = f.open({ command: 'check', inputs: 2 }, c).item(item(r));
  return typeof out === 'string' ? out : [...out].join('');
};
const end = (f: ReportFormatter, s: RunSummary): string => f.open({ command: 'check', inputs: 2 }, ctx).end(s);

describe('format registry', () => {
  it('has the formats, by id', () => {
    expect([...FORMATTERS.keys()].sort()).toEqual(['html', 'human', 'json', 'junit', 'markdown']);
    for (const [id, f] of FORMATTERS) expect(f.id).toBe(id);
  });
});

describe('json', () => {
  it('one schemaVersion 1 object per line with the contract fields', () => {
    const lines = render(jsonFormatter, [pass, fail]).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const obj = JSON.parse(lines[1]!);
    expect(Object.keys(obj).sort()).toEqual(['diagnoses', 'file', 'findings', 'platform', 'schemaVersion', 'verdict']);
    expect(obj).toMatchObject({ schemaVersion: 1, verdict: 'fail', file: 'bad <&> "x".txt', platform: { id: 'xen-hvm' } });
    const nic = obj.findings.find((f: { rule: string }) => f.rule === 'nic-attach');
    expect(Object.keys(nic).sort()).toEqual(['evidence', 'message', 'rule', 'status']);
    expect(nic.evidence[0]).toEqual({ line: lineOf(VIF, '"vif"'), text: '"vif" at xen0: device/vif/0 not configured' });
    expect(Object.keys(obj.diagnoses[0]).sort()).toEqual(['evidence', 'id', 'remedy', 'summary']);
    expect(obj.diagnoses[0].id).toBe('xnf-not-configured');
  });
});

describe('junit', () => {
  const xml = render(junitFormatter, [pass, fail], [['gone.txt', 'cannot read gone.txt: no such file']]);

  it('is well-formed XML', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('has a testcase per rule per file: fail → failure, inconclusive → error, skip → skipped', () => {
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml);
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s: Record<string, string>) => s['@_name'])).toEqual(['good.txt', 'bad <&> "x".txt', 'gone.txt']);
    expect(suites[0].testcase).toHaveLength(pass.findings.length);
    const bad = suites[1];
    const nic = bad.testcase.find((t: Record<string, string>) => t['@_name'] === 'nic-attach');
    expect(nic.failure['@_message']).toContain('no NIC attached');
    expect(nic.failure['#text']).toContain(`${lineOf(VIF, '"vif"')}: "vif" at xen0`);
    expect(bad['@_failures']).toBe(String(fail.findings.filter((f) => f.status === 'fail').length));
    const skipped = bad.testcase.find((t: Record<string, string>) => t['@_name'] === 'ssh-reachable');
    expect(skipped.skipped).toBeDefined();
    expect(bad['system-out']).toContain('xnf-not-configured');
    expect(suites[2].testcase[0].error['@_message']).toContain('no such file');
  });

  it('maps inconclusive to <error>', () => {
    const r = checkModel(parseBootLog(upTo(XEN_60_OK, 'root on')).model, { file: 'x' });
    const out = one(junitFormatter, r);
    expect(out).toMatch(/<testcase [^>]*name="login-prompt"[^>]*><error type="inconclusive"/);
  });

  it('escapes markup and makes XML-illegal characters visible', () => {
    expect(xmlEscape('a<b>&"c"\u0001\u001b\t\n\ud800x')).toBe('a&lt;b&gt;&amp;&quot;c&quot;\\x01\\x1b\t\n\\xd800x');
    const dirty = checkModel(parseBootLog(`${XEN_60_OK}\npanic: bad\u0007 \u0000thing ]]> </failure>`).model, { file: 'd' });
    const out = render(junitFormatter, [dirty]);
    expect(XMLValidator.validate(out)).toBe(true);
  });
});

describe('markdown', () => {
  const md = render(markdownFormatter, [pass, fail], [['gone.txt', 'cannot read gone.txt: no such file']]);
  it('a heading per file, a table row per rule, diagnoses with remedies, a summary', () => {
    expect(md).toContain('### ✅ PASS — good.txt');
    expect(md).toContain('### ❌ FAIL — bad \\<\\&\\> "x".txt');
    expect(md).toMatch(/\| ❌ \| `nic-attach` \| no NIC attached.* \| \d+ \|/);
    expect(md).toContain('**xnf-not-configured**');
    expect(md).toContain('*Remedy:*');
    expect(md).toContain('### ⚠️ ERROR — gone.txt');
    expect(md).toContain('**3 file(s):** 1 pass, 1 fail, 0 inconclusive, 1 unreadable');
  });
  it('keeps table cells on one line', () => {
    const r = { ...fail, findings: [{ rule: 'x', status: 'fail' as const, message: 'a | b\nc', evidence: [] }] };
    expect(one(markdownFormatter, r)).toContain('| ❌ | `x` | a \\| b\\\\x0ac |  |');
  });
});

describe('human', () => {
  it('verdict, every rule with status, evidence lines and diagnoses; no colour when told', () => {
    const out = one(humanFormatter, fail);
    expect(out).toMatch(/^bad <&> "x"\.txt: FAIL {2}platform xen-hvm/);
    expect(out).toMatch(/ FAIL {10}nic-attach +no NIC attached/);
    expect(out).toContain(`${lineOf(VIF, '"vif"')}: "vif" at xen0`);
    expect(out).toContain('1. xnf-not-configured:');
    expect(out).toContain('remedy: ');
    expect(out).not.toContain('\u001b[');
    for (const f of fail.findings) expect(out).toContain(f.rule);
  });
  it('spells out inconclusive', () => {
    const r = { ...fail, findings: [{ rule: 'login-prompt', status: 'inconclusive' as const, message: 'the log ends at the root line', evidence: [] }] };
    expect(one(humanFormatter, r)).toMatch(/^ {2}inconclusive {2}login-prompt {2}the log ends/m);
  });
  it('colours on request', () => {
    expect(one(humanFormatter, fail, { color: true })).toContain('\u001b[31mFAIL\u001b[0m');
  });
  it('a summary only for several files', () => {
    expect(end(humanFormatter, summary)).toContain('3 file(s): 1 pass, 1 fail, 0 inconclusive, 1 unreadable');
    expect(end(humanFormatter, { files: 1, verdicts: { pass: 1, fail: 0, inconclusive: 0 }, errors: 0 })).toBe('');
  });
});
