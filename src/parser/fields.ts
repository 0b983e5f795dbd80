/*
 * Field extraction for classified lines. Each function takes the text of a
 * line whose kind the lexer already decided and returns its fields; none
 * throws, and every pattern is anchored or bounded so long junk lines stay
 * linear.
 */
import type { Device, Locator } from '../model/boot-model.js';

export interface KernelFields {
  version: string;
  suffix: string | null;
  /** Null for the empty `()` of some old custom builds. */
  name: string | null;
  build: number | null;
  date: string | null;
}

/** `OpenBSD 6.0-current (GENERIC.MP) #2319: Tue Jul 26 13:00:43 MDT 2016` */
export function kernelBanner(text: string): KernelFields | null {
  const m = /^OpenBSD (\d+\.\d+)([^ ]{0,24}) \(([^)]{0,64})\) #(\d*)(?::\s*(.*))?$/.exec(text);
  if (!m) return null;
  return {
    version: m[1]!,
    suffix: m[2] ? m[2] : null,
    name: m[3] ? m[3] : null,
    build: m[4] ? Number(m[4]) : null,
    date: m[5]?.trim() || null,
  };
}

/** `deraadt@amd64.openbsd.org:/usr/src/sys/arch/amd64/compile/GENERIC.MP` */
export function builderPath(text: string): { builder: string; arch: string | null } | null {
  const m = /^(\S{1,128}@\S{0,128}?):(\/\S{0,256})$/.exec(text.trim());
  if (!m || !m[2]!.includes('/compile/')) return null;
  const arch = /\/arch\/([^/]+)\/compile\//.exec(m[2]!);
  return { builder: m[1]!, arch: arch ? arch[1]! : null };
}

/** `real mem = 1056964608 (1008MB)`, `real mem  = 33161216`, `total memory = …` */
export function memory(text: string): { which: 'real' | 'avail'; bytes: number | null } | null {
  const m = /^(real|avail|total) mem(?:ory)?\s*=\s*(\d+)?/.exec(text);
  if (!m) return null;
  return { which: m[1] === 'avail' ? 'avail' : 'real', bytes: m[2] ? Number(m[2]) : null };
}

/*
 * Character classes as the locator expression this scanner replaced defines
 * them: nearly every attach line has locators, and a hand scan makes no match
 * arrays. test/parser/fields.test.ts checks it against that expression.
 */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
/** `\w` without the u flag. */
function isWord(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 95;
}
/** `\s`: ECMAScript white space and line terminators. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
/** `[\w./:-]` */
function isValueChar(c: number): boolean {
  return isWord(c) || c === 46 || c === 47 || c === 58 || c === 45;
}
/** `(?=\s|$)` at `i`. */
function endsWord(text: string, i: number): boolean {
  return i >= text.length || isSpace(text.charCodeAt(i));
}

/** `dev 3 function 0 "Intel 82441FX" rev 0x02` → locators and the quoted product. */
export function locators(text: string): { locators: Locator[]; product: string | null } {
  const out: Locator[] = [];
  const product = scanLocators(text, out);
  return { locators: out, product };
}

