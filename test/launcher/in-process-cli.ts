import { AsyncLocalStorage } from 'node:async_hooks';
import { register } from 'node:module';
import type { CliResult } from './cli-harness.js';

/*
 * `bootgate ARGS` run inside the test process: src/cli/main.ts's main(), as bin/bootgate.js
 * calls it, with its own stdout, stderr and environment. Loading the AWS SDK once per test
 * file instead of once per run is most of what a launch test used to cost (about 1.5 s of CPU
 * per child process). Runs may overlap (describe.concurrent): each run's writes, environment and
 * exit code are told apart by an AsyncLocalStorage context. What needs a real process (signals, the
 * process exiting by itself) is tested with cli-harness.ts's runCli, which spawns one.
 */

interface Run {
  readonly env: NodeJS.ProcessEnv;
  stdout: string;
  stderr: string;
  exitCode: number | string | undefined;
}

const current = new AsyncLocalStorage<Run>();
let installed = false;

let active = 0;
let baseStdoutListeners: unknown[] = [];

/**
 * Routes a run's process.stdout/stderr writes, process.env and process.exitCode to that run;
 * anything outside a run passes through to the real process.
 */
function install(): void {
  if (installed) return;
  installed = true;
  // main() listens for stdout errors (EPIPE) once per run; they are removed when no run is active.
  process.stdout.setMaxListeners(0);
  baseStdoutListeners = process.stdout.listeners('error');
  // process.exitCode is not configurable: the global `process` the CLI code reads becomes a
  // proxy of the real one that keeps exitCode per run (main() sets it, then waits a tick).
  const realProcess = process;
  globalThis.process = new Proxy(realProcess, {
    get(target, key) {
      const run = key === 'exitCode' ? current.getStore() : undefined;
      return run ? run.exitCode : Reflect.get(target, key);
    },
    set(target, key, value) {
      const run = key === 'exitCode' ? current.getStore() : undefined;
      if (run) run.exitCode = value as Run['exitCode'];
      else Reflect.set(target, key, value);
      return true;
    },
  });
  for (const [stream, key] of [[process.stdout, 'stdout'], [process.stderr, 'stderr']] as const) {
    const original = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
      const run = current.getStore();
      if (run === undefined) return original(chunk, ...rest);
      run[key] += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString();
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      if (done) process.nextTick(done);
      return true;
    }) as typeof stream.write;
  }
  const real = process.env;
  const envOf = (): Record<string, string | undefined> => current.getStore()?.env ?? real;
  process.env = new Proxy(real, {
    get: (_t, key) => (typeof key === 'string' ? envOf()[key] : undefined),
    set: (_t, key, value) => {
      if (typeof key === 'string') envOf()[key] = String(value);
      return true;
    },
    deleteProperty: (_t, key) => {
      if (typeof key === 'string') delete envOf()[key];
      return true;
    },
    has: (_t, key) => typeof key === 'string' && envOf()[key] !== undefined,
    ownKeys: () => Object.keys(envOf()).filter((k) => envOf()[k] !== undefined),
    getOwnPropertyDescriptor: (_t, key) => {
      const v = typeof key === 'string' ? envOf()[key] : undefined;
      return v === undefined ? undefined : { value: v, writable: true, enumerable: true, configurable: true };
    },
  });
}

/**
 * Shared memory with the resolve hook below: [0] is 1 while an offline run is in progress (the
 * hook then refuses the AWS SDK); [1] becomes 1 once the hook let an @aws-sdk module resolve.
 */
let offlineFlag: Int32Array | null = null;
/** Whether the hook was in place before this process loaded any test file (test/helpers/offline-setup.ts). */
let watchingSinceStart = false;

/**
 * A module resolve hook (node:module register, its own thread; the flags are shared memory) that
 * fails any import of an @aws-sdk module, by name or by path, while an offline run is in
 * progress: what `node --import test/helpers/forbid-aws-sdk.mjs` proves for a child process.
 * It also notes every @aws-sdk module it lets through: an import the module cache answers never
 * reaches the hook, so a process that loaded the SDK once cannot prove a run offline any more.
 */
function installOfflineGuard(): Int32Array {
  if (offlineFlag) return offlineFlag;
  offlineFlag = new Int32Array(new SharedArrayBuffer(8));
  const hook = `let flag;
export function initialize(data) { flag = data.flag; }
export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@aws-sdk/') || specifier.includes('/@aws-sdk/')) {
    if (Atomics.load(flag, 0) === 1) throw new Error('offline command loaded ' + specifier);
    Atomics.store(flag, 1, 1);
  }
  return next(specifier, context);
}`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`, { data: { flag: offlineFlag } });
  return offlineFlag;
}

/**
 * Called by test/helpers/offline-setup.ts (the `offline` vitest project's setup file) before a
 * worker process imports any test file: from then on the guard sees every AWS SDK load.
 */
export function watchSdkLoadsFromStart(): void {
  if (offlineFlag === null) watchingSinceStart = true;
  installOfflineGuard();
}

/**
 * Runs the CLI in this process. `offline` fails the run if it loads the AWS SDK (such runs
 * must not overlap with others that may load it, and need a process that never loaded it: the
 * `offline` vitest project). The exit code is the run's own
 * process.exitCode as main() leaves it.
 */
export async function runCliInProcess(args: readonly string[], env: NodeJS.ProcessEnv, opts: { offline?: boolean } = {}): Promise<CliResult> {
  install();
  const { main } = await import('../../src/cli/main.js');
  const flag = opts.offline ? installOfflineGuard() : null;
  if (flag && !watchingSinceStart) throw new Error('offline in-process runs need the resolve hook from process start: run this file in the `offline` vitest project (vitest.config.ts)');
  if (flag && Atomics.load(flag, 1) === 1) throw new Error('this process has loaded the AWS SDK, so an offline run here proves nothing: keep this file in the `offline` vitest project, which never loads it');
  const run: Run = { env: { ...env }, stdout: '', stderr: '', exitCode: undefined };
  if (flag) Atomics.store(flag, 0, 1);
  active++;
  try {
    await current.run(run, () => main([...args]));
  } finally {
    if (flag) Atomics.store(flag, 0, 0);
    if (--active === 0) {
      for (const l of process.stdout.listeners('error')) if (!baseStdoutListeners.includes(l)) process.stdout.off('error', l as (err: Error) => void);
    }
  }
  const code = run.exitCode;
  return { code: code === undefined ? 0 : Number(code), signal: null, stdout: run.stdout, stderr: run.stderr };
}
