import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { startSimulator, type Scenario, type Simulator, type SimulatorOptions } from '../../src/sim/index.js';
import type { LaunchReport } from '../../src/verdict/launch-report.js';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(repoRoot, 'bin', 'bootgate.js');

/** The CLI under test is the real one, `node bin/bootgate.js`: dist/ is built once per run by test/helpers/global-setup.ts. */
export function buildOnce(): void {
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is not built: run `npm run build` (test/helpers/global-setup.ts builds it for vitest)');
}

/**
 * An environment that cannot reach anything but loopback: fake static credentials,
 * no IMDS lookup, no shared config from the real home directory.
 */
export function isolatedEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'bootgate-home-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: home,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    AWS_ACCESS_KEY_ID: 'AKIDBOOTGATETEST',
    AWS_SECRET_ACCESS_KEY: 'bootgate-test-not-a-secret',
    AWS_REGION: 'us-east-1',
    NO_COLOR: '1',
  };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv, onStart?: (child: ChildProcess, stderr: () => string) => void): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    onStart?.(child, () => stderr);
  });
}

/**
 * One simulator for a test file: built dist and started before the file's tests, closed after
 * them. Read `.sim` inside tests (it is set once the file's beforeAll has run).
 */
export function useSimulator(opts: SimulatorOptions): { readonly sim: Simulator } {
  const holder = {} as { sim: Simulator };
  beforeAll(async () => {
    buildOnce();
    holder.sim = await startSimulator(opts);
  }, 120_000);
  afterAll(async () => {
    await holder.sim?.close();
  });
  return holder;
}

/** Exit code of a single-type run by its verdict. */
export const EXIT_OF = { pass: 0, fail: 1, inconclusive: 3 } as const;

/**
 * `launch` of one image on one or more types against `sim` (one poll a second, JSON out), then
 * `extra`. The test/cli/launch-*.test.ts files share it.
 */
export function launchArgs(sim: Simulator, s: Pick<Scenario, 'amiId' | 'instanceType'>, ...extra: string[]): string[] {
  return [
    'launch',
    '--ami', s.amiId,
    '--instance-type', s.instanceType,
    '--endpoint-url', sim.endpoint,
    '--ssh-port', String(sim.sshPort),
    // Four polls a second, as launch-regions and launch-policy poll. A TCP probe that a busy test
    // process answers late reads as silent for that poll only: the next poll asks again, and a
    // port is called shut only after --ssh-grace of unbroken answers; SSH attempts get 3 s anyway.
    '--poll-interval', '250ms',
    '--format', 'json',
    ...extra,
  ];
}

/** The one JSON line of a single-type run; a run that printed none fails with its stderr. */
export function parseOne(r: CliResult): LaunchReport {
  const lines = r.stdout.trim().split('\n').filter(Boolean);
  expect(lines, `exit ${r.code}\n${r.stderr}`).toHaveLength(1);
  return JSON.parse(lines[0]!) as LaunchReport;
}
