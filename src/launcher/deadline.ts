import type { Clock } from './clock.js';
import { boundedSignal } from './bounded-signal.js';
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
  const startedAt = clock.now();
  const bound = boundedSignal(clock, timeoutMs, parent, () => new DeadlineError(timeoutMs));
  return {
    signal: bound.signal,
    startedAt,
    expiresAt: startedAt + timeoutMs,
    remainingMs: () => Math.max(0, startedAt + timeoutMs - clock.now()),
    dispose: bound.dispose,
  };
}
