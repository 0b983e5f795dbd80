import { describe, expect, it } from 'vitest';
import { isolatedEnv } from '../launcher/cli-harness.js';
import { runCliInProcess } from '../launcher/in-process-cli.js';

// The in-process CLI harness keeps what the child-process one proved: its own streams, the exit
// code, and an offline guard that a command loading the AWS SDK trips. (Each run's own environment
// is what launch-errors.test.ts's missing-credentials and missing-region cases rest on.)
describe('runCliInProcess', () => {
  // The guard sees an import only while nothing in this process has loaded the SDK yet, and a
  // refused import stays refused in this process: a file of offline runs only.
  it('fails an offline run that loads the AWS SDK', async () => {
    const r = await runCliInProcess(['sweep', '--endpoint-url', 'http://127.0.0.1:9', '--dry-run'], isolatedEnv(), { offline: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/offline command loaded .*@aws-sdk\//);
  });

  it('gives each run its own stdout, stderr and exit code, also when runs overlap', async () => {
    const [a, b] = await Promise.all([
      runCliInProcess(['check', '--format', 'nope', 'x.log'], isolatedEnv()),
      runCliInProcess(['--version'], isolatedEnv()),
    ]);
    expect(a.code).toBe(2);
    expect(a.stdout).toBe('');
    expect(a.stderr).toMatch(/^bootgate: .*nope/);
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(b.stderr).toBe('');
    expect(process.exitCode).toBeUndefined();
  });
});
