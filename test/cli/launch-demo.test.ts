import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, isolatedEnv } from '../launcher/cli-harness.js';
import { runCliInProcess as runCli } from '../launcher/in-process-cli.js';
import { DEMO_SCENARIOS } from '../../src/launcher/demo.js';

beforeAll(() => buildOnce(), 120_000);

describe.concurrent('bootgate demo', () => {
  it('needs no AWS environment, shows every scenario as built, leaves nothing running, exits 0', async () => {
    const env = isolatedEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_REGION: undefined });
    const r = await runCli(['demo'], env);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/^ok {3}healthy-xen-6\.0 +pass$/m);
    expect(r.stdout).toMatch(/^ok {3}nitro-no-ena +fail \[nitro-no-ena\] \(image\)$/m);
    expect(r.stdout).toMatch(/^ok {3}host-key-mismatch +fail \(image\)$/m);
    expect(r.stdout).toMatch(/host-key-match: HOST KEY MISMATCH/);
    expect(r.stdout).toMatch(/^ok {3}ec2-internal-error +inconclusive \(infrastructure\)$/m);
    const n = DEMO_SCENARIOS.length;
    expect(r.stdout).toMatch(new RegExp(`${n}/${n} scenarios showed what they are built to show .*; instances still running: 0;`));
    expect(r.stderr).toMatch(/healthy-7\.6 +logged in as root/);
  }, 60_000);

  it("a deadline-bound scenario (console never posted) comes out inconclusive, infrastructure, as built", async () => {
    const r = await runCli(['demo', '--scenario', 'console-never-posted', '--speed', '200'], isolatedEnv());
    expect(r.stdout).toMatch(/^ok {3}console-never-posted +inconclusive \[no-console-output\] \(infrastructure\)$/m);
    expect(r.code).toBe(0);
  }, 60_000);

  it('an unknown scenario is one clear line, exit 2', async () => {
    const r = await runCli(['demo', '--scenario', 'nope'], isolatedEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bootgate: --scenario: unknown nope \(known: healthy-xen-6\.0, /);
  });
});
