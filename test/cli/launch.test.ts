import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, SCENARIOS, type Scenario, type Simulator } from '../../src/sim/index.js';
import type { LaunchReport } from '../../src/launcher/types.js';
import { buildOnce, isolatedEnv, runCli } from '../launcher/cli-harness.js';

// Integration: the real CLI (child process) and the real SDK against the simulator on loopback.
let sim: Simulator;
const EXIT_OF = { pass: 0, fail: 1, inconclusive: 3 } as const;

beforeAll(async () => {
  buildOnce();
  sim = await startSimulator({ speed: 30 });
}, 120_000);

afterAll(async () => {
  await sim?.close();
});

const launchArgs = (s: Pick<Scenario, 'amiId' | 'instanceType'>, ...extra: string[]) => [
  'launch',
  '--ami', s.amiId,
  '--instance-type', s.instanceType,
  '--endpoint-url', sim.endpoint,
  '--ssh-port', String(sim.sshPort),
  '--poll-interval', '250ms',
  '--format', 'json',
  ...extra,
];

/** Scenarios that only end at the deadline get a short one. */
const slow = (s: Scenario) => s.consoleNeverPosted || s.faults.some((f) => f.kind === 'capacity');

describe.concurrent('bootgate launch against every simulator scenario', () => {
  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s', async (_id, s) => {
    const reportDir = mkdtempSync(join(tmpdir(), 'bootgate-reports-'));
    const r = await runCli(launchArgs(s, '--timeout', slow(s) ? '6s' : '40s', '--tag', 'team=porters', '--report-dir', reportDir), isolatedEnv());
    const lines = r.stdout.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    const report = JSON.parse(lines[0]!) as LaunchReport;

    expect(report.verdict, `${r.stderr}\n${report.reason}`).toBe(s.expect.verdict);
    expect(r.code).toBe(EXIT_OF[s.expect.verdict]);
    expect(report.diagnoses.map((d) => d.id).slice(0, s.expect.diagnoses.length)).toEqual(s.expect.diagnoses);
    if (s.expect.cause) expect(report.cause).toBe(s.expect.cause);
    if (s.expect.verdict === 'pass') expect(report.cause).toBeNull();
    expect(report.schemaVersion).toBe(1);
    expect(report.instance.amiId).toBe(s.amiId);
    expect(report.timeline.map((t) => t.event)).toContain('verdict');
    expect(report.uncleaned).toEqual([]);

    const mine = sim.instances().filter((i) => i.amiId === s.amiId && i.tags['bootgate:run-id'] === report.runId);
    if (report.instance.id === null) {
      // Never launched (capacity): nothing to clean, nothing billed.
      expect(mine).toEqual([]);
      expect(report.cost.instanceSeconds).toBe(0);
      return;
    }
    expect(mine.map((i) => i.id)).toEqual([report.instance.id]);
    const inst = mine[0]!;
    expect(inst.state).toBe('terminated');
    expect(report.instance.state).toBe('terminated');
    expect(inst.shutdownBehavior).toBe('terminate');
    expect(inst.httpTokens).toBe('optional');
    expect(inst.tags).toMatchObject({ team: 'porters', 'bootgate:run-id': report.runId });
    expect(inst.volumeTags).toMatchObject({ team: 'porters', 'bootgate:run-id': report.runId });
    expect(Date.parse(inst.tags['bootgate:expires-at']!)).toBeGreaterThan(Date.now());
    expect(inst.clientToken).toMatch(/^bootgate-/);
    expect(inst.keyName).toMatch(/^bootgate-/);
    expect(report.cost.instanceSeconds).toBeGreaterThan(0);
    const events = report.timeline.map((t) => t.event);
    expect(events).toEqual(expect.arrayContaining(['preflight', 'run-instances', 'terminate', 'terminated']));
    // API latency is recorded per call.
    expect(report.timeline.filter((t) => t.event === 'api').map((t) => t.detail!.split(' ')[0])).toEqual(
      expect.arrayContaining(['DescribeImages', 'DescribeInstanceTypes', 'RunInstances', 'GetConsoleOutput', 'TerminateInstances']),
    );

    if (!s.consoleNeverPosted) {
      expect(report.console).toMatch(/OpenBSD/);
      expect(events).toContain('first-console-byte');
      expect(readFileSync(join(reportDir, `${report.instance.id}.console.txt`), 'utf8')).toBe(report.console);
    }
    expect(JSON.parse(readFileSync(join(reportDir, `${report.instance.id}.json`), 'utf8')).verdict).toBe(report.verdict);
    if (s.expect.verdict === 'pass') {
      expect(events).toEqual(expect.arrayContaining(['running', 'ssh-handshake', 'ssh-login']));
      // Logged in with the ephemeral key after the host key matched the banner.
      expect(report.uname).toMatch(/^OpenBSD /);
      expect(report.dmesg).toMatch(/OpenBSD/);
      expect(existsSync(join(reportDir, `${report.instance.id}.dmesg.txt`))).toBe(true);
      expect(report.findings.find((f) => f.rule === 'host-key-match')?.status).toBe('pass');
    }
    if (s.id === 'host-key-mismatch') {
      expect(report.findings.find((f) => f.rule === 'host-key-match')?.status).toBe('fail');
      // Never logged in to a host the console did not vouch for.
      expect(report.uname).toBeNull();
    }
  }, 60_000);
});