/** Appends the locators of `text` to `out`; returns the quoted product, or null. */
function scanLocators(text: string, out: Locator[]): string | null {
  let product: string | null = null;
  const n = text.length;
  let i = 0;
  // One pass doing what the global regex /"([^"]*)"|\(([^)]*)\)|\b([a-z]+) (0x[0-9a-f]+|\d[\w./:-]*|[0-9a-f]+\/[0-9a-f]+)(?=\s|$)/gi did.
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 40) {
      const close = text.indexOf(c === 34 ? '"' : ')', i + 1);
      if (close !== -1) {
        if (c === 34) product ??= text.slice(i + 1, close);
        else out.push({ key: 'note', value: text.slice(i + 1, close) });
        i = close + 1;
        continue;
      }
      i++;
      continue;
    }
    if (!isLetter(c) || (i > 0 && isWord(text.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    let k = i + 1;
    while (k < n && isLetter(text.charCodeAt(k))) k++;
    const end = k < n && text.charCodeAt(k) === 32 ? locatorValueEnd(text, k + 1) : -1;
    if (end === -1) {
      i++;
      continue;
    }
    out.push({ key: text.slice(i, k), value: text.slice(k + 1, end) });
    i = end;
  }
  return product;
}

/** End of a locator value at `v` (`0x1f`, `3`, `0:1:0`, `1af4/1000`) followed by a blank or the end, or -1. */
function locatorValueEnd(text: string, v: number): number {
  const n = text.length;
  if (v >= n) return -1;
  const c = text.charCodeAt(v);
  if (c === 48 && v + 1 < n && (text.charCodeAt(v + 1) | 32) === 120 && v + 2 < n && isHex(text.charCodeAt(v + 2))) {
    let e = v + 3;
    while (e < n && isHex(text.charCodeAt(e))) e++;
    if (endsWord(text, e)) return e;
  }
  if (isDigit(c)) {
    let e = v + 1;
    while (e < n && isValueChar(text.charCodeAt(e))) e++;
    if (endsWord(text, e)) return e;
  }
  if (isHex(c)) {
    let e = v + 1;
    while (e < n && isHex(text.charCodeAt(e))) e++;
    if (e < n && text.charCodeAt(e) === 47 && e + 1 < n && isHex(text.charCodeAt(e + 1))) {
      e += 2;
      while (e < n && isHex(text.charCodeAt(e))) e++;
      if (endsWord(text, e)) return e;
    }
  }
  return -1;
}

/**
 * The device node of an autoconf(9) attach line,
 * `<driver><unit> at <parent>[ locators][: description]`, or null.
 * The parent ends at a word boundary when there is one; otherwise (driver
 * output glued on, `mainbus0rk3128_enable: …`) at its first unit number.
 */
export function attachDevice(text: string, line: number, afterRoot: boolean): Device | null {
  // The common shape is tested without a match array, and the match ends where the parent does.
  ATTACH_STRICT.lastIndex = 0;
  if (ATTACH_STRICT.test(text)) {
    // The name is `[a-z0-9_]` up to the blank of ` at `; the unit is its digit tail,
    // as long as the lazy driver of the expression leaves it: up to four digits.
    let nameEnd = 1;
    let digitsFrom = 1;
    for (let c = text.charCodeAt(1); c !== 32; c = text.charCodeAt(++nameEnd)) if (!isDigit(c)) digitsFrom = nameEnd + 1;
    return attachNode(text, line, afterRoot, Math.max(digitsFrom, nameEnd - 4), nameEnd, nameEnd + 4, ATTACH_STRICT.lastIndex);
  }
  const m = ATTACH_GLUED.exec(text) ?? ATTACH_ANY.exec(text);
  if (!m) return null;
  return attachNode(text, line, afterRoot, m[1]!.length, m[1]!.length + m[2]!.length, m[0].length - m[3]!.length, m[0].length);
}

const ATTACH_STRICT = /^[a-z][a-z0-9_]{0,24}?\d{1,4} at (?:root|[a-z][a-z0-9_]{0,24}?\d{1,4})(?=[\s:,]|$)/g;
const ATTACH_GLUED = /^([a-z][a-z0-9_]{0,24}?)(\d{1,4}) at ([a-z][a-z0-9_]{0,24}?\d{1,4})/;
const ATTACH_ANY = /^([a-z][a-z0-9_]{0,24}?)(\d{1,4}) at (\S*)/;

/** `text` trimmed to [from, to), as one substring: an attach line is sliced twice, not four times. */
function trimmed(text: string, from: number, to: number): string {
  while (from < to && text.charCodeAt(from) === 32) from++;
  while (to > from && text.charCodeAt(to - 1) === 32) to--;
  // Blanks are the common case; trim() still removes any other white space (and returns the slice itself when none).
  return text.slice(from, to).trim();
}

/** Index of the first `:` at or after `from` outside double quotes, or -1. */
function colonOutsideQuotes(text: string, from: number): number {
  const colon = text.indexOf(':', from);
  if (colon === -1) return -1;
  const quote = text.indexOf('"', from);
  if (quote === -1 || colon < quote) return colon;
  let quoted = false;
  for (let i = quote; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 58 && !quoted) return i;
  }
  return -1;
}

