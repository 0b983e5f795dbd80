import { createHmac, randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/** What a token stands for; the kind is visible in the token (`<mac:3f9a1c>`) so a reader still knows what was there. */
export type RedactionKind = 'mac' | 'ip' | 'host' | 'fp' | 'duid' | 'serial' | 'wwn' | 'aws' | 'account';

export interface RedactorOptions {
  /**
   * Salt for the token hashes. Without one a random salt is drawn, so tokens are stable within
   * one run (the same MAC is the same token everywhere) but cannot be linked across runs.
   */
  readonly salt?: string;
}

export interface Redactor {
  /** Replaces identifying substrings of one text (a whole console or one field). */
  text(input: string): string;
  /** Deep copy of a JSON-like value with every string redacted; hosts named anywhere in it are learnt first. */
  value<T>(input: T): T;
  /** Records host names found in `input` (login banner, key comments) so later bare mentions are replaced too. */
  learn(input: string): void;
}

// Addresses that identify nobody; keeping them keeps a redacted log readable (dhclient's broadcast, IMDS).
const PUBLIC_IPS = new Set(['0.0.0.0', '255.255.255.255', '127.0.0.1', '169.254.169.254']);

// Hosts the redactor learns from context: the login banner, SSH key comments, and the kernel
// compile path `user@host:/usr/src/…` (so `kernel.builder` alone is replaced too); a builder like
// deraadt@amd64.openbsd.org is public and not learnt.
const LOGIN_BANNER_HOST = /OpenBSD\/\w+ \(([^()\s]+)\) \(\w+\)/g;
const KEY_COMMENT_HOST = /(?:SHA256:[A-Za-z0-9+/]{40,44}=?|MD5(?::[0-9a-f]{2}){16})\s+[\w.-]+@([\w.-]+)/g;
const BUILDER_HOST = /\b[\w.-]+@([\w.-]+):\//g;
/** Each source with a substring every match contains: most strings (device names, short fields) skip the scan. */
const HOST_SOURCES: readonly (readonly [RegExp, string])[] = [[LOGIN_BANNER_HOST, 'OpenBSD/'], [KEY_COMMENT_HOST, '@'], [BUILDER_HOST, '@']];
const PUBLIC_BUILDER = /(?:^|\.)openbsd\.org$/i;
// A disklabel DUID where it is unmistakable: `root on sd0a (2979aa8c169aafe5.a)`, `duid 2979aa8c169aafe5`.
// Learnt values are replaced wherever they appear bare; other 16-hex runs (kernel addresses in a
// panic or trace) are not DUIDs and stay, so a redacted panic still reads as the same panic.
const DUID_SOURCES = [/\b([0-9a-f]{16})\.[a-p]\b/g, /\bduid[:=]?\s+([0-9a-f]{16})\b/gi];
/** A run of host-name characters: the unit a learnt host is looked up by (one pass, one Set lookup per run). */
const HOST_RUN = /[\w.-]+/g;
const HEX16 = /\b[0-9a-f]{16}\b/g;

// Order matters: MD5 fingerprints and IPv6 contain MAC-shaped runs, so they go first; AWS
// hostnames before IPs so `ip-10-0-0-1.ec2.internal` becomes one host token, not a host plus bits.
/**
 * `needs`: a substring every string a rule can match contains, and `minLength` the shortest
 * such string: most strings (device names, short fields) are skipped without a scan.
 */
const RULES: readonly { kind: RedactionKind; re: RegExp; group?: number; keep?: (m: string) => boolean; needs?: string; minLength?: number }[] = [
  // 43 characters in a real fingerprint; hand-made and truncated ones are redacted too.
  { kind: 'fp', re: /SHA256:[A-Za-z0-9+/]{40,44}=?/g, needs: 'SHA256:' },
  { kind: 'fp', re: /\b(?:MD5:)?[0-9a-f]{2}(?::[0-9a-f]{2}){15}\b/gi, needs: ':', minLength: 47 },
  { kind: 'host', re: /\bip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}(?:\.[a-z0-9-]+)*/gi, needs: '-', minLength: 10 },
  { kind: 'host', re: /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:compute|ec2)\.internal\b/gi, needs: '.', minLength: 14 },
  // Kernel compile path `user@host:/usr/src/…`: a custom kernel names the builder's machine; release builders are public.
  { kind: 'host', re: /(\b[\w.-]+@)([\w.-]+)(?=:\/)/g, group: 2, keep: (h) => PUBLIC_BUILDER.test(h), needs: '@' },
  { kind: 'aws', re: /\b(?:i|ami|vol|snap|eni|subnet|sg|vpc|igw|r|sir|fleet|lt|rtb|acl)-[0-9a-f]{8,17}\b/g, needs: '-', minLength: 10 },
  { kind: 'account', re: /(arn:aws[\w-]*:[\w-]*:[\w-]*:)(\d{12})/g, group: 2, needs: 'arn:aws' },
  { kind: 'account', re: /((?:account|owner)[-_ ]?(?:id)?["']?\s*[:=]?\s*["']?)(\d{12})\b/gi, group: 2, minLength: 17 },
  { kind: 'serial', re: /(\bserial(?:[- ]?(?:number|no\.?))?[:=]?\s+)((?=[A-Za-z0-9-]*\d)[A-Za-z0-9-]{4,})/gi, group: 2, minLength: 11 },
  // SCSI device ids as sd(4) prints them after the inquiry string: `serial.<vendor+serial>`,
  // `t10.<vendor>_<product>_<serial>`, and WWNs `naa.` / `eui.` (16 or 32 hex digits).
  { kind: 'serial', re: /(\b(?:serial|t10)\.)([\w.-]*[A-Za-z0-9])/g, group: 2, needs: '.' },
  { kind: 'wwn', re: /(\b(?:naa|eui)\.)([0-9a-f]{8,32})\b/gi, group: 2, needs: '.', minLength: 12 },
  { kind: 'mac', re: /\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/gi, needs: ':', minLength: 17 },
  // A dotted quad after `version`, `firmware`, `fw`, `rev` is a firmware or ROM version (`fw 1.2.3.4`), not an address.
  { kind: 'ip', re: /\b(?=\d{1,3}\.)(?<!\b(?:version|ver|firmware|fw|rev|revision|v)[\s:="']*)(?:\d{1,3}\.){3}\d{1,3}\b/gi, keep: (m) => !isIPv4(m) || PUBLIC_IPS.has(m), needs: '.', minLength: 7 },
  { kind: 'ip', re: /(?<![\w:])(?=[0-9a-f:]*:[0-9a-f:]*:)[0-9a-f:]{2,39}(?:%\w+)?(?![\w:])/gi, keep: (m) => !isIPv6(m.split('%')[0]!) || !/[0-9a-f]/i.test(m), needs: ':' },
  // Disklabel DUIDs in their unmistakable shapes; learnt ones are also replaced bare (replaceLearnt).
  { kind: 'duid', re: /\b[0-9a-f]{16}(?=\.[a-p]\b)/g, needs: '.', minLength: 18 },
  { kind: 'duid', re: /(\bduid[:=]?\s+)([0-9a-f]{16})\b/gi, group: 2, minLength: 21 },
];

const TOKEN = /<(?:mac|ip|host|fp|duid|serial|wwn|aws|account):[0-9a-f]{6}>/;

/** Creates a redactor; tokens are salted hashes, stable for one redactor (one run). */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const salt = options.salt ?? randomBytes(16).toString('hex');
  const hosts = new Set<string>();
  const cache = new Map<string, string>();

  const token = (kind: RedactionKind, original: string): string => {
    const key = `${kind}\0${original.toLowerCase()}`;
    let t = cache.get(key);
    if (t === undefined) {
      t = `<${kind}:${createHmac('sha256', salt).update(key).digest('hex').slice(0, 6)}>`;
      cache.set(key, t);
    }
    return t;
  };

  const duids = new Set<string>();
  // Bounds on the learnt hosts' lengths: a run of another length is no host, with no lookup.
  let shortestHost = Infinity;
  let longestHost = 0;

  const learn = (input: string): void => {
    // The shortest source (`u@abc:/`) is 7 characters; many model fields are shorter.
    if (input.length < 7) return;
    for (const [re, needle] of HOST_SOURCES) {
      if (!input.includes(needle)) continue;
      for (const m of input.matchAll(re)) {
        const host = m[1];
        // A host already replaced by a token (or a bare IP, handled by its own rule) needs no learning.
        // `XXX`: a name someone already anonymised identifies nobody, and learning it would eat `address XXX`.
        if (host && !TOKEN.test(host) && host.length >= 3 && !isIPv4(host) && !/^x+$/i.test(host) && !(re === BUILDER_HOST && PUBLIC_BUILDER.test(host))) {
          hosts.add(host.toLowerCase());
          shortestHost = Math.min(shortestHost, host.length);
          longestHost = Math.max(longestHost, host.length);
        }
      }
    }
    if (input.length > 16) for (const re of DUID_SOURCES) for (const m of input.matchAll(re)) duids.add(m[1]!);
  };

  /** A run of host-name characters, replaced when it is a learnt host (length bounds first: most runs are not). */
  const hostRun = (run: string): string => {
    if (run.length < shortestHost) return run;
    const trimmed = run.charCodeAt(run.length - 1) === 46 ? run.replace(/\.+$/, '') : run;
    if (trimmed.length < shortestHost || trimmed.length > longestHost) return run;
    return hosts.has(trimmed.toLowerCase()) ? token('host', trimmed) + run.slice(trimmed.length) : run;
  };

  /**
   * Replaces learnt hosts and DUIDs in one pass each, whatever their number: every run of
   * host-name characters is looked up in a Set. A run is a host only as a whole (trailing dots
   * aside), so a learnt `web1` never eats part of `web1.example.org`.
   */
  const replaceLearnt = (input: string): string => {
    let out = input;
    if (hosts.size > 0) out = out.replace(HOST_RUN, hostRun);
    if (duids.size > 0) out = out.replace(HEX16, (m) => (duids.has(m) ? token('duid', m) : m));
    return out;
  };

  /*
   * A report repeats the same strings (device names, evidence lines quoted by several rules):
   * each is redacted once. The result depends only on the string and on what was learnt, so
   * the memo is dropped whenever a host or DUID is learnt, and when it grows large.
   */
  const memo = new Map<string, string>();
  let learntSize = 0;
  const text = (input: string): string => {
    learn(input);
    return learnt(input);
  };

  /** `text` of a string whose hosts and DUIDs were learnt already. */
  const learnt = (input: string): string => {
    if (hosts.size + duids.size !== learntSize || memo.size > 50_000) {
      memo.clear();
      learntSize = hosts.size + duids.size;
    }
    const known = memo.get(input);
    if (known !== undefined) return known;
    const out = redactText(input);
    memo.set(input, out);
    return out;
  };

  // One replacer per rule, made once: a string goes through every rule.
  const replacers = RULES.map((rule) => [
    rule.re,
    rule.needs ?? '',
    rule.minLength ?? 0,
    (...args: unknown[]): string => {
      const match = args[0] as string;
      if (rule.group === undefined) return rule.keep?.(match) ? match : token(rule.kind, match);
      const value = args[rule.group] as string;
      if (rule.keep?.(value)) return match;
      const prefix = match.slice(0, match.length - value.length);
      return prefix + token(rule.kind, value);
    },
  ] as const);

  const redactText = (input: string): string => {
    let out = replaceLearnt(input);
    for (const [re, needs, minLength, replacer] of replacers) {
      if (out.length < minLength || (needs !== '' && !out.includes(needs))) continue;
      out = out.replace(re, replacer);
    }
    return out;
  };

  const collect = (v: unknown): void => {
    if (typeof v === 'string') learn(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(collect);
  };
  // After `collect`: every string's hosts are learnt, so each is only redacted.
  const map = (v: unknown): unknown => {
    if (typeof v === 'string') return learnt(v);
    if (Array.isArray(v)) return v.map(map);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        const x = map((v as Record<string, unknown>)[k]);
        // An own `__proto__` key (hostile JSON) stays a plain property, as Object.fromEntries keeps it.
        if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
        else out[k] = x;
      }
      return out;
    }
    return v;
  };

  return {
    text,
    learn,
    value<T>(input: T): T {
      collect(input);
      return map(input) as T;
    },
  };
}
