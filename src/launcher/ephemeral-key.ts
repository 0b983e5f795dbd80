import { randomBytes } from 'node:crypto';
import ssh2 from 'ssh2';

export interface EphemeralKey {
  /** EC2 key pair name, unique per run. */
  readonly name: string;
  /** OpenSSH private key, kept in memory only. */
  readonly privateKey: string;
  /** `ssh-ed25519 AAAA… comment` for ImportKeyPair. */
  readonly publicKey: string;
}

/** A throwaway ed25519 key for one instance; the private half never touches disk. */
export function generateEphemeralKey(runId: string, instanceType: string): EphemeralKey {
  const name = `bootgate-${runId}-${instanceType}-${randomBytes(3).toString('hex')}`;
  // ssh2 1.17 drops a leading zero byte of the ed25519 public key about one time in 50,
  // writing a 31-byte key that EC2 (and ssh2 itself) rejects: draw again until it parses.
  for (let attempt = 0; ; attempt++) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment: name });
    if (!(ssh2.utils.parseKey(pair.public) instanceof Error) || attempt >= 20) {
      return { name, privateKey: pair.private, publicKey: pair.public };
    }
  }
}
