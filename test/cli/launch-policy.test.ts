import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/sim/index.js';
import type { LaunchReport } from '../../src/verdict/launch-report.js';
import { useSimulator, isolatedEnv, type CliResult } from '../launcher/cli-harness.js';
import { runCliInProcess as runCli } from '../launcher/in-process-cli.js';

// `launch --expect` and `--platform`: the policy file and platform ids of `check`, on a live run (simulator, loopback).
const live = useSimulator({ speed: 100 });
const dir = mkdtempSync(join(tmpdir(), 'bootgate-launch-policy-'));
const policy = (name: string, doc: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
};

const launch = (scenarioId: string, ...extra: string[]): Promise<CliResult> => {
  const s = SCENARIOS.find((x) => x.id === scenarioId)!;
  return runCli(
    ['launch', '--ami', s.amiId, '--instance-type', s.instanceType, '--endpoint-url', live.sim.endpoint, '--ssh-port', String(live.sim.sshPort), '--poll-interval', '250ms', '--timeout', '40s', '--format', 'json', ...extra],
    isolatedEnv(),
  );
};

function parseOne(r: CliResult): LaunchReport {
  const lines = r.stdout.trim().split('\n').filter(Boolean);
  expect(lines, `exit ${r.code}\n${r.stderr}`).toHaveLength(1);
  return JSON.parse(lines[0]!) as LaunchReport;
}

describe.concurrent('bootgate launch --expect / --platform', { timeout: 120_000 }, () => {
  it('banner-missing, as its remedy says: a policy that turns the banner rule off lets the console pass', async () => {
    const without = parseOne(await launch('banner-missing', '--no-ssh'));
    expect(without.verdict).toBe('fail');
    expect(without.diagnoses[0]?.remedy).toMatch(/launch --expect FILE/);

    const r = await launch('banner-missing', '--no-ssh', '--expect', policy('no-banner.json', { banner: false }));
    const report = parseOne(r);
    expect(report.verdict, r.stderr).toBe('pass');
    expect(r.code).toBe(0);
    expect(report.findings.find((f) => f.rule === 'fingerprint-banner')?.status).toBe('skip');
    expect(report.uncleaned).toEqual([]);
  });

  it('with SSH on, the banner rule off is no false pass: the host key has nothing to be proven against, said once the boot is over (not at the deadline)', async () => {
    const r = await launch('banner-missing', '--expect', policy('no-banner-ssh.json', { banner: false }));
    const report = parseOne(r);
    expect(report.verdict, r.stderr).toBe('inconclusive');
    expect(r.code).toBe(3);
    expect(report.findings.find((f) => f.rule === 'fingerprint-banner')?.status).toBe('skip');
    expect(report.findings.find((f) => f.rule === 'host-key-match')).toMatchObject({ status: 'inconclusive', message: expect.stringMatching(/prints no host key fingerprint/) });
    expect(report.reason).toMatch(/reached the login prompt and SSH has answered.*host-key-match/);
    expect(report.uncleaned).toEqual([]);
  });

  it('a required device the boot never attaches fails the healthy image, with the policy rule as evidence', async () => {
    const r = await launch('healthy-7.6', '--expect', policy('need-vio.json', { require: ['vio0'] }));
    const report = parseOne(r);
    expect(report.verdict, r.stderr).toBe('fail');
    expect(r.code).toBe(1);
    const f = report.findings.find((x) => x.rule === 'expected-devices');
    expect(f?.status).toBe('fail');
    expect(f?.message).toMatch(/vio0/);
  });

  it('a forbidden device that attaches fails; the same policy without it passes', async () => {
    const bad = parseOne(await launch('healthy-7.6', '--expect', policy('no-xnf.json', { forbid: ['xnf*'] })));
    expect(bad.verdict).toBe('fail');
    expect(bad.findings.find((x) => x.rule === 'expected-devices')?.status).toBe('fail');
    const ok = parseOne(await launch('healthy-7.6', '--expect', policy('need-xnf.json', { require: [{ name: 'xnf0', parent: 'xen0' }] })));
    expect(ok.verdict).toBe('pass');
    expect(ok.findings.find((x) => x.rule === 'expected-devices')?.status).toBe('pass');
  });

  it('--platform overrides the pre-flight guess, and the report says so', async () => {
    const auto = parseOne(await launch('healthy-7.6'));
    expect(auto.platform.id).toBe('xen-hvm');
    expect(auto.platform.source).not.toBe('override');
    const r = await launch('healthy-7.6', '--platform', 'kvm');
    const forced = parseOne(r);
    expect(forced.platform).toMatchObject({ id: 'kvm', source: 'override' });
    // A Xen boot judged as KVM cannot pass the KVM profile's NIC expectations.
    expect(forced.verdict).not.toBe('pass');
  });

  it('a bad policy file or platform id is one line, exit 2, before anything is launched', async () => {
    const cases: [string[], RegExp][] = [
      [['--expect', join(dir, 'absent.json')], /policy/],
      [['--expect', policy('bad-field.json', { requires: ['xnf0'] })], /requires: unknown field/],
      [['--expect', policy('bad-banner.json', { banner: 'yes' })], /banner/],
      [['--platform', 'xen-pv'], /--platform: unknown platform "xen-pv"/],
    ];
    for (const [args, msg] of cases) {
      const r = await launch('healthy-7.6', '--tag', 'case=refused', ...args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(msg);
    }
    expect(live.sim.instances().filter((i) => i.tags['case'] === 'refused')).toEqual([]);
    expect(live.sim.calls().filter((c) => Object.values(c.params).includes('refused'))).toEqual([]);
  });
});
