import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, isolatedEnv, repoRoot } from '../launcher/cli-harness.js';
import { runCliInProcess as runCli } from '../launcher/in-process-cli.js';
import { XEN_60_OK, replaceLine, upTo } from '../rules/snippets.js';
import { tempFiles } from '../helpers/temp-files.js';

const { dir, write: file } = tempFiles('bootgate-check-cli-');
const good = file('good.txt', XEN_60_OK);
const bad = file('bad.txt', replaceLine(XEN_60_OK, /^xnf0 at/, '"vif" at xen0: device/vif/0 not configured'));
const dmesg = file('dmesg.txt', upTo(XEN_60_OK, 'root on'));
const env = isolatedEnv();

beforeAll(() => buildOnce(), 120_000);

describe('bootgate check', () => {
  it('exit 0 on pass with a human report, no colour when piped', async () => {
    const r = await runCli(['check', good], isolatedEnv({ NO_COLOR: undefined }));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/good\.txt: PASS {2}platform xen-hvm/);
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stderr).toBe('');
  });

  it('exit 1 on fail, 3 on inconclusive, the worst of several', async () => {
    expect((await runCli(['check', bad], env)).code).toBe(1);
    expect((await runCli(['check', dmesg], env)).code).toBe(3);
    expect((await runCli(['check', good, dmesg], env)).code).toBe(3);
    expect((await runCli(['check', dmesg, bad, good], env)).code).toBe(1);
  });

  it('exit 2 when a file is unreadable, still reporting the others', async () => {
    const r = await runCli(['check', '--format', 'json', bad, join(dir, 'missing.txt'), good], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`bootgate: cannot read ${join(dir, 'missing.txt')}: no such file\n`);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.file, l.verdict])).toEqual([[bad, 'fail'], [good, 'pass']]);
  });

  it('reads stdin for -', async () => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/bootgate.js'), 'check', '--format', 'json', '-'], { env, cwd: repoRoot });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.end(XEN_60_OK);
    const code = await new Promise((res) => child.on('close', res));
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ schemaVersion: 1, file: '-', verdict: 'pass' });
  });

  it('--output writes the report to a file', async () => {
    const out = join(dir, 'report.xml');
    const r = await runCli(['check', '--format', 'junit', '--output', out, good, bad], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const xml = readFileSync(out, 'utf8');
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
  });

  it('--platform and --expect change the judgement', async () => {
    expect((await runCli(['check', '--platform', 'kvm', good], env)).code).toBe(1);
    const policy = file('policy.json', JSON.stringify({ require: [{ name: 'xbf*', parent: 'xen*' }] }));
    const r = await runCli(['check', '--format', 'json', '--expect', policy, good], env);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.find((f: { rule: string }) => f.rule === 'expected-devices').status).toBe('fail');
  });

  it('usage and config errors are one line, exit 2', async () => {
    const badFormat = await runCli(['check', '--format', 'xml', good], env);
    expect([badFormat.code, badFormat.stderr]).toEqual([2, 'bootgate: --format: unknown format "xml" (formats: human, json, junit, markdown, html; text means human)\n']);
    const badPlatform = await runCli(['check', '--platform', 'aws', good], env);
    expect(badPlatform.code).toBe(2);
    expect(badPlatform.stderr).toMatch(/^bootgate: --platform: unknown platform "aws" \(known: xen-hvm, .*\)\n$/);
    const policy = file('bad-policy.json', '{"keyTypes": ["ED448"]}');
    const badPolicy = await runCli(['check', '--expect', policy, good], env);
    expect([badPolicy.code, badPolicy.stderr]).toEqual([2, `bootgate: policy ${policy}: keyTypes[0]: must be one of DSA, ECDSA, ED25519, RSA\n`]);
    const none = await runCli(['check'], env);
    expect(none.code).toBe(2);
  });

  it('checks a thousand files in one call, one JSON line each', async () => {
    const many = mkdtempSync(join(tmpdir(), 'bootgate-many-'));
    const names = Array.from({ length: 1000 }, (_, i) => {
      const p = join(many, `c${i}.txt`);
      symlinkSync(i % 2 ? good : dmesg, p);
      return p;
    });
    const r = await runCli(['check', '--format', 'json', ...names], env);
    expect(r.code).toBe(3);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1000);
    expect(JSON.parse(lines[999]!)).toMatchObject({ file: names[999], verdict: 'pass' });
  }, 60_000);
});
