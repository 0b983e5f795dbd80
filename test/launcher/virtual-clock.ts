import type { Clock } from '../../src/launcher/clock.js';

/**
 * Virtual time for unit tests: whenever the code under test is idle (only sleeping),
 * time jumps to the earliest pending timer. Minutes of polling run in milliseconds.
 */
export function virtualClock(start = 1_700_000_000_000): Clock & { elapsed(): number } {
  let now = start;
  let scheduled = false;
  const timers: { at: number; seq: number; resolve: () => void }[] = [];
  let seq = 0;
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (timers.length === 0) return;
      timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const t = timers.shift()!;
      now = Math.max(now, t.at);
      t.resolve();
      if (timers.length > 0) schedule();
    });
  };
  return {
    now: () => now,
    elapsed: () => now - start,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = {
          at: now + Math.max(0, ms),
          seq: seq++,
          resolve: () => {
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
        schedule();
      });
    },
  };
}
