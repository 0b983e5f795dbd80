import type { FingerprintKey } from '../../model/events.js';
import { afterTag, guardedHead, head, holdsAt, LOGGER_TAG, TAG_START } from './head.js';
import { kind } from './kind.js';
import { isDigit } from './text.js';

/*
 * The first-boot host key fingerprint banner (ec2-init through `logger -s -t ec2`), its
 * lines grouped by the assembler into one event, and sshd(8)'s own fingerprint line.
 * `ec2: …` would otherwise be a continuation line: Continuation (attach.ts) refuses these tails.
 */
export const FP_BEGIN_TAIL = '-----BEGIN SSH HOST KEY FINGERPRINTS-----';
export const FP_END_TAIL = '-----END SSH HOST KEY FINGERPRINTS-----';
export const FP_RULE_TAIL = '#{10,}';
export const FP_KEY_TAIL = String.raw`\d{3,5} (?:SHA256|MD5):\S`;

const FP_MARKER = '-----';
/** `(?:<tag>: )?` before a banner line's own text: `test` holds at the offset or after the tag. */
const atOrAfterTag = (t: string, o: number, test: (t: string, at: number) => boolean): boolean => test(t, o) || test(t, afterTag(t, o));
const marker = (t: string, at: number): boolean => holdsAt(t, FP_MARKER, at);

/** The logger tag of a banner line (`ec2: ####`), or null. */
export function bannerTag(text: string): string | null {
  const m = /^([\w.-]{1,32}): /.exec(text);
  return m ? m[1]! : null;
}

export const FpBegin = kind('FpBegin', {
  head: guardedHead(new RegExp(`(?:${LOGGER_TAG}: )?${FP_BEGIN_TAIL}`), (t, o) => atOrAfterTag(t, o, marker), TAG_START),
  continues: 'banner',
  build: (a, boot, line, text) => {
    a.banner(boot, line, text, false).markers = true;
  },
});

export const FpEnd = kind('FpEnd', {
  head: guardedHead(new RegExp(`(?:${LOGGER_TAG}: )?${FP_END_TAIL}`), (t, o) => atOrAfterTag(t, o, marker), TAG_START),
  continues: 'banner',
  build: (a, boot, line, text) => {
    a.banner(boot, line, text, false).complete = true;
  },
});

/** `ec2: #####…`: the rule around an unmarked (older) banner; the one after its keys completes it. */
export const FpRule = kind('FpRule', {
  head: guardedHead(new RegExp(`${LOGGER_TAG}: ${FP_RULE_TAIL}`), (t, o) => holdsAt(t, '##########', afterTag(t, o)), TAG_START),
  continues: 'banner',
  build: (a, boot, line, text) => {
    const b = a.banner(boot, line, text, true);
    if (!b.markers && b.keys.length > 0) b.complete = true;
  },
});

export interface FingerprintLine {
  tag: string | null;
  bits: number;
  fingerprint: string;
  comment: string | null;
  keyType: string;
}

/** `ec2: 256 SHA256:… root@host (ED25519)`; 5.9-era lines have no comment. */
export function fingerprintKey(text: string): FingerprintLine | null {
  const m = /^(?:([\w.-]{1,32}): )?(\d{3,5}) ((?:SHA256|MD5):\S+)(.*)$/.exec(text);
  if (!m) return null;
  let rest = m[4]!.trim();
  let keyType = 'unknown';
  const t = /\(([A-Za-z0-9-]+)\)$/.exec(rest);
  if (t) {
    keyType = t[1]!.toUpperCase();
    rest = rest.slice(0, t.index).trim();
  }
  return { tag: m[1] ?? null, bits: Number(m[2]), fingerprint: m[3]!, comment: rest === '' ? null : rest, keyType };
}

export const FpKey = kind('FpKey', {
  head: guardedHead(new RegExp(`(?:${LOGGER_TAG}: )?${FP_KEY_TAIL}`), (t, o) => atOrAfterTag(t, o, (t2, at) => at >= 0 && isDigit(t2.charCodeAt(at))), TAG_START),
  continues: 'banner',
  build: (a, boot, line, text) => {
    const b = a.banner(boot, line, text, false);
    const k = fingerprintKey(text);
    if (k) {
      b.tag ??= k.tag;
      (b.keys as FingerprintKey[]).push({ line, text, bits: k.bits, fingerprint: k.fingerprint, comment: k.comment, keyType: k.keyType });
    }
  },
});

/** `sshd: (ED25519) SHA256:…` */
export function sshdFingerprint(text: string): { keyType: string; fingerprint: string } | null {
  const m = /^sshd: \(([A-Za-z0-9-]+)\) (SHA256:\S+)/.exec(text);
  return m ? { keyType: m[1]!.toUpperCase(), fingerprint: m[2]! } : null;
}

/** OpenBSD 7.7+ sshd(8) prints its own host key fingerprint. */
export const SshdFingerprint = kind('SshdFingerprint', {
  head: head(/sshd: \([A-Za-z0-9-]+\) SHA256:/),
  build: (a, boot, line, text) => {
    const s = sshdFingerprint(text);
    if (s) boot.events.push({ type: 'sshd-fingerprint', line, text, ...s });
    else a.other(boot, line, text);
  },
});