describe('bootgate launch: errors are one clear line, exit 2', () => {
  const healthy = SCENARIOS.find((s) => s.id === 'healthy-7.6')!;

  it('missing credentials', async () => {
    const r = await runCli(launchArgs(healthy), isolatedEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bootgate: no AWS credentials found: set AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or --profile\n$/);
    expect(r.stdout).toBe('');
  });

  it('missing region', async () => {
    const r = await runCli(launchArgs(healthy), isolatedEnv({ AWS_REGION: undefined }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bootgate: no AWS region: pass --region or set AWS_REGION[^\n]*\n$/);
  });

  it('wrong AMI id', async () => {
    const r = await runCli(launchArgs({ amiId: 'ami-0000000000000dead', instanceType: 't2.micro' }), isolatedEnv());
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(/^bootgate: DescribeImages failed: InvalidAMIID\.NotFound: .*\(request id [^)]+\)\n$/);
  });

  it('--strict-preflight refuses stock OpenBSD on Nitro before launching anything', async () => {
    const before = sim.instances().length;
    const r = await runCli(launchArgs({ amiId: healthy.amiId, instanceType: 'm5.large' }, '--strict-preflight'), isolatedEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bootgate: pre-flight refused .* no ena\(4\) driver.*\(--strict-preflight\)$/m);
    expect(sim.instances().length).toBe(before);
  });

  it('bad flags', async () => {
    const r = await runCli(launchArgs(healthy, '--timeout', '10'), isolatedEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bootgate: --timeout: cannot read "10" as a duration (examples: 500ms, 90s, 15m, 2h, 1m30s)\n');
  });
});

describe('bootgate launch: matrix, interrupt, keep, sweep', () => {
  it('a matrix runs concurrently and prints one JSON object per line, worst verdict decides the exit code', async () => {
    const s = SCENARIOS.find((x) => x.id === 'healthy-7.6')!;
    const r = await runCli(launchArgs({ amiId: s.amiId, instanceType: 't2.micro,m5.large,t2.small' }, '--timeout', '40s'), isolatedEnv());
    const reports = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as LaunchReport);
    expect(reports.map((x) => [x.instance.type, x.verdict])).toEqual([
      ['t2.micro', 'pass'],
      ['m5.large', 'fail'],
      ['t2.small', 'pass'],
    ]);
    expect(reports[1]!.diagnoses[0]!.id).toBe('nitro-no-ena');
    expect(new Set(reports.map((x) => x.runId)).size).toBe(1);
    expect(r.code).toBe(1);
    // Concurrent, not one after another: the three launches overlap in time.
    const launched = reports.map((x) => Date.parse(x.timeline.find((t) => t.event === 'run-instances')!.at));
    const ended = reports.map((x) => Date.parse(x.timeline.find((t) => t.event === 'verdict')!.at));
    expect(Math.max(...launched)).toBeLessThan(Math.min(...ended));
    expect(r.stderr).toMatch(/\[m5\.large\] warning: m5\.large is a Nitro type/);
  }, 60_000);

  it('SIGINT mid-watch terminates the instance and exits 130', async () => {
    const s = SCENARIOS.find((x) => x.id === 'console-never-posted')!;
    const r = await runCli(
      ['launch', '--ami', s.amiId, '--instance-type', s.instanceType, '--endpoint-url', sim.endpoint, '--ssh-port', String(sim.sshPort), '--poll-interval', '250ms', '--timeout', '5m', '--format', 'json'],
      isolatedEnv(),
      (child, stderr) => {
        const timer = setInterval(() => {
          // Interrupt once the run has launched (the instance id appears in the progress lines).
          if (/\[t2\.micro\] /.test(stderr()) || sim.instances().some((i) => i.amiId === s.amiId && i.state === 'running')) {
            clearInterval(timer);
            setTimeout(() => child.kill('SIGINT'), 500);
          }
        }, 100);
        child.on('close', () => clearInterval(timer));
      },
    );
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/SIGINT: stopping and terminating/);
    const report = JSON.parse(r.stdout.trim()) as LaunchReport;
    expect(report.verdict).toBe('inconclusive');
    expect(report.reason).toBe('interrupted by SIGINT');
    expect(report.instance.state).toBe('terminated');
    expect(sim.instances().find((i) => i.id === report.instance.id)?.state).toBe('terminated');
  }, 60_000);

  it('--keep-on-failure keeps the instance and says how to remove it; sweep removes it by tag', async () => {
    const s = SCENARIOS.find((x) => x.id === 'panic-in-attach')!;
    const r = await runCli(launchArgs(s, '--keep-on-failure', '--timeout', '40s'), isolatedEnv());
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout.trim()) as LaunchReport;
    expect(report.kept).toBe(true);
    expect(r.stderr).toContain(`aws ec2 terminate-instances --region us-east-1 --instance-ids ${report.instance.id}`);
    expect(sim.instances().find((i) => i.id === report.instance.id)?.state).toBe('running');

    const sweepArgs = ['sweep', '--endpoint-url', sim.endpoint, '--older-than', '0s'];
    const dry = await runCli([...sweepArgs, '--dry-run'], isolatedEnv());
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(new RegExp(`^${report.instance.id}  run ${report.runId}  running  .*would terminate$`, 'm'));
    expect(sim.instances().find((i) => i.id === report.instance.id)?.state).toBe('running');

    const young = await runCli(['sweep', '--endpoint-url', sim.endpoint, '--older-than', '2h'], isolatedEnv());
    expect(young.stdout).toMatch(new RegExp(`^${report.instance.id} .*skipped: younger than --older-than$`, 'm'));

    const real = await runCli(sweepArgs, isolatedEnv());
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(new RegExp(`^${report.instance.id} .*terminated$`, 'm'));
    expect(sim.instances().find((i) => i.id === report.instance.id)?.state).toBe('terminated');
    const terminates = sim.calls().filter((c) => c.action === 'TerminateInstances' && Object.values(c.params).includes(report.instance.id!));
    // By id, one at a time.
    expect(terminates.every((c) => Object.keys(c.params).filter((k) => k.startsWith('InstanceId.')).length === 1)).toBe(true);
  }, 60_000);

  it('leaves nothing running', () => {
    expect(sim.runningCount()).toBe(0);
  });
});

describe('bootgate launch --format', () => {
  it('junit and markdown carry the verdict and diagnosis', async () => {
    const s = SCENARIOS.find((x) => x.id === 'kernel-without-xen')!;
    const dir = mkdtempSync(join(tmpdir(), 'bootgate-out-'));
    const out = join(dir, 'report.xml');
    const j = await runCli(launchArgs(s, '--timeout', '40s', '--format', 'junit', '--output', out), isolatedEnv());
    expect(j.code, j.stderr).toBe(1);
    expect(j.stdout).toBe('');
    const xml = readFileSync(out, 'utf8');
    expect(xml).toMatch(/<testsuite name="bootgate launch" tests="1" failures="1" errors="0" skipped="0">/);
    expect(xml).toMatch(/<failure message="kernel-lacks-xen[^"]*">/);
    const m = await runCli(launchArgs(s, '--timeout', '40s', '--format', 'markdown'), isolatedEnv());
    expect(m.stdout).toMatch(/^\| t2\.micro \| i-[0-9a-f]+ \| \*\*fail\*\* \(image\) \| `kernel-lacks-xen`/m);
    expect(readdirSync(dir)).toEqual(['report.xml']);
  }, 60_000);
});
