import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS, type Scenario } from '../../src/sim/index.js';
import { useSimulator, isolatedEnv, launchArgs as argsOn } from '../launcher/cli-harness.js';
import { runCliInProcess as runCli } from '../launcher/in-process-cli.js';

// Mistakes caught before (or at) the first API call: the real CLI, in this process, against the simulator on loopback.
const live = useSimulator({ speed: 300 });
const launchArgs = (s: Pick<Scenario, 'amiId' | 'instanceType'>, ...extra: string[]) => argsOn(live.sim, s, ...extra);

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
    const before = live.sim.instances().length;
    const r = await runCli(launchArgs({ amiId: healthy.amiId, instanceType: 'm5.large' }, '--strict-preflight'), isolatedEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bootgate: pre-flight refused .* no ena\(4\) driver.*\(--strict-preflight\)$/m);
    expect(live.sim.instances().length).toBe(before);
  });

  it('a bad gate flag is one line, exit 2, before anything is launched', async () => {
    const before = live.sim.instances().length;
    const dir = mkdtempSync(join(tmpdir(), 'bootgate-baselines-'));
    const r = await runCli(launchArgs(healthy, '--baseline', 'no-such-key', '--baseline-dir', dir), isolatedEnv());
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^bootgate: .*no-such-key/);
    expect(live.sim.instances().length).toBe(before);
  });

  it('bad flags', async () => {
    const r = await runCli(launchArgs(healthy, '--timeout', '10'), isolatedEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bootgate: --timeout: cannot read "10" as a duration (examples: 500ms, 90s, 15m, 2h, 1m30s)\n');
  });
});

