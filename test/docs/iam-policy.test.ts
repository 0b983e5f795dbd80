import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/sim/index.js';
import type { LaunchReport } from '../../src/verdict/launch-report.js';
import { useSimulator, isolatedEnv, repoRoot } from '../launcher/cli-harness.js';
import { runCliInProcess as runCli } from '../launcher/in-process-cli.js';

// docs/iam-policy.json is the least a launch and a sweep need: exactly the EC2 actions the simulator
// served them, plus ec2:CreateTags, which IAM requires of any call that tags on creation (TagSpecification).
interface Statement { readonly Action: string | readonly string[] }
const policy = JSON.parse(readFileSync(join(repoRoot, 'docs', 'iam-policy.json'), 'utf8')) as { Version: string; Statement: readonly Statement[] };
const healthy = SCENARIOS.find((s) => s.id === 'healthy-xen-6.0')!;
const live = useSimulator({ speed: 100 });

describe('docs/iam-policy.json', () => {
  it('lists exactly the EC2 actions launch (with SSH and its ephemeral key) and sweep call, and CreateTags for tagging on creation', async () => {
    const common = ['--endpoint-url', live.sim.endpoint, '--region', 'us-east-1'];
    const r = await runCli(['launch', '--ami', healthy.amiId, '--ssh-port', String(live.sim.sshPort), '--poll-interval', '250ms', '--timeout', '90s', '--format', 'json', ...common], isolatedEnv());
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as LaunchReport;
    expect(report.timeline.map((t) => t.event)).toContain('ssh-login');
    const s = await runCli(['sweep', '--run-id', report.runId!, ...common], isolatedEnv());
    expect(s.code, s.stderr).toBe(0);

    const served = live.sim.calls().filter((c) => c.region !== null);
    const called = new Set(served.map((c) => `ec2:${c.action}`));
    const tagsOnCreate = served.some((c) => Object.keys(c.params).some((k) => k.startsWith('TagSpecification.')));
    expect(tagsOnCreate).toBe(true);
    const needed = new Set([...called, ...(tagsOnCreate ? ['ec2:CreateTags'] : [])]);

    const granted = policy.Statement.flatMap((st) => (typeof st.Action === 'string' ? [st.Action] : [...st.Action]));
    expect(new Set(granted).size, 'an action listed twice').toBe(granted.length);
    // Both directions: nothing the tool needs is missing, nothing it does not need is granted.
    expect([...needed].filter((a) => !granted.includes(a)), 'called but not granted').toEqual([]);
    expect(granted.filter((a) => !needed.has(a)), 'granted but never called').toEqual([]);
  }, 180_000);

  it('is an IAM policy document: version, Allow statements, ec2 actions only, no wildcard action', () => {
    expect(policy.Version).toBe('2012-10-17');
    for (const st of policy.Statement as readonly (Statement & { Effect: string; Resource: unknown })[]) {
      expect(st.Effect).toBe('Allow');
      expect(st.Resource).toBeDefined();
      for (const a of typeof st.Action === 'string' ? [st.Action] : st.Action) expect(a).toMatch(/^ec2:[A-Z][A-Za-z]+$/);
    }
  });
});
