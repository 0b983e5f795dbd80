import ssh2 from 'ssh2';
import type { Clock } from '../clock.js';
import { sshFingerprint } from '../../net/ssh-fingerprint.js';
import { blocked, ready, waiting, type WaitContext, type WaitStatus, type WaitStrategy } from './strategy.js';

// ssh2 is CommonJS: Node's ESM loader exposes only its default export.
const { Client } = ssh2;
type Client = InstanceType<typeof Client>;

export interface SshTarget {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  /** OpenSSH private key; without one only the handshake is done (enough for host-key-match). */
  readonly privateKey?: string | null;
  /**
   * Decides, from the presented key's fingerprint, whether to go on and log in.
   * Logging in to a host whose key the console did not vouch for would hand
   * a man in the middle our session.
   */
  readonly trustHostKey?: (sha256: string) => boolean;
  readonly timeoutMs: number;
  /** Commands run after login, output kept by command. */
  readonly commands?: readonly string[];
}

export interface SshOutcome {
  /** Key exchange completed and the server presented a host key. */
  readonly handshake: boolean;
  readonly hostKeySha256: string | null;
  readonly loggedIn: boolean;
  readonly outputs: Readonly<Record<string, string>>;
  /** Why the handshake or login did not complete; null when all went well. */
  readonly error: string | null;
}

function exec(client: Client, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, stream) => {
      if (err) return reject(err);
      const chunks: Buffer[] = [];
      stream.on('data', (d: Buffer) => chunks.push(d));
      stream.stderr.on('data', () => undefined);
      stream.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  });
}

/**
 * One SSH attempt: handshake (capturing the host key), then, with a key and a trusted
 * host key, login and the commands. Never throws: failures come back in `error`.
 */
export function sshHandshake(target: SshTarget, clock: Clock, signal?: AbortSignal): Promise<SshOutcome> {
  return new Promise((resolve) => {
    const client = new Client();
    let hostKey: string | null = null;
    let settled = false;
    const timer = new AbortController();
    const finish = (outcome: Omit<SshOutcome, 'hostKeySha256' | 'handshake'>): void => {
      if (settled) return;
      settled = true;
      timer.abort();
      signal?.removeEventListener('abort', onAbort);
      client.end();
      client.destroy?.();
      resolve({ handshake: hostKey !== null, hostKeySha256: hostKey, ...outcome });
    };
    const onAbort = (): void => finish({ loggedIn: false, outputs: {}, error: 'aborted' });
    signal?.addEventListener('abort', onAbort, { once: true });
    clock.sleep(target.timeoutMs, timer.signal).then(
      () => finish({ loggedIn: false, outputs: {}, error: `no SSH answer within ${target.timeoutMs}ms` }),
      () => undefined,
    );
    client.on('ready', () => {
      void (async () => {
        const outputs: Record<string, string> = {};
        try {
          for (const c of target.commands ?? []) outputs[c] = await exec(client, c);
          finish({ loggedIn: true, outputs, error: null });
        } catch (err) {
          finish({ loggedIn: true, outputs, error: `command failed: ${(err as Error).message}` });
        }
      })();
    });
    client.on('error', (err: Error & { level?: string }) => {
      if (hostKey !== null && !target.privateKey) return finish({ loggedIn: false, outputs: {}, error: null });
      if (hostKey !== null && err.level === 'client-authentication') return finish({ loggedIn: false, outputs: {}, error: `login refused: ${err.message}` });
      if (hostKey !== null && !(target.trustHostKey?.(hostKey) ?? true)) {
        return finish({ loggedIn: false, outputs: {}, error: 'host key not in the console banner: not logging in' });
      }
      finish({ loggedIn: false, outputs: {}, error: `${(err as NodeJS.ErrnoException).code ?? err.name}: ${err.message}` });
    });
    client.on('close', () => finish({ loggedIn: false, outputs: {}, error: hostKey === null ? 'connection closed before key exchange' : null }));
    try {
      client.connect({
        host: target.host,
        port: target.port,
        username: target.username,
        readyTimeout: target.timeoutMs,
        ...(target.privateKey ? { privateKey: target.privateKey } : {}),
        hostVerifier: (key: Buffer) => {
          hostKey = sshFingerprint(key);
          // Without a key there is nothing to log in with: stop after the key exchange.
          if (!target.privateKey) return false;
          return target.trustHostKey?.(hostKey) ?? true;
        },
      });
    } catch (err) {
      finish({ loggedIn: false, outputs: {}, error: (err as Error).message });
    }
  });
}

export interface SshHandshakeOptions {
  /** The address to connect to once its port is open; null until then (or when there is none). */
  readonly host: () => string | null;
  readonly port: number;
  readonly username: string;
  readonly privateKey: string | null;
  /** Fingerprints the console vouches for so far (banner, 7.7+ sshd line). */
  readonly vouched: () => readonly string[];
  readonly timeoutMs: number;
  readonly commands: readonly string[];
}

/**
 * An SSH handshake per poll once the port is open: captures the host key; logs in (and runs
 * the commands) only to a host whose key the console printed. Done once logged in, or once
 * there is nothing more to learn (no key to log in with, a mismatch, a refused login).
 */
export class SshHandshakeWait implements WaitStrategy {
  readonly name = 'ssh-handshake';
  /** The first outcome with a completed handshake, replaced by later ones that also completed it. */
  outcome: SshOutcome | null = null;
  /** Nothing more to learn over SSH: the TCP and SSH probes stop. */
  complete = false;

  constructor(private readonly o: SshHandshakeOptions) {}

  async check(ctx: WaitContext): Promise<WaitStatus> {
    if (this.complete) return ready;
    const host = this.o.host();
    if (!host) return blocked('port not open');
    const { clock, timeline, progress } = ctx;
    const banner = this.o.vouched();
    const outcome = await sshHandshake(
      {
        host,
        port: this.o.port,
        username: this.o.username,
        privateKey: this.o.privateKey,
        // Log in only to a host the console vouched for; until the banner is seen, just look at the key.
        trustHostKey: (fp) => banner.includes(fp),
        timeoutMs: this.o.timeoutMs,
        commands: this.o.commands,
      },
      clock,
      ctx.signal,
    );
    if (outcome.handshake && !this.outcome?.handshake) {
      timeline.add('ssh-handshake', outcome.hostKeySha256 ?? '');
      progress('ssh', `SSH host key ${outcome.hostKeySha256}`);
    }
    if (outcome.handshake) this.outcome = outcome;
    if (outcome.loggedIn) {
      timeline.add('ssh-login', this.o.username);
      progress('ssh', `logged in as ${this.o.username}; fetched dmesg and uname`);
    }
    const mismatch = outcome.handshake && banner.length > 0 && !banner.includes(outcome.hostKeySha256 ?? '');
    this.complete = outcome.loggedIn || (outcome.handshake && (!this.o.privateKey || mismatch || (outcome.error !== null && banner.length > 0)));
    return this.outcome?.handshake ? ready : waiting(outcome.error ?? 'no SSH handshake yet');
  }
}
