import { describe, expect, it } from 'vitest';
import { terminateAndConfirm } from '../../src/launcher/teardown.js';
import { instanceHandle, asyncDispose } from '../../src/launcher/instance-handle.js';
import type { Ec2Api } from '../../src/launcher/ec2.js';
import { virtualClock } from './clocks.js';

const notFound = () => Object.assign(new Error('nf'), { name: 'InvalidInstanceID.NotFound' });

function api(states: (string | 'not-found')[]): Ec2Api & { terminates: number } {
  const a = {
    terminates: 0,
    terminateInstance: async () => void a.terminates++,
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
