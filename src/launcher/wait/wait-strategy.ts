import type { Clock } from '../clock.js';
import { poll, type ProbeResult } from '../poll.js';

/** What every wait gets: the run's one deadline signal, the clock, and the console tail for timeout messages. */
export interface WaitContext {
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly intervalMs: number;
  readonly consoleTail?: () => readonly string[];
}

/** One readiness condition, testcontainers style: a name for messages and a probe that answers done or not yet. */
export interface WaitStrategy<T> {
  readonly what: string;
  probe(ctx: WaitContext): Promise<ProbeResult<T>>;
}

export function waitFor<T>(strategy: WaitStrategy<T>, ctx: WaitContext): Promise<T> {
  return poll(() => strategy.probe(ctx), {
    what: strategy.what,
    intervalMs: ctx.intervalMs,
    clock: ctx.clock,
    signal: ctx.signal,
    ...(ctx.consoleTail ? { consoleTail: ctx.consoleTail } : {}),
  });
}

/** Each strategy in turn; done when the last is, so "console says sshd" can gate "TCP 22 open". */
export function sequence<A, B>(first: WaitStrategy<A>, then: (a: A) => WaitStrategy<B>): WaitStrategy<B> {
  let a: { value: A } | null = null;
  let second: WaitStrategy<B> | null = null;
  return {
    what: `${first.what}, then what follows`,
    async probe(ctx) {
      if (a === null) {
        const r = await first.probe(ctx);
        if (!r.done) return { done: false, reason: `${first.what}: ${r.reason}` };
        a = { value: r.value };
        second = then(r.value);
      }
      const r = await second!.probe(ctx);
      return r.done ? r : { done: false, reason: `${second!.what}: ${r.reason}` };
    },
  };
}
