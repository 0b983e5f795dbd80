import { readFileSync } from 'node:fs';
import { configErrorMessage } from '../helpers/config-error-message.js';
import { describe, expect, it } from 'vitest';
import { failureTitles, formatKnownIssues, matchKnownIssues, parseKnownIssues, verdictWithKnownIssues } from '../../src/known-issues/index.js';
import type { CheckReport, Diagnosis } from '../../src/verdict/types.js';
import { boot, model } from '../diff/build-model.js';

const panic = (message: string, line = 80) => ({ kind: 'panic' as const, message, line, text: `panic: ${message}`, stoppedAt: null, frames: [], ddb: true });
const report = (verdict: CheckReport['verdict'], diagnoses: Diagnosis[] = [], failing: string[] = []): CheckReport => ({
  schemaVersion: 1, verdict, platform: { id: 'nitro-x86', source: 'detected', evidence: [] }, diagnoses,
  findings: failing.map((rule) => ({ rule, status: 'fail', message: `${rule} failed at 0xffff8000`, evidence: [{ line: 5, text: 'x' }] })),
});
const noEna: Diagnosis = {
  id: 'nitro-no-ena', summary: 'no ENA driver', remedy: 'use a Xen instance type',
  evidence: [{ line: 40, text: 'unknown vendor 0x1d0f product 0xec20 (class network subclass ethernet, rev 0x00) at pci0 dev 5 function 0 not configured' }],
};
const registry = parseKnownIssues(JSON.parse(readFileSync(new URL('../../docs/known-issues.example.json', import.meta.url), 'utf8')), 'example');

describe('parseKnownIssues', () => {
  const err = (json: unknown) => configErrorMessage(() => parseKnownIssues(json, 'k.json'));
  it('rejects signatures under 16 characters, naming the field', () => {
    expect(err({ known: [{ title: 'panic: init', link: 'https://x.org/1' }] })).toBe(
      'known-issues file k.json: known[0].title: "panic: init" is shorter than 16 characters: a signature must be specific');
    expect(err({ known: [{ regex: '^panic: .*', link: 'https://x.org/1' }] })).toMatch(/known\[0\]\.regex: .* shorter than 16/);
  });
  it('rejects other malformed entries', () => {
    expect(err({ known: [{ title: 'panic: init died (signal', link: 'not a url' }] })).toMatch(/known\[0\]\.link: required: an http\(s\) URL/);
    expect(err({ known: [{ regex: 'panic: init died (signal', link: 'https://x.org' }] })).toMatch(/known\[0\]\.regex: not a valid regular expression/);
    expect(err({ known: [{ title: 'panic: init died (signal', regex: 'panic: init died \\(', link: 'https://x.org' }] })).toMatch(/exactly one of title or regex/);
    expect(err({ known: [{ title: 'panic: init died (signal', link: 'https://x.org', url: 'x' }] })).toMatch(/known\[0\]\.url: unknown field/);
    expect(err({ issues: [] })).toMatch(/issues: unknown field/);
  });
  it('accepts the documented example', () => {
    expect(registry).toHaveLength(3);
  });
});

describe('failureTitles', () => {
  it('masks addresses in panics and names the device of a diagnosis', () => {
    const t = failureTitles({ model: model(boot({ panics: [panic('pool_do_get: mbufpl free list modified: page 0xffffff0012345000')] })), report: report('fail', [noEna]) });
    expect(t.map((x) => x.title)).toEqual([
      'panic: pool_do_get: mbufpl free list modified: page 0xADDR',
      'diagnosis nitro-no-ena unknown vendor 0x1d0f product 0xec20',
    ]);
  });
  it('falls back to failing rules only when nothing explains them', () => {
    expect(failureTitles({ report: report('fail', [], ['nic-attach']) }).map((x) => x.title)).toEqual(['rule nic-attach: nic-attach failed at 0xADDR']);
    expect(failureTitles({ report: report('fail', [noEna], ['nic-attach']) }).map((x) => x.source)).toEqual(['diagnosis']);
  });
});

describe('matchKnownIssues', () => {
  it('matches a known diagnosis and reports its link', () => {
    const out = matchKnownIssues({ report: report('fail', [noEna]) }, registry);
    expect(out.allKnown).toBe(true);
    expect(formatKnownIssues(out)).toEqual([
      'known: https://bugs.example.org/openbsd-ec2/12 (diagnosis nitro-no-ena unknown vendor 0x1d0f product 0xec20) — OpenBSD has no ena(4): Nitro instance types boot without a NIC',
    ]);
    expect(out.matches[0]!.evidence[0]!.line).toBe(40);
  });

  it('matches the same panic at other addresses; a regex entry matches too', () => {
    const m1 = matchKnownIssues({ model: model(boot({ panics: [panic('pool_do_get: mbufpl free list modified: page 0xdeadbeef000; item addr 0x1')] })) }, registry);
    expect(m1.matches.map((m) => m.link)).toEqual(['https://bugs.example.org/openbsd-ec2/47']);
    const m2 = matchKnownIssues({ model: model(boot({ panics: [panic('init died (signal 0, exit 0)')] })) }, registry);
    expect(m2.matches.map((m) => m.link)).toEqual(['https://bugs.example.org/openbsd-ec2/31']);
  });

  it('--known-issues-pass passes only when every root cause is known', () => {
    const known = report('fail', [noEna]);
    expect(verdictWithKnownIssues(known, matchKnownIssues({ report: known }, registry), true)).toBe('pass');
    expect(verdictWithKnownIssues(known, matchKnownIssues({ report: known }, registry), false)).toBe('fail');
    // A known diagnosis plus an unknown panic: the new failure must not hide behind the known one.
    const both = { report: known, model: model(boot({ panics: [panic('uvm_fault(0xffffffff81e2c8c8, 0x0, 0, 1) -> e')] })) };
    const out = matchKnownIssues(both, registry);
    expect(out.unmatched.map((u) => u.title)).toEqual(['panic: uvm_fault(0xADDR, 0x0, 0, 1) -> e']);
    expect(verdictWithKnownIssues(known, out, true)).toBe('fail');
    // A passing report stays as it is.
    expect(matchKnownIssues({ report: report('pass') }, registry).allKnown).toBe(false);
  });
});
