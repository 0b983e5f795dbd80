import type { Clock } from '../../src/launcher/clock.js';

/**
 * Test clocks for the launcher (src/launcher/clock.ts): one queue of sleeping timers, moved
 * either by idleness (virtualClock) or by the test (manualClock).
 */
interface TimerQueue {
  now: number;
  readonly sleep: Clock['sleep'];
  /** The earliest timer (ties: first scheduled) due at or before `limit`, taken off the queue and fired; false when none. */
  fireNext(limit?: number): boolean;
  readonly pending: () => number;
}

function timerQueue(start: number, onSleep: () => void = () => undefined): TimerQueue {
  let seq = 0;
  const timers: { at: number; seq: number; fire: () => void }[] = [];
  const q: TimerQueue = {
    now: start,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = {
          at: q.now + Math.max(0, ms),
          seq: seq++,
          fire: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = (): void => {
          const i = timers.indexOf(timer);
          if (i >= 0) timers.splice(i, 1);
          reject(signal!.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        timers.push(timer);
        onSleep();
      });
    },
    fireNext(limit = Number.POSITIVE_INFINITY) {
      timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const t = timers[0];
      if (!t || t.at > limit) return false;
      timers.shift();
      q.now = Math.max(q.now, t.at);
      t.fire();
      return true;
    },
    pending: () => timers.length,
  };
  return q;
}

/**
 * Virtual time for unit tests: whenever the code under test is idle (only sleeping),
 * time jumps to the earliest pending timer. Minutes of polling run in milliseconds.
 */
export function virtualClock(start = 1_700_000_000_000): Clock & { elapsed(): number } {
  let scheduled = false;
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (q.fireNext() && q.pending() > 0) schedule();
    });
  };
  const q = timerQueue(start, schedule);
  return { now: () => q.now, elapsed: () => q.now - start, sleep: q.sleep };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Time that moves only when the test says so: sleeps wait for `advance`. For runs that talk
 * to the simulator over real HTTP, where "jump when idle" would jump while a call is out.
 */
export function manualClock(start = 1_700_000_000_000): Clock & { advance(ms: number): Promise<void> } {
  const q = timerQueue(start);
  return {
    now: () => q.now,
    sleep: q.sleep,
    async advance(ms) {
      const target = q.now + ms;
      while (q.fireNext(target)) await settle();
      q.now = target;
      await settle();
    },
  };
}

/** Advances `step` of clock time every few real milliseconds until `done` settles; returns its value. */
export async function pump<T>(clock: { advance(ms: number): Promise<void> }, done: Promise<T>, step = 1000): Promise<T> {
  let settled = false;
  const watched = done.finally(() => {
    settled = true;
  });
  // Handled here so a rejection while pumping is not reported as unhandled; the caller still gets it.
  watched.catch(() => undefined);
  while (!settled) {
    await clock.advance(step);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return watched;
}

/** Waits (real time, bounded by the test's own timeout) until `cond` holds. */
export async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((resolve) => setTimeout(resolve, 5));
}
