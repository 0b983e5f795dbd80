import { describe, expect, it } from 'vitest';
import type { LiveFacts } from '../../src/verdict/types.js';
import { hostKeyMatch, sameSha256 } from '../../src/rules/host-key-match.js';
import { ruleTester } from './rule-tester.js';
import { XEN_60_OK, lineOf, withoutLines } from './snippets.js';

const ED25519 = 'SHA256:J7GMuHoGxBG5XvrqQ3y/9/LZOd8CT9u0ib3JFUftnNM';
const live = (hostKeySha256: string | null): LiveFacts => ({ ssh: { tcp: 'open', handshake: hostKeySha256 !== null, hostKeySha256, address: '127.0.0.1', error: null } });
const SSHD_77 = withoutLines(XEN_60_OK, /^ec2: /).replace('starting local daemons', 'sshd: (ED25519) SHA256:7B9gZ0xq1n4XQKc9bq1JHnHw3cM3ZpXxQ3bqkzQmEjo\nstarting local daemons');

ruleTester(hostKeyMatch, {
  valid: [
    { name: 'presented key is in the ec2 banner', code: XEN_60_OK, live: live(ED25519) },
    { name: 'padded base64 still matches', code: XEN_60_OK, live: live(`${ED25519}=`) },
    { name: '7.7+ sshd line', code: SSHD_77, live: live('SHA256:7B9gZ0xq1n4XQKc9bq1JHnHw3cM3ZpXxQ3bqkzQmEjo') },
  ],
  invalid: [
    { name: 'offline', code: XEN_60_OK, reports: [{ status: 'skip', messageId: 'offline' }] },
    {
      name: 'MISMATCH',
      code: XEN_60_OK,
      live: live('SHA256:AAAAHoGxBG5XvrqQ3y/9/LZOd8CT9u0ib3JFUftnNM'),
      reports: [{ status: 'fail', messageId: 'mismatch', line: lineOf(XEN_60_OK, '(ECDSA)') }],
      message: 'HOST KEY MISMATCH',
    },
    { name: 'no key received', code: XEN_60_OK, live: live(null), reports: [{ status: 'inconclusive', messageId: 'noKey' }] },
    { name: 'console printed no fingerprint', code: withoutLines(XEN_60_OK, /^ec2: /), live: live(ED25519), reports: [{ status: 'inconclusive', messageId: 'nothingPrinted' }] },
  ],
});

describe('sameSha256', () => {
  it('is case-sensitive on the digest and ignores only the prefix and padding', () => {
    expect(sameSha256('SHA256:abc', 'sha256:abc=')).toBe(true);
    expect(sameSha256('SHA256:abc', 'SHA256:ABC')).toBe(false);
    expect(sameSha256('SHA256:', 'SHA256:')).toBe(false);
  });
});
