import { createHash } from 'node:crypto';

/** OpenSSH `ssh-keygen -l` form: "SHA256:" + unpadded base64 of sha256(public key blob). */
export function sha256Fingerprint(publicKeyBlob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(publicKeyBlob).digest('base64').replace(/=+$/, '')}`;
}
