import { describe, expect, it } from 'vitest';
import { poll, done, notYet, TerminalError } from '../../src/launcher/poll.js';
import { createDeadline } from '../../src/launcher/deadline.js';
import { DeadlineError, InterruptedError, WaitTimeoutError } from '../../src/launcher/errors.js';
import { virtualClock } from './clocks.js';

describe('poll', () => {
  it('probes at the interval until done, on virtual time', async () => {
    const clock = virtualClock();
    const deadline = createDeadline(60_000, clock);
    const at: number[] = [];
    const value = await poll(
      async (attempt) => {
        at.push(clock.elapsed());
        return attempt < 4 ? notYet(`attempt ${attempt}`) : done('ok');
      },
      { what: 'thing', intervalMs: 5000, clock, signal: deadline.signal },
    );
    deadline.dispose();
    expect(value).toBe('ok');
    expect(at).toEqual([0, 5000, 10_000, 15_000]);
  });

  it('at the deadline names what was awaited, how long, the last reason and the console tail', async () => {
    const clock = virtualClock();
    const deadline = createDeadline(30_000, clock);
    const err = await poll(async () => notYet('sshd not listening'), {
      what: 'SSH on 127.0.0.2:22',
      intervalMs: 7000,
      clock,
      signal: deadline.signal,
      consoleTail: () => ['starting network daemons: sshd.', 'login:'],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WaitTimeoutError);
    const w = err as WaitTimeoutError;
    expect(w.awaited).toBe('SSH on 127.0.0.2:22');
    expect(w.waitedMs).toBe(30_000);
    expect(w.message).toMatch(/^timed out after 30s waiting for SSH on 127\.0\.0\.2:22 \(last: sshd not listening\)/);
    expect(w.message).toContain('login:');
    expect(clock.elapsed()).toBe(30_000);
  });

  it('stops at once on a terminal error and never probes again', async () => {
    const clock = virtualClock();
    const deadline = createDeadline(60_000, clock);
    let calls = 0;
    const err = await poll(
      async () => {
        calls++;
        if (calls === 2) throw new TerminalError('host key mismatch');
        return notYet('not yet');
      },
      { what: 'x', intervalMs: 1000, clock, signal: deadline.signal },
    ).catch((e: unknown) => e);
    deadline.dispose();
    expect((err as Error).message).toBe('host key mismatch');
    expect(calls).toBe(2);
  });

  it('treats an unexpected exception as terminal (unlike the SDK waiters)', async () => {
    const clock = virtualClock();
    const deadline = createDeadline(60_000, clock);
    let calls = 0;
    const boom = Object.assign(new Error('denied'), { name: 'UnauthorizedOperation' });
    await expect(
      poll(
        async () => {
          calls++;
          throw boom;
        },
        { what: 'x', intervalMs: 1000, clock, signal: deadline.signal },
      ),
    ).rejects.toBe(boom);
    deadline.dispose();
    expect(calls).toBe(1);
  });

  it('an interrupt ends the wait with the interrupt, not a timeout', async () => {
    const clock = virtualClock();
    const ctrl = new AbortController();
    const deadline = createDeadline(60_000, clock, ctrl.signal);
    let calls = 0;
    const err = await poll(
      async () => {
        if (++calls === 3) ctrl.abort(new InterruptedError('SIGINT'));
        return notYet('waiting');
      },
      { what: 'x', intervalMs: 1000, clock, signal: deadline.signal },
    ).catch((e: unknown) => e);
    deadline.dispose();
    expect(err).toBeInstanceOf(InterruptedError);
    expect(clock.elapsed()).toBe(2000);
  });
});

describe('createDeadline', () => {
  it('aborts with a DeadlineError at the timeout on the injected clock', async () => {
    const clock = virtualClock();
    const d = createDeadline(10_000, clock);
    await clock.sleep(9999);
    expect(d.signal.aborted).toBe(false);
    expect(d.remainingMs()).toBe(1);
    await clock.sleep(1).catch(() => undefined);
    await new Promise((r) => setImmediate(r));
    expect(d.signal.aborted).toBe(true);
    expect(d.signal.reason).toBeInstanceOf(DeadlineError);
  });

  it('follows an already aborted parent and stops its timer on dispose', async () => {
    const clock = virtualClock();
    const parent = new AbortController();
    parent.abort(new InterruptedError('SIGTERM'));
    const d = createDeadline(10_000, clock, parent.signal);
    expect(d.signal.reason).toBeInstanceOf(InterruptedError);
    const d2 = createDeadline(1000, clock);
    d2.dispose();
    await clock.sleep(5000);
    expect(d2.signal.aborted).toBe(false);
  });
});
