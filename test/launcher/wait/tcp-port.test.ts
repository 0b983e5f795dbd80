import { createServer, Socket, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeTcp } from '../../../src/launcher/wait/tcp-port.js';
import { systemClock } from '../../../src/launcher/clock.js';
import { virtualClock } from '../clocks.js';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listening(): Promise<number> {
  const s = createServer((c) => c.destroy());
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** A socket that never connects nor errors: what a dropped SYN looks like, without leaving loopback. */
const silentConnect = () => new Socket();

describe('probeTcp', () => {
  it('open when something listens', async () => {
    expect(await probeTcp('127.0.0.1', await listening(), 2000, systemClock)).toBe('open');
  });

  it('reset when nothing listens: the stack answered', async () => {
    expect(await probeTcp('127.0.0.1', await closedPort(), 2000, systemClock)).toBe('reset');
  });

  it('silent when nothing answers within the timeout (virtual time)', async () => {
    const clock = virtualClock();
    expect(await probeTcp('127.0.0.1', 22, 3000, clock, undefined, silentConnect)).toBe('silent');
    expect(clock.elapsed()).toBe(3000);
  });
});
