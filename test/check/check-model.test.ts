import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkModel, verdictOf } from '../../src/check/check.js';
import { mergeReports, runRuleRaw } from '../../src/check/run-rule.js';
import { ruleEnv } from '../../src/check/check.js';
import { parseBootLog } from '../../src/parser/index.js';
import { defineRule } from '../../src/rules/types.js';
import { REPORT_ORDER } from '../../src/rules/index.js';
import { XEN_60_OK, lineOf } from '../rules/snippets.js';

const check = (text: string, options: Parameters<typeof checkModel>[1] = {}) => checkModel(parseBootLog(text).model, options);
const statuses = (text: string, options: Parameters<typeof checkModel>[1] = {}) =>
  Object.fromEntries(check(text, options).findings.map((f) => [f.rule, f.status]));

describe('verdictOf', () => {
  it('fail beats inconclusive beats pass; skips do not count', () => {
    expect(verdictOf(['pass', 'skip', 'inconclusive', 'fail'])).toBe('fail');
    expect(verdictOf(['pass', 'skip', 'inconclusive'])).toBe('inconclusive');
    expect(verdictOf(['pass', 'skip'])).toBe('pass');
    expect(verdictOf(['skip', 'skip'])).toBe('inconclusive');
  });
});

describe('checkModel', () => {
  it('a complete Xen boot passes, with file and schemaVersion', () => {
    const r = check(XEN_60_OK, { file: 'c.txt' });
    expect(r).toMatchObject({ schemaVersion: 1, file: 'c.txt', verdict: 'pass', platform: { id: 'xen-hvm' }, diagnoses: [] });
    expect(r.findings[0]?.rule).toBe('kernel-booted');
  });

  it('reports evidence as plain {line, text}', () => {
    const nic = check(XEN_60_OK).findings.find((f) => f.rule === 'nic-attach')!;
    expect(nic.evidence).toEqual([{ line: lineOf(XEN_60_OK, 'xnf0 at'), text: 'xnf0 at xen0: backend 0, event channel 5, address 0a:1c:b6:97:68:01' }]);
  });

  it('no boot at all: inconclusive, no-console-output', () => {
    const r = check('');
    expect(r.verdict).toBe('inconclusive');
    expect(r.platform.id).toBe('unknown');
    expect(r.diagnoses.map((d) => d.id)).toEqual(['no-console-output']);
    expect(r.findings.filter((f) => f.status !== 'skip').every((f) => f.status === 'inconclusive')).toBe(true);
  });

  it('a console growing line by line is never a fail while in progress, and passes once complete', () => {
    const lines = XEN_60_OK.split('\n');
    for (let n = 0; n <= lines.length; n++) {
      const r = check(lines.slice(0, n).join('\n'), { inProgress: true });
      expect(`${n}: ${r.verdict}`).not.toBe(`${n}: fail`);
      if (n < lineOf(XEN_60_OK, 'OpenBSD/amd64 (')) expect(`${n}: ${r.verdict}`).toBe(`${n}: inconclusive`);
    }
    expect(check(XEN_60_OK, { inProgress: true }).verdict).toBe('pass');
  });

  it('in progress, decisive failures fail at once', () => {
    const prompt = XEN_60_OK.split('\n').slice(0, lineOf(XEN_60_OK, 'root on') - 1).concat('root device: ').join('\n');
    expect(statuses(prompt, { inProgress: true })['root-device']).toBe('fail');
    expect(check(prompt, { inProgress: true }).verdict).toBe('fail');
  });

  it('platform override changes the expectations', () => {
    const s = statuses(XEN_60_OK, { platform: 'kvm' });
    expect(s['xen-attach']).toBe('skip');
    expect(s['pvbus-attach']).toBe('fail');
    expect(s['nic-attach']).toBe('fail');
  });

  it('live facts turn the live-only rules on', () => {
    const live = { ssh: { tcp: 'open' as const, handshake: true, hostKeySha256: 'SHA256:J7GMuHoGxBG5XvrqQ3y/9/LZOd8CT9u0ib3JFUftnNM', address: '127.0.0.1', error: null } };
    const s = statuses(XEN_60_OK, { live });
    expect([s['ssh-reachable'], s['host-key-match']]).toEqual(['pass', 'pass']);
  });

  it('a policy object is validated', () => {
    expect(() => check(XEN_60_OK, { policy: { forbid: 'ena' } })).toThrow(/forbid: must be an array/);
    expect(statuses(XEN_60_OK, { policy: { forbid: ['wd*'] } })['expected-devices']).toBe('fail');
  });

  it('never throws and always answers every rule, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...XEN_60_OK.split('\n')), fc.string()), { maxLength: 60 }), (lines) => {
        const r = check(lines.join('\n'));
        expect(r.findings.map((f) => f.rule)).toEqual(REPORT_ORDER);
      }),
      { numRuns: 200 },
    );
  });
});

describe('rule runner', () => {
  const { env } = ruleEnv(parseBootLog(XEN_60_OK).model);
  const boot = env.facts.boot;

  it('a throwing rule becomes an inconclusive finding', () => {
    const broken = defineRule({ id: 'broken', meta: { description: '', severity: 'major', messages: { ok: { status: 'pass', text: 'ok' } } }, check: () => { throw new Error('boom'); } });
    expect(runRuleRaw(broken, boot, env)).toEqual([{ messageId: '(internal)', status: 'inconclusive', message: 'internal error in rule broken: boom', evidence: [] }]);
  });

  it('a silent rule is inconclusive; several reports merge to the worst', () => {
    const silent = defineRule({ id: 'silent', meta: { description: '', severity: 'major', messages: { ok: { status: 'pass', text: 'ok' } } }, check: () => undefined });
    expect(runRuleRaw(silent, boot, env)[0]?.status).toBe('inconclusive');
    const two = defineRule({
      id: 'two',
      meta: { description: '', severity: 'major', messages: { ok: { status: 'pass', text: 'fine {{x}}' }, bad: { status: 'fail', text: 'bad {{x}}' } } },
      check: (_b, ctx) => {
        ctx.report({ messageId: 'ok', data: { x: 1 }, evidence: [{ line: 3, text: 'c' }] });
        ctx.report({ messageId: 'bad', data: { x: 2 }, evidence: [{ line: 1, text: 'a' }] });
      },
    });
    expect(mergeReports('two', runRuleRaw(two, boot, env))).toEqual({
      rule: 'two',
      status: 'fail',
      message: 'bad 2',
      evidence: [{ line: 1, text: 'a' }, { line: 3, text: 'c' }],
    });
  });
});
