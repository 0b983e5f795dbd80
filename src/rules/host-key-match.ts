import type { Boot } from '../model/boot-model.js';
import type { Evidence } from '../model/source.js';
import { eventsOf } from '../model/queries.js';
import { defineRule } from './types.js';

export const hostKeyMatch = defineRule({
  id: 'host-key-match',
  meta: {
    description: 'Live only: the SHA256 host key SSH presented is one the console printed (banner or 7.7+ sshd line), proving you reached the instance you launched.',
    severity: 'blocker',
    messages: {
      offline: { status: 'skip', text: 'live-only (bootgate launch)' },
      match: { status: 'pass', text: 'the host key SSH presented ({{fingerprint}}) is printed on the console' },
      mismatch: {
        status: 'fail',
        text: 'HOST KEY MISMATCH: SSH presented {{fingerprint}}, the console lists {{listed}}: a man in the middle, or another machine answers at this address',
      },
      noKey: { status: 'inconclusive', text: 'no SSH host key was received to compare' },
      nothingPrinted: { status: 'inconclusive', text: 'the console prints no host key fingerprint to compare {{fingerprint}} with' },
    },
  },
  withoutBoot: true,
  check(boot, ctx) {
    const ssh = ctx.live?.ssh;
    if (!ssh) return ctx.report({ messageId: 'offline' });
    if (!ssh.hostKeySha256) return ctx.report({ messageId: 'noKey' });
    const fingerprint = ssh.hostKeySha256;
    const printed = boot === null ? [] : consoleFingerprints(boot);
    if (printed.length === 0) return ctx.report({ messageId: 'nothingPrinted', data: { fingerprint } });
    const hit = printed.find((p) => sameSha256(p.fingerprint, fingerprint));
    if (hit) return ctx.report({ messageId: 'match', evidence: [hit.source], data: { fingerprint } });
    ctx.report({
      messageId: 'mismatch',
      evidence: printed.map((p) => p.source),
      data: { fingerprint, listed: printed.map((p) => p.fingerprint).join(', ') },
    });
  },
});

/** Every SHA256 fingerprint the console printed: banner keys (any tag) and `sshd: (ED25519) SHA256:…`. */
function consoleFingerprints(boot: Boot): { fingerprint: string; source: Evidence }[] {
  const out: { fingerprint: string; source: Evidence }[] = [];
  for (const b of eventsOf(boot, 'fingerprint-banner')) for (const k of b.keys) out.push({ fingerprint: k.fingerprint, source: k });
  for (const s of eventsOf(boot, 'sshd-fingerprint')) out.push({ fingerprint: s.fingerprint, source: s });
  return out.filter((p) => /^SHA256:/i.test(p.fingerprint));
}

/** ssh-keygen prints unpadded base64; some tools pad with `=`. The digest itself is case-sensitive. */
export function sameSha256(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/^SHA256:/i, '').replace(/=+$/, '');
  return norm(a) !== '' && norm(a) === norm(b);
}
