import { launchInstance, type LaunchDeps, type LaunchOptions } from './run-launch.js';
import type { LaunchOutcome } from './outcome.js';

/**
 * One child signal per run, all aborted by a single listener on the parent: a matrix of any
 * size adds one listener to the caller's signal, not one per run (Node warns past ten).
 */
export function fanOut(parent: AbortSignal | undefined, n: number): (AbortSignal | undefined)[] {
  if (!parent) return Array.from({ length: n }, () => undefined);
  const children = Array.from({ length: n }, () => new AbortController());
  const abort = (): void => {
    for (const c of children) c.abort(parent.reason);
  };
  if (parent.aborted) abort();
  else parent.addEventListener('abort', abort, { once: true });
  return children.map((c) => c.signal);
}

/**
 * Every instance type at once (a matrix is as slow as its slowest run, not the sum),
 * one outcome each. An error in one type does not stop the others.
 */
export async function runMatrix(instanceTypes: readonly string[], base: Omit<LaunchOptions, 'instanceType'>, deps: LaunchDeps): Promise<LaunchOutcome[]> {
  const signals = fanOut(deps.signal, instanceTypes.length);
  const teardownSignals = fanOut(deps.teardownSignal, instanceTypes.length);
  return Promise.all(
    instanceTypes.map(async (instanceType, n): Promise<LaunchOutcome> => {
      const signal = signals[n];
      const teardownSignal = teardownSignals[n];
      const { signal: _s, teardownSignal: _t, ...rest } = deps;
      try {
        const { report, model } = await launchInstance({ ...base, instanceType }, { ...rest, ...(signal ? { signal } : {}), ...(teardownSignal ? { teardownSignal } : {}) });
        return { instanceType, report, model };
      } catch (err) {
        return { instanceType, error: err instanceof Error ? err : new Error(String(err)) };
      }
    }),
  );
}
