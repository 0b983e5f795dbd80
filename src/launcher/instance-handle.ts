import type { Clock } from './clock.js';
import type { Ec2Api } from './ec2.js';
import { terminateAndConfirm, type TeardownResult } from './teardown.js';

/** Node 20 has no Symbol.asyncDispose; the registered symbol is what TypeScript's helpers fall back to. */
export const asyncDispose: typeof Symbol.asyncDispose =
  (Symbol as { asyncDispose?: typeof Symbol.asyncDispose }).asyncDispose ?? (Symbol.for('Symbol.asyncDispose') as typeof Symbol.asyncDispose);

export interface InstanceHandle {
  readonly instanceId: string;
  /** Terminates and confirms; every call after the first returns the same promise. */
  terminate(): Promise<TeardownResult>;
  /** Whether terminate() has been called. */
  readonly terminating: boolean;
  [Symbol.asyncDispose](): Promise<void>;
}

export function instanceHandle(
  api: Ec2Api,
  instanceId: string,
  opts: { clock: Clock; confirmTimeoutMs: number; signal?: AbortSignal; onTerminate?: () => void },
): InstanceHandle {
  let pending: Promise<TeardownResult> | null = null;
  const terminate = (): Promise<TeardownResult> => {
    if (!pending) {
      opts.onTerminate?.();
      pending = terminateAndConfirm(api, instanceId, {
        clock: opts.clock,
        confirmTimeoutMs: opts.confirmTimeoutMs,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    }
    return pending;
  };
  const handle = {
    instanceId,
    terminate,
    get terminating() {
      return pending !== null;
    },
    async [asyncDispose]() {
      await terminate();
    },
  };
  return handle as InstanceHandle;
}