/** An attach line's node: the unit's digits are [unit, nameEnd), the parent is [parent, after). */
function attachNode(text: string, line: number, afterRoot: boolean, unit: number, nameEnd: number, parent: number, after: number): Device {
  const colon = colonOutsideQuotes(text, after);
  const locatorText = trimmed(text, after, colon === -1 ? text.length : colon);
  const description = colon === -1 ? null : trimmed(text, colon + 1, text.length);
  let unitNumber = 0;
  for (let k = unit; k < nameEnd; k++) unitNumber = unitNumber * 10 + text.charCodeAt(k) - 48;
  // The line starts with the name: slices, not concatenations to flatten later.
  return deviceNode(text, line, afterRoot, text.slice(0, nameEnd), text.slice(0, unit), unitNumber, text.slice(parent, after), locatorText || null, description || null);
}

/** Every device node is made here, so all share one shape. */
function deviceNode(
  text: string,
  line: number,
  afterRoot: boolean,
  name: string,
  driver: string,
  unit: number,
  parent: string,
  locatorText: string | null,
  description: string | null,
): Device {
  const grown: Locator[] = [];
  const product = locatorText === null ? null : scanLocators(locatorText, grown);
  // A copy is exactly as long as it needs to be; an array grown by push keeps room for 17,
  // and the model holds thousands of these.
  const found = grown.length === 0 ? grown : grown.slice();
  return { type: 'device', line, text, name, driver, unit, parent, locators: found, locatorText, product, description, details: [], afterRoot, detached: null };
}

/** Pre-5.x `mainbus0 (root)`. */
export function rootAttachDevice(text: string, line: number, afterRoot: boolean): Device | null {
  const m = /^([a-z][a-z0-9_]{0,24}?)(\d{1,4}) \(root\)(?::\s*(.*))?/.exec(text);
  if (!m) return null;
  return deviceNode(text, line, afterRoot, m[1]! + m[2]!, m[1]!, Number(m[2]), 'root', null, m[3]?.trim() || null);
}

/** The device a `dev0: …` or `wd0(pciide0:0:0): …` continuation belongs to. */
export function continuationDevice(text: string): string | null {
  // The match ends where the name does (the rest is look-ahead), so `test` finds it without a match array.
  CONTINUATION_NAME.lastIndex = 0;
  return CONTINUATION_NAME.test(text) ? text.slice(0, CONTINUATION_NAME.lastIndex) : null;
}

const CONTINUATION_NAME = /[a-z][a-z0-9_]{0,24}?\d{1,4}(?=(?:\([^)]{0,40}\))?: )/y;

/** `xnf0 detached` */
export function detachedDevice(text: string): string | null {
  const m = /^([a-z][a-z0-9_]{0,24}?\d{1,4}) detached/.exec(text);
  return m ? m[1]! : null;
}

export interface UnconfiguredFields {
  name: string;
  parent: string;
  locatorText: string | null;
  vendorId: string | null;
  productId: string | null;
  vendorName: string | null;
  description: string | null;
}

/**
 * Every autoconf(9) `not configured` shape:
 * `"vbd" at xen0: device/vbd/768 not configured`,
 * `"VMware VMCI" rev 0x10 at pci0 dev 7 function 7 not configured`,
 * `vendor "Amazon.com", unknown product 0x0200 (class bridge …) at pci0 dev 0 function 0 not configured`,
 * `unknown vendor 0x1d0f product 0xec20 (class network …) at pci0 dev 5 function 0 not configured`,
 * `vmm at mainbus0 not configured`, `cpu at mainbus0: not configured`.
 */
