import type { Clock } from '../clock.js';
import type { Progress } from '../progress.js';
import type { Timeline } from '../timeline.js';

/** What every wait strategy shares: one clock, one deadline signal, one timeline, one progress stream. */
export interface WaitContext {
  readonly clock: Clock;
  /** The run's deadline (timeout + Ctrl-C): aborting it ends every wait. */
  readonly signal: AbortSignal;
  readonly timeline: Timeline;
  readonly progress: Progress;
}

/**
 * What one look found. `ready`: the condition holds; `waiting`: not yet, look again next
 * poll; `blocked`: cannot look yet (another strategy has not got what this one needs);
 * `retry`: the look itself failed in a way worth retrying, so this poll ends here.
 */
export type WaitStatus =
  | { readonly state: 'ready' }
  | { readonly state: 'waiting' | 'blocked' | 'retry'; readonly reason: string };

export const ready: WaitStatus = { state: 'ready' };
export const waiting = (reason: string): WaitStatus => ({ state: 'waiting', reason });
export const blocked = (reason: string): WaitStatus => ({ state: 'blocked', reason });
export const retry = (reason: string): WaitStatus => ({ state: 'retry', reason });

/**
 * One readiness check of a live instance (testcontainers' WaitStrategy, run by one shared
 * poll instead of each its own loop). `check` makes one look per poll and keeps what it
 * saw for the others and for the verdict; it throws to end the whole wait (terminal).
 */
export interface WaitStrategy {
  /** Named in progress lines and timeout messages. */
  readonly name: string;
  check(ctx: WaitContext): Promise<WaitStatus>;
}
