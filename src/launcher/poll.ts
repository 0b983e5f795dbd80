import pRetry, { AbortError } from 'p-retry';
import type { Clock } from './clock.js';
import { DeadlineError, WaitTimeoutError } from './errors.js';

/** What one probe found: done (with a value), or not yet (with a reason for the timeout message). */
export type ProbeResult<T> = { readonly done: true; readonly value: T } | { readonly done: false; readonly reason: string };

export const done = <T>(value: T): ProbeResult<T> => ({ done: true, value });
export const notYet = (reason: string): ProbeResult<never> => ({ done: false, reason });

/** Throw from a probe to stop polling at once (p-retry's AbortError). */
export { AbortError as TerminalError };

export interface PollOptions {
  /** Named in the timeout message: "console output", "TCP 127.0.0.2:22", … */
  readonly what: string;
  readonly intervalMs: number;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  /** Tail of the console for a timeout message; called only when the wait times out. */
  readonly consoleTail?: () => readonly string[];
}

class NotYet extends Error {}

/**
 * Polls like the SDK waiters, minus their flaw of retrying every error: a probe
 * answers done or not-yet, and anything it throws is terminal. p-retry does the
 * looping; the wait between probes goes through the injected clock.
 */
export async function poll<T>(probe: (attempt: number) => Promise<ProbeResult<T>>, opts: PollOptions): Promise<T> {
  const started = opts.clock.now();
  let lastReason: string | null = null;
  try {
    return await pRetry(
      async (attempt) => {
        const r = await probe(attempt);
        if (r.done) return r.value;
        lastReason = r.reason;
        throw new NotYet(r.reason);
      },
      {
        retries: Number.POSITIVE_INFINITY,
        minTimeout: 0,
        signal: opts.signal,
        shouldRetry: ({ error }) => error instanceof NotYet,
        onFailedAttempt: async ({ error }) => {
          if (error instanceof NotYet) await opts.clock.sleep(opts.intervalMs, opts.signal);
        },
      },
    );
  } catch (err) {
    if (opts.signal.aborted && opts.signal.reason instanceof DeadlineError && (err === opts.signal.reason || err instanceof NotYet)) {
      throw new WaitTimeoutError(opts.what, opts.clock.now() - started, lastReason, opts.consoleTail?.() ?? [], err);
    }
    throw err;
  }
}
