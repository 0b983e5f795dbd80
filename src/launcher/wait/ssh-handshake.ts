import ssh2 from 'ssh2';
import type { Clock } from '../clock.js';
import { sshFingerprint } from '../fingerprint.js';

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
