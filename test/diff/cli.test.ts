import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerDiff } from '../../src/cli/commands/diff.js';
import { registerBaseline } from '../../src/cli/commands/baseline.js';
import { ConfigError, InputError } from '../../src/errors.js';

const fx = (f: string) => resolve(__dirname, '../../fixtures/diff', f);

/** Runs the commands in-process, as main.ts would, capturing stdout and the exit code. */
async function run(...argv: string[]): Promise<{ out: string; code: number | undefined }> {
  const program = new Command('bootgate').exitOverride();
  registerDiff(program);
  registerBaseline(program);
  let out = '';
  // Calls the write callback as a real stream does (output waits for it to flush).
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, a?: unknown, b?: unknown) => {
    out += String(chunk);
    const cb = typeof a === 'function' ? a : typeof b === 'function' ? b : null;
    if (cb) queueMicrotask(() => (cb as () => void)());
    return true;
  }) as typeof process.stdout.write);
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  const code = process.exitCode as number | undefined;
  process.exitCode = undefined;
  return { out, code };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bootgate-diff-cli-'));
});
afterEach(() => {
  process.exitCode = undefined;
});

describe('bootgate diff', () => {
  it('exits 0 and says "no changes" for a healthy pair', async () => {
    const r = await run('diff', fx('healthy-a.log'), fx('healthy-b.log'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('no changes');
    expect(r.out).toMatch(/^old: .*healthy-a\.log: OpenBSD 6\.0 GENERIC\.MP #2319 \(Tue Jul 26 13:00:43 MDT 2016\) amd64; verdict pass$/m);
  });

  it('exits 1 on a regression, listing it with its evidence line', async () => {
    const r = await run('diff', fx('healthy-a.log'), fx('xnf0-lost.log'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/REGRESSION +device-removed +xnf0 at xen0 no longer attaches \(old L\d+\)/);
    expect(r.out).toMatch(/REGRESSION +verdict-changed +verdict pass → fail/);
    expect(r.out).toMatch(/result: REGRESSION \(\d+ regressions/);
  });

  it('--allow turns an expected change into a pass; json and markdown formats', async () => {
    const r = await run('diff', fx('upgrade-5.9.log'), fx('upgrade-6.0.log'), '--allow', fx('upgrade-5.9-6.0.allow.json'), '--format', 'json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out);
    expect(d.kind).toBe('bootgate-diff');
    // The file's four entries, and the built-in entry for xnf(4)'s 6.0 attach format.
    expect(d.changes.filter((c: { allowed: { source: string } | null }) => c.allowed?.source === 'file')).toHaveLength(4);
    expect(d.changes.filter((c: { allowed: { source: string } | null }) => c.allowed?.source === 'builtin').map((c: { subject: string }) => c.subject)).toEqual(['xnf0']);
    const md = await run('diff', fx('healthy-a.log'), fx('new-unconfigured.log'), '-f', 'markdown');
    expect(md.code).toBe(1);
    expect(md.out).toContain('| **REGRESSION** | `unconfigured-added` |');
  });

  it('reads a saved baseline and a check report as inputs, and writes --output', async () => {
    await run('baseline', 'save', fx('healthy-a.log'), '--name', 't2.micro-6.0', '--dir', dir);
    const out = join(dir, 'diff.html');
    const r = await run('diff', join(dir, 't2.micro-6.0.json'), fx('xnf0-lost.log'), '--format', 'html', '--output', out);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(await readFile(out, 'utf8')).toContain('<div class="verdict fail" id="verdict">REGRESSION</div>');
  });

  it('--redact leaves no MAC or IP in the output', async () => {
    const r = await run('diff', fx('upgrade-5.9.log'), fx('upgrade-6.0.log'), '--format', 'json', '--redact');
    expect(r.out).not.toMatch(/0a:4e:11:20:9c:d1|10\.20\.0\.37/);
    const plain = await run('diff', fx('upgrade-5.9.log'), fx('upgrade-6.0.log'), '--format', 'json');
    expect(plain.out).toContain('0a:4e:11:20:9c:d1');
  });

  it('usage and input errors are typed, one-line errors', async () => {
    await expect(run('diff', fx('healthy-a.log'), join(dir, 'missing.log'))).rejects.toThrow(InputError);
    await writeFile(join(dir, 'bad-allow.json'), '{"allow":[{"kind":"device-removed","subject":"wd0"}]}');
    await expect(run('diff', fx('healthy-a.log'), fx('healthy-b.log'), '--allow', join(dir, 'bad-allow.json'))).rejects.toThrow(/allow\[0\]\.reason: required/);
    await expect(run('diff', fx('healthy-a.log'), fx('healthy-b.log'), '--allow', join(dir, 'nope.json'))).rejects.toThrow(ConfigError);
    await writeFile(join(dir, 'junk.json'), '{"hello": 1}');
    await expect(run('diff', join(dir, 'junk.json'), fx('healthy-b.log'))).rejects.toThrow(/neither a console/);
    await writeFile(join(dir, 'empty.log'), 'nothing to see\n');
    await expect(run('diff', join(dir, 'empty.log'), fx('healthy-b.log'))).rejects.toThrow(/no OpenBSD boot found/);
  });
});

describe('bootgate baseline', () => {
  it('saves, lists, and refuses unsafe names and failing boots', async () => {
    const s = await run('baseline', 'save', fx('healthy-a.log'), '-n', 't2.micro-6.0', '-d', dir, '--redact');
    expect(s.code).toBe(0);
    expect(s.out).toMatch(/^saved t2\.micro-6\.0: .*t2\.micro-6\.0\.json \(OpenBSD 6\.0 GENERIC\.MP #2319 \(Tue Jul 26 13:00:43 MDT 2016\) amd64, verdict pass\)/);
    const saved = await readFile(join(dir, 't2.micro-6.0.json'), 'utf8');
    expect(saved).not.toMatch(/0a:4e:11:20:9c:d1|10\.20\.0\.37|ip-10-20-0-37/);
    const l = await run('baseline', 'list', '-d', dir);
    expect(l.out).toMatch(/^t2\.micro-6\.0 {2}OpenBSD 6\.0 GENERIC\.MP #2319 \(Tue Jul 26 13:00:43 MDT 2016\) amd64 {2}pass {2}/);
    await expect(run('baseline', 'save', fx('healthy-a.log'), '-n', '../x', '-d', dir)).rejects.toThrow(ConfigError);
    await expect(run('baseline', 'save', fx('xnf0-lost.log'), '-n', 'bad', '-d', dir)).rejects.toThrow(/a baseline must be known-good/);
    expect((await run('baseline', 'save', fx('xnf0-lost.log'), '-n', 'bad', '-d', dir, '--force')).code).toBe(0);
  });
});
