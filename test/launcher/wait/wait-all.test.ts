import { describe, expect, it } from 'vitest';
import { waitAll } from '../../../src/launcher/wait/wait-all.js';
import { blocked, ready, retry, waiting, type WaitContext, type WaitStatus, type WaitStrategy } from '../../../src/launcher/wait/strategy.js';
import { done, notYet } from '../../../src/launcher/poll.js';
import { createDeadline } from '../../../src/launcher/deadline.js';
import { WaitTimeoutError } from '../../../src/launcher/errors.js';
import { Timeline } from '../../../src/launcher/timeline.js';
import { virtualClock } from '../clocks.js';

function scripted(name: string, answers: WaitStatus[], log: string[]): WaitStrategy {
  return {
    name,
    async check() {
      log.push(name);
      return answers.length > 1 ? answers.shift()! : answers[0]!;
    },
  };
}

function context(timeoutMs: number) {
  const clock = virtualClock();
  const deadline = createDeadline(timeoutMs, clock);
  const ctx: WaitContext = { clock, signal: deadline.signal, timeline: new Timeline(clock), progress: () => undefined };
  return { clock, deadline, ctx };
}

describe('waitAll: strategies composed on one poll, one deadline, one clock', () => {
  it('runs every strategy in order at each poll, then asks the decision', async () => {
    const log: string[] = [];
    const { clock, ctx, deadline } = context(600_000);
    let polls = 0;
    const a = scripted('a', [waiting('a not yet'), ready], log);
    const b = scripted('b', [blocked('needs a'), ready], log);
    const value = await waitAll([a, b], () => (++polls < 3 ? notYet(`poll ${polls}`) : done('decided')), ctx, { what: 'x', intervalMs: 5000 });
    deadline.dispose();
    expect(value).toBe('decided');
    expect(log).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    // Two waits between three polls, on the injected clock.
    expect(clock.elapsed()).toBe(10_000);
  });

  it('a strategy answering retry ends that poll: later strategies and the decision wait for the next one', async () => {
    const log: string[] = [];
    const { ctx, deadline } = context(600_000);
    const decisions: number[] = [];
    const a = scripted('a', [retry('not visible yet'), ready], log);
    const b = scripted('b', [ready], log);
    await waitAll([a, b], () => (decisions.push(log.length), done(true)), ctx, { what: 'x', intervalMs: 1000 });
    deadline.dispose();
    expect(log).toEqual(['a', 'a', 'b']);
    expect(decisions).toEqual([3]);
  });

  it('at the shared deadline the timeout names what was awaited and the last reason', async () => {
    const { ctx, deadline } = context(30_000);
    const err = await waitAll([scripted('a', [ready], [])], () => notYet('rules still open: kernel-booted'), ctx, {
      what: 'a verdict on i-1',
      intervalMs: 5000,
      consoleTail: () => ['OpenBSD 7.6'],
    }).catch((e: unknown) => e);
    deadline.dispose();
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect((err as Error).message).toMatch(/^timed out after 30s waiting for a verdict on i-1 \(last: rules still open: kernel-booted\); last console lines:\n  OpenBSD 7\.6$/);
  });
});
