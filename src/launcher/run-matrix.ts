import type { Ec2Api } from './ec2.js';
import type { LaunchOutcome } from './outcome.js';
import type { ProgressEvent } from './progress.js';
import { launchInstance, type LaunchDeps, type LaunchOptions } from './run-launch.js';
import { DEFAULT_MAX_CONCURRENT } from './limits.js';

/** One verdict of a matrix: an image in its region on one instance type. */
export interface MatrixCell {
  readonly region: string;
  readonly amiId: string;
  readonly instanceType: string;
}

/** A progress event, saying which region's run it comes from. */
export type MatrixProgressEvent = ProgressEvent & { readonly region: string; readonly amiId: string };

export interface MatrixDeps extends Omit<LaunchDeps, 'ec2' | 'onProgress'> {
  /** The EC2 client of a cell's region (each region has its own endpoint and client). */
  readonly ec2: (region: string) => Ec2Api;
  readonly onProgress?: (e: MatrixProgressEvent) => void;
}

export { DEFAULT_MAX_CONCURRENT };

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
 * Every cell (region × image × instance type), at most `maxConcurrent` at a time (a matrix is
 * as slow as its slowest run when they all fit), one outcome each, in the order of `cells`.
 * An error in one cell does not stop the others. Once `deps.signal` aborts, cells not yet
 * started are not launched: their outcome is the interruption.
 */
export async function runMatrix(
  cells: readonly MatrixCell[],
  base: Omit<LaunchOptions, 'instanceType' | 'amiId' | 'region'>,
  deps: MatrixDeps,
  maxConcurrent: number = DEFAULT_MAX_CONCURRENT,
): Promise<LaunchOutcome[]> {
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) throw new RangeError(`maxConcurrent must be a positive integer, not ${maxConcurrent}`);
  const signals = fanOut(deps.signal, cells.length);
  const teardownSignals = fanOut(deps.teardownSignal, cells.length);
  const { signal: _s, teardownSignal: _t, ec2, onProgress, ...rest } = deps;
  const outcomes: LaunchOutcome[] = new Array(cells.length);

  const runCell = async (n: number): Promise<LaunchOutcome> => {
    const cell = cells[n]!;
    const signal = signals[n];
    const teardownSignal = teardownSignals[n];
    if (signal?.aborted) {
      const why = signal.reason instanceof Error ? signal.reason.message : String(signal.reason);
      return { ...cell, error: Object.assign(new Error(`not launched: ${why}`), { name: 'NotLaunched' }) };
    }
    try {
      const { report, model } = await launchInstance(
        { ...base, ...cell },
        {
          ...rest,
          ec2: ec2(cell.region),
          ...(onProgress ? { onProgress: (e: ProgressEvent) => onProgress({ ...e, region: cell.region, amiId: cell.amiId }) } : {}),
          ...(signal ? { signal } : {}),
          ...(teardownSignal ? { teardownSignal } : {}),
        },
      );
      return { ...cell, report, model };
    } catch (err) {
      return { ...cell, error: err instanceof Error ? err : new Error(String(err)) };
    }
  };

  // A fixed pool of workers, each taking the next cell: never more than maxConcurrent in flight.
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cells.length) {
      const n = next++;
      outcomes[n] = await runCell(n);
    }
  };
  await Promise.all(Array.from({ length: Math.min(maxConcurrent, cells.length) }, worker));
  return outcomes;
}

/** Every image × every instance type, images in the order given (Packer's region order). */
export function matrixCells(targets: readonly { region: string; amiId: string }[], instanceTypes: readonly string[]): MatrixCell[] {
  return targets.flatMap((t) => instanceTypes.map((instanceType) => ({ region: t.region, amiId: t.amiId, instanceType })));
}