export function unconfigured(text: string): UnconfiguredFields | null {
  const body = text.slice(0, unconfiguredBodyEnd(text));
  const at = UNCONF_AT_STRICT.exec(body) ?? UNCONF_AT.exec(body);
  if (!at) return null;
  const headText = body.slice(0, at.index);
  const after = at.index + at[0].length;
  const colon = colonOutsideQuotes(body, after);
  const loc = trimmed(body, after, colon === -1 ? body.length : colon);
  let description: string | null = colon === -1 ? null : trimmed(body, colon + 1, body.length) || null;
  let name: string;
  if (headText.includes('(')) {
    const paren = /\(([^)]*)\)/.exec(headText);
    if (paren && description === null) description = paren[1]!.trim() || null;
    name = headText.replace(/\s*\([^)]*\)/g, '').trim();
  } else name = headText.trim();
  const quotedOnly = /^"([^"]*)"/.exec(name);
  if (quotedOnly) name = quotedOnly[1]!;
  // Most such lines name no PCI ids: one test spares them three expressions.
  const ids = VENDOR_OR_PRODUCT.test(headText);
  const vendorId = ids ? /\bvendor (0x[0-9a-f]{4})\b/i.exec(headText) : null;
  const productId = ids ? /\bproduct (0x[0-9a-f]{4})\b/i.exec(headText) : null;
  const vendorName = ids ? /\bvendor "([^"]*)"/.exec(headText) : null;
  return {
    name,
    parent: at[1]!,
    locatorText: loc || null,
    vendorId: vendorId ? vendorId[1]!.toLowerCase() : null,
    productId: productId ? productId[1]!.toLowerCase() : null,
    vendorName: vendorName ? vendorName[1]! : null,
    description,
  };
}

const UNCONF_AT_STRICT = / at ([a-z][a-z0-9_]{0,24}?\d{1,4})(?=[\s:,]|$)/;
const UNCONF_AT = / at ([a-z][a-z0-9_]{0,24}?\d{1,4})/;
const VENDOR_OR_PRODUCT = /vendor|product/i;

/**
 * Where `text` ends once `/:?\s*not configured$/` is cut off (text.length when it does
 * not end so): the white space before `not configured`, and one `:` before that.
 */
function unconfiguredBodyEnd(text: string): number {
  const tail = 'not configured';
  if (!text.endsWith(tail)) return text.length;
  let end = text.length - tail.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 58) end--;
  return end;
}

/** `root on wd0a (38fc71f7831e63c6.a) swap on wd0b dump on wd0b`, NFS `root on host:/path`. */
export function rootOn(text: string): { device: string; duid: string | null; swap: string | null; dump: string | null } | null {
  const m = /^root on (\S+)(?: \(([0-9a-f]{16})\.[a-p]\))?(?:.*? swap on (\S+))?(?:.*? dump on (\S+))?/.exec(text);
  if (!m) return null;
  return { device: m[1]!, duid: m[2] ?? null, swap: m[3] ?? null, dump: m[4] ?? null };
}

/** `root device: sd0a`, `root device : le0`, echoed erase as the literal `\^H \^H`. */
export function rootPromptAnswer(text: string): string | null {
  const m = /^root device(?: \(default [^)]{1,40}\))? ?:\s*(.*)$/.exec(text);
  if (!m) return null;
  let typed = m[1]!;
  const erase = '\\^H \\^H';
  let i: number;
  while ((i = typed.indexOf(erase)) !== -1) typed = typed.slice(0, Math.max(0, i - 1)) + typed.slice(i + erase.length);
  typed = typed.trim();
  return typed === '' ? null : typed;
}

