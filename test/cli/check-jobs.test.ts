import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, isolatedEnv, repoRoot, runCli } from '../launcher/cli-harness.js';

// --jobs runs the parse and the rules on worker threads, which need the built CLI: these run
// `node bin/bootgate.js` (the in-process CLI runs the TypeScript sources, where there are no threads).
const dir = mkdtempSync(join(tmpdir(), 'bootgate-check-jobs-'));
const fixtures = join(repoRoot, 'fixtures', 'dmesg');
const files = readdirSync(fixtures).filter((f) => f.endsWith('.log')).sort().slice(0, 30).map((f) => {
  copyFileSync(join(fixtures, f), join(dir, f));
  return join(dir, f);
});
const env = isolatedEnv();

beforeAll(async () => {
  buildOnce();
  // A saved report among the consoles: refused in its place, as without threads.
  const saved = await runCli(['check', '--format', 'json', files[0]!], env);
  writeFileSync(join(dir, 'saved.json'), saved.stdout);
}, 120_000);

const inputs = () => [...files.slice(0, 10), join(dir, 'saved.json'), ...files.slice(10, 20), join(dir, 'missing.log'), ...files.slice(20)];
// JUnit suites carry the time each file took.
const timeless = (s: string) => s.replace(/ time="[\d.]+"/g, ' time="T"');

describe('bootgate check --jobs', () => {
  it('writes the same json, junit and html reports, errors and exit code on 2 threads as on the main thread', async () => {
    // One run per thread count writes all three: json on stdout, junit and html through --report.
    const run = (jobs: string) =>
      runCli(['check', '--jobs', jobs, '-f', 'json', '--report', `junit=${join(dir, `r${jobs}.xml`)}`, '--report', `html=${join(dir, `r${jobs}.html`)}`, ...inputs()], env);
    const [one, two] = [await run('1'), await run('2')];
    expect(one.code).toBe(2);
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    for (const ext of ['xml', 'html']) expect(timeless(readFileSync(join(dir, `r2.${ext}`), 'utf8')), ext).toBe(timeless(readFileSync(join(dir, `r1.${ext}`), 'utf8')));
    expect(readFileSync(join(dir, 'r1.xml'), 'utf8')).toContain('<testsuites');
    expect(readFileSync(join(dir, 'r1.html'), 'utf8')).toContain('<!doctype html>');
    expect(two.stderr).toBe(one.stderr);
    expect(one.stderr).toContain('saved.json: is a bootgate JSON report');
    expect(one.stderr).toContain('cannot read');
  });

  it('keeps --platform and --expect on the threads', async () => {
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ require: ['vio*'] }));
    const args = ['-f', 'json', '--platform', 'kvm', '--expect', policy, ...files];
    const one = await runCli(['check', '--jobs', '1', ...args], env);
    const two = await runCli(['check', '--jobs', 'auto', ...args], env);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).toContain('"id":"kvm"');
    expect(one.stdout).toContain('vio*');
  });

  it('refuses a --jobs that is not a number of threads', async () => {
    const r = await runCli(['check', '--jobs', 'many', files[0]!], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bootgate: --jobs: "many" is not a whole number of threads or auto\n');
  });
});
