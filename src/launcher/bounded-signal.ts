import type { Clock } from './clock.js';

export interface BoundedSignal {
  /** Aborts after `ms` on the clock, or when the parent aborts (with its reason). */
  readonly signal: AbortSignal;
  /** Whether it was the time bound (not the parent) that aborted it. */
  timedOut(): boolean;
  /** Stops the timer and lets go of the parent; call when the call is over. */
  dispose(): void;
}

/**
 * A time limit on the injected clock, combined with an optional parent signal: per call
 * (`withBound`) or for a whole run (`createDeadline`). `reason` is what it aborts with at the bound.
 */
export function boundedSignal(clock: Clock, ms: number, parent?: AbortSignal, reason: () => unknown = () => new Error(`no answer within ${Math.round(ms)}ms`)): BoundedSignal {
  const controller = new AbortController();
  const timer = new AbortController();
  let timedOut = false;
  const onParent = (): void => controller.abort(parent!.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParent, { once: true });
  clock.sleep(ms, timer.signal).then(
    () => {
      timedOut = true;
      controller.abort(reason());
    },
    () => undefined,
  );
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose() {
      timer.abort();
      parent?.removeEventListener('abort', onParent);
    },
  };
}

/** Runs `call` with a bounded signal and always disposes it. */
export async function withBound<T>(clock: Clock, ms: number, parent: AbortSignal | undefined, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const b = boundedSignal(clock, ms, parent);
  try {
    return await call(b.signal);
  } catch (err) {
    if (b.timedOut() && !parent?.aborted) throw Object.assign(new Error(`no answer within ${formatMs(ms)}`), { name: 'CallTimedOut' });
    throw err;
  } finally {
    b.dispose();
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)}s` : `${Math.round(ms)}ms`;
}
