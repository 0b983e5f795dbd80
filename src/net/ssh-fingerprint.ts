import { createHash } from 'node:crypto';

/** OpenSSH's `SHA256:` fingerprint of a raw public key blob: unpadded base64 of its SHA-256, as ssh-keygen -l prints. */
export function sshFingerprint(keyBlob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}
