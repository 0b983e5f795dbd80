import { notYet, poll, type ProbeResult } from '../poll.js';
import type { WaitContext, WaitStrategy } from './strategy.js';

export interface WaitAllOptions {
  /** Named in the timeout message: "a verdict on i-…". */
  readonly what: string;
  readonly intervalMs: number;
  /** Tail of the console for a timeout message. */
  readonly consoleTail?: () => readonly string[];
}

/**
 * Composes wait strategies: at every poll each one makes its look, in order (later ones read
 * what earlier ones saw), then `decide` says whether the wait is over. One poll, one deadline
 * and one clock for all of them; a strategy answering `retry` ends that poll early.
 */
export async function waitAll<T>(strategies: readonly WaitStrategy[], decide: () => ProbeResult<T>, ctx: WaitContext, opts: WaitAllOptions): Promise<T> {
  return poll(
    async () => {
      for (const s of strategies) {
        const status = await s.check(ctx);
        if (status.state === 'retry') return notYet(status.reason);
      }
      return decide();
    },
    { what: opts.what, intervalMs: opts.intervalMs, clock: ctx.clock, signal: ctx.signal, ...(opts.consoleTail ? { consoleTail: opts.consoleTail } : {}) },
  );
}
