import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCliInProcess } from '../launcher/in-process-cli.js';

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the built CLI (dist/, built by `npm test`) as a user would; `offline` forbids loading the AWS SDK. */
export function runCli(args: string[], options: { input?: string | Buffer; offline?: boolean; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const pre = options.offline ? ['--import', join(root, 'test/helpers/forbid-aws-sdk.mjs')] : [];
  const r = spawnSync(process.execPath, [...pre, join(root, 'bin/bootgate.js'), ...args], {
    cwd: root,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * runCli's twin in this process (test/launcher/in-process-cli.ts): the same environment and
 * result, without a child process's ~0.5 s of CPU. `offline` runs belong in the `offline` vitest
 * project (vitest.config.ts). What needs a real process (stdin, pipes, signals) uses runCli.
 */
export async function runCliHere(args: string[], options: { offline?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  const r = await runCliInProcess(args, { ...process.env, NO_COLOR: '1', ...options.env }, { offline: options.offline === true });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}
