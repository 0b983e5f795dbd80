import { describe, expect, it } from 'vitest';
import { SCENARIOS, type Scenario } from '../../src/sim/index.js';
import type { LaunchReport } from '../../src/verdict/launch-report.js';
import { useSimulator, isolatedEnv, launchArgs as argsOn, parseOne, type CliResult } from '../launcher/cli-harness.js';
import { runCliInProcess as runCli } from '../launcher/in-process-cli.js';

// A matrix of types, --keep-on-failure with sweep, and a refused TerminateInstances: the real CLI,
// in this process, against the simulator on loopback.
const live = useSimulator({ speed: 300 });
const launchArgs = (s: Pick<Scenario, 'amiId' | 'instanceType'>, ...extra: string[]) => argsOn(live.sim, s, ...extra);

describe('bootgate launch: matrix, keep, sweep', () => {
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

  it('--keep-on-failure keeps the instance and says how to remove it; sweep removes it by tag', async () => {
    const s = SCENARIOS.find((x) => x.id === 'panic-in-attach')!;
    const r = await runCli(launchArgs(s, '--keep-on-failure', '--timeout', '40s'), isolatedEnv());
    expect(r.code).toBe(1);
    const report = parseOne(r);
    expect(report.kept).toBe(true);
    expect(r.stderr).toContain(`aws ec2 terminate-instances --region us-east-1 --instance-ids ${report.instance.id}`);
    expect(live.sim.instances().find((i) => i.id === report.instance.id)?.state).toBe('running');

    const sweepArgs = ['sweep', '--endpoint-url', live.sim.endpoint, '--older-than', '0s'];
    const dry = await runCli([...sweepArgs, '--dry-run'], isolatedEnv());
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(new RegExp(`^${report.instance.id}  run ${report.runId}  running  .*would terminate$`, 'm'));
    expect(live.sim.instances().find((i) => i.id === report.instance.id)?.state).toBe('running');

    const young = await runCli(['sweep', '--endpoint-url', live.sim.endpoint, '--older-than', '2h'], isolatedEnv());
    expect(young.stdout).toMatch(new RegExp(`^${report.instance.id} .*skipped: younger than --older-than$`, 'm'));

    const real = await runCli(sweepArgs, isolatedEnv());
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(new RegExp(`^${report.instance.id} .*terminated$`, 'm'));
    expect(live.sim.instances().find((i) => i.id === report.instance.id)?.state).toBe('terminated');
    const terminates = live.sim.calls().filter((c) => c.action === 'TerminateInstances' && Object.values(c.params).includes(report.instance.id!));
    // By id, one at a time.
    expect(terminates.every((c) => Object.keys(c.params).filter((k) => k.startsWith('InstanceId.')).length === 1)).toBe(true);
  }, 60_000);

  it('a refused TerminateInstances is NOT CLEANED, exit 2 although the verdict is pass; the printed sweep command removes exactly that run', async () => {
    const s = SCENARIOS.find((x) => x.id === 'healthy-xen-6.0')!;
    const remove = live.sim.faults.fail('TerminateInstances', 'UnauthorizedOperation', { status: 403, message: 'You are not authorized to perform this operation.' });
    let r: CliResult;
    try {
      r = await runCli(launchArgs(s, '--timeout', '40s'), isolatedEnv());
    } finally {
      remove();
    }
    expect(r.code, r.stderr).toBe(2);
    const report = parseOne(r);
    expect(report.verdict).toBe('pass');
    expect(report.uncleaned).toEqual([report.instance.id]);
    const hint = new RegExp(`^bootgate: NOT CLEANED: ${report.instance.id}; remove them by hand or with: (bootgate sweep --run-id ${report.runId} --region us-east-1 --endpoint-url \\S+)$`, 'm').exec(r.stderr);
    expect(hint, r.stderr).not.toBeNull();
    expect(live.sim.instances().find((i) => i.id === report.instance.id)?.state).toBe('running');
    const swept = await runCli(hint![1]!.split(' ').slice(1), isolatedEnv());
    expect(swept.code, swept.stderr).toBe(0);
    expect(swept.stdout).toMatch(new RegExp(`^${report.instance.id} .*terminated$`, 'm'));
    expect(live.sim.instances().find((i) => i.id === report.instance.id)?.state).toBe('terminated');
  }, 60_000);

  it('leaves nothing running', () => {
    expect(live.sim.runningCount()).toBe(0);
  });
});

