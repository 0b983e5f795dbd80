import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
