import type { Clock } from '../../src/launcher/clock.js';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Time that moves only when the test says so: sleeps wait for `advance`. For runs that talk
 * to the simulator over real HTTP, where "jump when idle" would jump while a call is out.
 */
export function manualClock(start = 1_700_000_000_000): Clock & { advance(ms: number): Promise<void> } {
  let now = start;
  let seq = 0;
  const timers: { at: number; seq: number; fire: () => void }[] = [];
  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = {
          at: now + Math.max(0, ms),
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
      });
    },
    async advance(ms) {
      const target = now + ms;
      while (true) {
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const t = timers[0];
        if (!t || t.at > target) break;
        timers.shift();
        now = Math.max(now, t.at);
        t.fire();
        await settle();
      }
      now = target;
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
