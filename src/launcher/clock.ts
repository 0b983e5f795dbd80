import { setTimeout as delay } from 'node:timers/promises';

/**
 * Time as the launcher sees it. Injected everywhere so unit tests run on virtual
 * time and take milliseconds.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with `signal.reason` when the signal aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  async sleep(ms, signal) {
    try {
      await delay(Math.max(0, ms), undefined, { signal });
    } catch (err) {
      // timers/promises rejects with its own AbortError; callers want the reason we aborted with.
      if (signal?.aborted) throw signal.reason;
      throw err;
    }
  },
};
