import type { Clock } from './clock.js';
import { DeadlineError } from './errors.js';

export interface Deadline {
  /** Aborts at the deadline (reason: DeadlineError) or when `parent` aborts (its reason). */
  readonly signal: AbortSignal;
  readonly startedAt: number;
  readonly expiresAt: number;
  remainingMs(): number;
  /** Stops the timer; call when the run is over so nothing keeps the process alive. */
  dispose(): void;
}

/**
 * One signal for the whole run: the timeout and the caller's own signal (Ctrl-C)
 * combined. The timer runs on the injected clock so tests can use virtual time.
 */
export function createDeadline(timeoutMs: number, clock: Clock, parent?: AbortSignal): Deadline {
  const controller = new AbortController();
  const timer = new AbortController();
  const startedAt = clock.now();
  const onParentAbort = (): void => controller.abort(parent!.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  clock.sleep(timeoutMs, timer.signal).then(
    () => controller.abort(new DeadlineError(timeoutMs)),
    () => undefined,
  );
  return {
    signal: controller.signal,
    startedAt,
    expiresAt: startedAt + timeoutMs,
    remainingMs: () => Math.max(0, startedAt + timeoutMs - clock.now()),
    dispose() {
      timer.abort();
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
