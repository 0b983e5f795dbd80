import { randomBytes } from 'node:crypto';
import { ed25519KeyPair } from '../net/ed25519-key.js';

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
  const pair = ed25519KeyPair(name);
  return { name, privateKey: pair.private, publicKey: pair.public };
}
