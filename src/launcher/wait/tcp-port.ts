import { connect as netConnect, type Socket } from 'node:net';
import type { Clock } from '../clock.js';
import { blocked, ready, waiting, type WaitContext, type WaitStatus, type WaitStrategy } from './strategy.js';

/** open: something accepted; reset: refused (network stack up, nothing listening); silent: no answer (no network). */
export type TcpState = 'open' | 'reset' | 'silent';

export type Connect = (port: number, host: string) => Socket;

const REFUSED = new Set(['ECONNREFUSED', 'ECONNRESET']);

export interface TcpProbe {
  readonly state: TcpState;
  /** The address this machine connected from, when the socket got one. */
  readonly localAddress: string | null;
}

/** One TCP connect attempt, bounded by `timeoutMs` on the injected clock. Never throws. */
export async function probeTcpFrom(host: string, port: number, timeoutMs: number, clock: Clock, signal?: AbortSignal, connect: Connect = netConnect): Promise<TcpProbe> {
  const timer = new AbortController();
  const onAbort = (): void => timer.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let socket: Socket | null = null;
  const local = (): string | null => (socket as Socket | null)?.localAddress ?? null;
  try {
    const state = await Promise.race<TcpState>([
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
    return { state, localAddress: local() };
  } finally {
    timer.abort();
    signal?.removeEventListener('abort', onAbort);
    (socket as Socket | null)?.destroy();
  }
}

/** One TCP connect attempt, bounded by `timeoutMs` on the injected clock. Never throws. */
export async function probeTcp(host: string, port: number, timeoutMs: number, clock: Clock, signal?: AbortSignal, connect: Connect = netConnect): Promise<TcpState> {
  return (await probeTcpFrom(host, port, timeoutMs, clock, signal, connect)).state;
}

export interface TcpPortOptions {
  readonly port: number;
  /** The address to probe; null while there is none (not running yet) or nothing more to learn. */
  readonly host: () => string | null;
  /** Bound of one connect attempt. */
  readonly probeMs: number;
  readonly connect?: Connect;
}

/**
 * One TCP connect to the SSH port per poll. Keeps the last answer and since when the port
 * has given it without a break, so a refusal or a silence can be called settled.
 */
export class TcpPortWait implements WaitStrategy {
  readonly name = 'tcp-port';
  state: TcpState | 'not-tried' = 'not-tried';
  /** Clock time of the first answer in the current unbroken run of `state`. */
  since: number | null = null;
  /** Where bootgate connected from (for a filtered port's remedy). */
  localAddress: string | null = null;
  host: string | null = null;

  constructor(private readonly o: TcpPortOptions) {}

  async check(ctx: WaitContext): Promise<WaitStatus> {
    const host = this.o.host();
    if (!host) return blocked('no address to probe');
    const { clock, timeline, progress } = ctx;
    const r = await probeTcpFrom(host, this.o.port, this.o.probeMs, clock, ctx.signal, this.o.connect);
    if (r.state !== this.state) {
      timeline.add('tcp', `${host}:${this.o.port} ${r.state}`);
      if (r.state === 'open' || this.state !== 'not-tried') progress('ssh', `TCP ${host}:${this.o.port} ${r.state}`);
      this.since = clock.now();
    }
    this.state = r.state;
    this.host = host;
    if (r.localAddress) this.localAddress = r.localAddress;
    return r.state === 'open' ? ready : waiting(`TCP ${host}:${this.o.port} ${r.state}`);
  }

  /**
   * A refusal or a silence that has lasted `graceMs`, counted from `from` (when it started
   * to mean something) or from when it began, whichever is later; null otherwise.
   */
  settled(from: number, graceMs: number, now: number): 'reset' | 'silent' | null {
    if ((this.state !== 'reset' && this.state !== 'silent') || this.since === null) return null;
    return now - Math.max(this.since, from) >= graceMs ? this.state : null;
  }
}
