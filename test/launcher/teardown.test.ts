import { describe, expect, it } from 'vitest';
import { terminateAndConfirm } from '../../src/launcher/teardown.js';
import { instanceHandle, asyncDispose } from '../../src/launcher/instance-handle.js';
import type { Ec2Api } from '../../src/launcher/ec2.js';
import { virtualClock } from './clocks.js';

const notFound = () => Object.assign(new Error('nf'), { name: 'InvalidInstanceID.NotFound' });

function api(states: (string | 'not-found')[], answered: string | null = null): Ec2Api & { terminates: number } {
  const a = {
    terminates: 0,
    terminateInstance: async () => {
      a.terminates++;
      return answered;
    },
    describeInstance: async (id: string) => {
      const s = states.length > 1 ? states.shift()! : states[0]!;
      if (s === 'not-found') throw notFound();
      return { id, state: s, privateIp: null, publicIp: null, launchTime: null };
    },
  };
  return a as unknown as Ec2Api & { terminates: number };
}

describe('terminateAndConfirm', () => {
  it('NotFound right after terminate proves nothing: keeps describing until terminated', async () => {
    const a = api(['not-found', 'not-found', 'shutting-down', 'terminated']);
    const r = await terminateAndConfirm(a, 'i-1', { clock: virtualClock(), confirmTimeoutMs: 60_000 });
    expect(r).toEqual({ confirmed: true, lastState: 'terminated', error: null });
    expect(a.terminates).toBe(1);
  });

  it('an instance TerminateInstances answered shutting-down for, then no longer listed for 10 s: confirmed gone (an emulator that deletes it)', async () => {
    const clock = virtualClock();
    const r = await terminateAndConfirm(api(['not-found'], 'shutting-down'), 'i-1', { clock, confirmTimeoutMs: 300_000 });
    expect(r).toEqual({ confirmed: true, lastState: 'terminated', error: null, unlisted: true });
    expect(clock.elapsed()).toBeGreaterThanOrEqual(10_000);
    expect(clock.elapsed()).toBeLessThan(60_000);
  });

  it('an answer that lists it again starts the count over; a terminate answer without its state never counts NotFound', async () => {
    const back = virtualClock();
    // Describes at 0, 0.5, 1.5, 3.5, 7.5 s (not listed), 15.5 s (listed), then 25.5, 35.5, 45.5 s (not listed):
    // without the fresh count it would be confirmed at 25.5 s.
    const r = await terminateAndConfirm(api([...Array(5).fill('not-found'), 'shutting-down', 'not-found'], 'shutting-down'), 'i-1', { clock: back, confirmTimeoutMs: 300_000 });
    expect(r.unlisted).toBe(true);
    expect(back.elapsed()).toBeGreaterThanOrEqual(45_000);
    const silent = virtualClock();
    const s = await terminateAndConfirm(api(['not-found']), 'i-1', { clock: silent, confirmTimeoutMs: 60_000 });
    expect(s.confirmed).toBe(false);
    const running = await terminateAndConfirm(api(['not-found'], 'running'), 'i-1', { clock: virtualClock(), confirmTimeoutMs: 60_000 });
    expect(running.confirmed).toBe(false);
  });

  it('gives up at its own deadline and says the instance is not confirmed gone', async () => {
    const clock = virtualClock();
    const r = await terminateAndConfirm(api(['shutting-down']), 'i-1', { clock, confirmTimeoutMs: 30_000 });
    expect(r.confirmed).toBe(false);
    expect(r.error).toBe('still shutting-down after 30s');
    expect(clock.elapsed()).toBeLessThanOrEqual(30_000);
  });
});

describe('instanceHandle', () => {
  it('terminate() is idempotent and asyncDispose terminates', async () => {
    const a = api(['terminated']);
    const h = instanceHandle(a, 'i-1', { clock: virtualClock(), confirmTimeoutMs: 10_000 });
    expect(h.terminating).toBe(false);
    const [x, y] = await Promise.all([h.terminate(), h.terminate()]);
    await h[asyncDispose]();
    expect(x).toBe(y);
    expect(a.terminates).toBe(1);
    const b = api(['terminated']);
    await instanceHandle(b, 'i-2', { clock: virtualClock(), confirmTimeoutMs: 10_000 })[asyncDispose]();
    expect(b.terminates).toBe(1);
  });
});
