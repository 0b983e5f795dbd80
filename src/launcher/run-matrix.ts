import { runLaunch, type LaunchDeps, type LaunchOptions } from './run-launch.js';
import type { LaunchOutcome } from './outcome.js';

/**
 * Every instance type at once (a matrix is as slow as its slowest run, not the sum),
 * one outcome each. An error in one type does not stop the others.
 */
export async function runMatrix(instanceTypes: readonly string[], base: Omit<LaunchOptions, 'instanceType'>, deps: LaunchDeps): Promise<LaunchOutcome[]> {
  return Promise.all(
    instanceTypes.map(async (instanceType): Promise<LaunchOutcome> => {
      try {
        return { instanceType, report: await runLaunch({ ...base, instanceType }, deps) };
      } catch (err) {
        return { instanceType, error: err instanceof Error ? err : new Error(String(err)) };
      }
    }),
  );
}
