import { describe, expect, it } from 'vitest';
import ssh2 from 'ssh2';
import { generateEphemeralKey } from '../../src/launcher/ephemeral-key.js';

describe('generateEphemeralKey', () => {
  it('always yields a public key EC2 can import (ssh2 sometimes writes a 31-byte one)', () => {
    for (let i = 0; i < 300; i++) {
      const k = generateEphemeralKey('run1', 't2.micro');
      const pub = ssh2.utils.parseKey(k.publicKey);
      expect(pub).not.toBeInstanceOf(Error);
      expect(Buffer.from(k.publicKey.split(' ')[1]!, 'base64').length).toBe(51); // 4+11 "ssh-ed25519" + 4+32
    }
  });

  it('names the key after the run and type, uniquely, and keeps the private half parseable', () => {
    const a = generateEphemeralKey('run1', 't2.micro');
    const b = generateEphemeralKey('run1', 't2.micro');
    expect(a.name).toMatch(/^bootgate-run1-t2\.micro-[0-9a-f]{6}$/);
    expect(a.name).not.toBe(b.name);
    expect(ssh2.utils.parseKey(a.privateKey)).not.toBeInstanceOf(Error);
  });
});