/** `OpenBSD/amd64 (ip-10-0-0-251.eu-central-1.compute.internal) (tty00)`; the seed's stripped `OpenBSD/amd64 ( (tty00)`. */
export function loginBanner(text: string): { arch: string; host: string | null; tty: string | null } | null {
  const m = /^OpenBSD\/([^\s(]+) \((.*)$/.exec(text);
  if (!m) return null;
  let rest = m[2]!.trim();
  let tty: string | null = null;
  const t = /\(([^()\s]*)\)$/.exec(rest);
  if (t) {
    tty = t[1] || null;
    rest = rest.slice(0, t.index).trim();
  }
  const host = rest.replace(/\)$/, '').trim();
  return { arch: m[1]!, host: host === '' ? null : host, tty };
}

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

/** The logger tag of a banner line (`ec2: ####`), or null. */
export function bannerTag(text: string): string | null {
  const m = /^([\w.-]{1,32}): /.exec(text);
  return m ? m[1]! : null;
}

/** `sshd: (ED25519) SHA256:…` */
export function sshdFingerprint(text: string): { keyType: string; fingerprint: string } | null {
  const m = /^sshd: \(([A-Za-z0-9-]+)\) (SHA256:\S+)/.exec(text);
  return m ? { keyType: m[1]!.toUpperCase(), fingerprint: m[2]! } : null;
}

/** Words after the last `:`, trailing `.` removed: `starting network daemons: sshd smtpd.` → [sshd, smtpd]. */
export function listAfterColon(text: string): string[] {
  const i = text.indexOf(':');
  if (i === -1) return [];
  return text
    .slice(i + 1)
    .replace(/\.\s*$/, '')
    .split(/\s+/)
    .filter((w) => w !== '' && w !== '.');
}

/** `starting network daemons:` → "network"; `starting daemons:` → "". */
export function daemonPhase(text: string): string {
  const m = /^starting ([\w ]{0,40}?)\s*daemons:/.exec(text);
  return m ? m[1]!.trim() : '';
}

/** First word after a prefix such as `DHCPDISCOVER on `. */
export function wordAfter(text: string, prefix: string): string | null {
  const i = text.indexOf(prefix);
  if (i === -1) return null;
  const m = /^\S+/.exec(text.slice(i + prefix.length));
  return m ? m[0] : null;
}

/** An address as printed; anonymised (`xxx.xxx.xxx.xxx`) is kept, absent (`--`, `(mac)`) is null. */
export function addressOrNull(word: string | null): string | null {
  if (word === null || word === '--' || word.startsWith('(')) return null;
  return word;
}

/** `bound to 10.0.0.251 -- renewal in 1800 seconds.` */
export function dhcpBound(text: string): string | null {
  return addressOrNull(wordAfter(text, 'bound to '));
}

/** `xnf0: bound to 10.0.0.5 from 10.0.0.1 (mac)` */
export function dhcpBoundFrom(text: string): { iface: string; address: string | null; server: string | null } | null {
  const m = /^([a-z][a-z0-9_]{0,24}?\d{1,4}): bound to (\S+)(?: from (\S+))?/.exec(text);
  return m ? { iface: m[1]!, address: addressOrNull(m[2]!), server: addressOrNull(m[3] ?? null) } : null;
}

/** `xnf0: 10.0.0.5 lease accepted from 10.0.0.1 (mac)` */
export function dhcpLeaseAccepted(text: string): { iface: string; address: string | null; server: string | null } | null {
  const m = /^([a-z][a-z0-9_]{0,24}?\d{1,4}): (\S{1,64}) lease accepted from (\S+)/.exec(text);
  return m ? { iface: m[1]!, address: addressOrNull(m[2]!), server: addressOrNull(m[3]!) } : null;
}

/** `Stopped at      db_enter+0x18:  addq    $0x8,%rsp` → "db_enter+0x18" */
export function stoppedAt(text: string): string {
  const m = /^Stopped at\s+([^\s:]+)/.exec(text);
  return m ? m[1]! : '';
}

/** `ddb{1}>` → 1, `ddb>` → null */
export function ddbCpu(text: string): number | null {
  const m = /^ddb\{(\d+)\}>/.exec(text);
  return m ? Number(m[1]) : null;
}

/** `/dev/rwd0a: file system is clean; not checking` → device and whether fsck ran. */
export function fsck(text: string): { device: string; result: 'clean' | 'checked' } {
  const m = /^(?:\*\* )?(\/dev\/\S+?)(?::|\s|$)/.exec(text);
  return { device: m ? m[1]! : text, result: /file system is clean/.test(text) ? 'clean' : 'checked' };
}
