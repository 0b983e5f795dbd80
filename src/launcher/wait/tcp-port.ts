import { connect as netConnect, type Socket } from 'node:net';
import type { Clock } from '../clock.js';

/** open: something accepted; reset: refused (network stack up, nothing listening); silent: no answer (no network). */
export type TcpState = 'open' | 'reset' | 'silent';

export type Connect = (port: number, host: string) => Socket;

const REFUSED = new Set(['ECONNREFUSED', 'ECONNRESET']);

/** One TCP connect attempt, bounded by `timeoutMs` on the injected clock. Never throws. */
export async function probeTcp(host: string, port: number, timeoutMs: number, clock: Clock, signal?: AbortSignal, connect: Connect = netConnect): Promise<TcpState> {
  const timer = new AbortController();
  const onAbort = (): void => timer.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let socket: Socket | null = null;
  try {
    return await Promise.race<TcpState>([
      new Promise<TcpState>((resolve) => {
        socket = connect(port, host);
        socket.once('connect', () => resolve('open'));
        socket.once('error', (err: NodeJS.ErrnoException) => resolve(REFUSED.has(err.code ?? '') ? 'reset' : 'silent'));
      }),
      clock.sleep(timeoutMs, timer.signal).then(
        () => 'silent' as const,
        () => 'silent' as const,
      ),
    ]);
  } finally {
    timer.abort();
    signal?.removeEventListener('abort', onAbort);
    (socket as Socket | null)?.destroy();
  }
}
