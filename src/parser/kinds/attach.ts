import type { Device, Locator } from '../../model/boot-model.js';
import type { Source } from '../../model/source.js';
import { BOUND_FROM_TAIL, LEASE_ACCEPTED_TAIL } from './dhcp.js';
import { FP_BEGIN_TAIL, FP_END_TAIL, FP_KEY_TAIL, FP_RULE_TAIL } from './fingerprint.js';
import { DEVICE, guardedHead, head, holdsAt, LOWER, wordRunEnd } from './head.js';
import { kind, type Kind, type Mutable } from './kind.js';
import { colonOutsideQuotes, isDigit, isHex, isLetter, isSpace, isWord, trimmed } from './text.js';

/*
 * autoconf(9) attach lines and the lines that follow a device: `xnf0 at xen0 …`,
 * `cpu0: …`, `xnf0 detached`, pre-5.x `mainbus0 (root)`.
 */

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

/**
 * Where a second attach line starts inside an attach line when two were printed into one
 * (`acpiec0 at acpi0acpitz0 at acpi0: …`, `uhub0 at usb0 … addr 1uhidev0 at uhub1 …`): a
 * `<driver><unit> at <parent><unit>` glued to what precedes it (no blank, no letter before
 * it). -1 when there is none; a parent with digits in its name (`cnmac0 at cn30xxgmx0`) has
 * no second ` at ` and is not cut.
 */
function gluedAttach(text: string): number {
  const first = text.indexOf(' at ');
  if (first === -1 || text.indexOf(' at ', first + 4) === -1) return -1;
  GLUED_ATTACH.lastIndex = first + 4;
  const m = GLUED_ATTACH.exec(text);
  return m ? m.index : -1;
}
const GLUED_ATTACH = /(?<=[^a-z\s])[a-z][a-z0-9_]{0,24}?\d{1,4} at [a-z][a-z0-9_]{0,24}?\d{1,4}(?=[\s:,]|$)/g;

/** `xnf0 at xen0 …`: a device attaches (`mainbus0 at root`, `vio0 at virtio0: address …`). */
export const AttachHead: Kind<'AttachHead'> = kind('AttachHead', {
  head: head(/[a-z][a-z0-9_]{0,24}?\d{1,4} at [a-z]/, LOWER),
  build: (a, boot, line, text) => {
    const glued = gluedAttach(text);
    if (glued !== -1) {
      // Two attach lines printed into one: each device keeps its own line's text.
      a.dispatch(boot, AttachHead, line, text.slice(0, glued));
      a.dispatch(boot, AttachHead, line, text.slice(glued));
      return;
    }
    const dev = attachDevice(text, line, boot.root !== null) as Mutable<Device> | null;
    if (!dev) return a.other(boot, line, text);
    boot.devices.push(dev);
    a.lastDevice = dev;
  },
});

/** Pre-5.x `mainbus0 (root)`. */
export function rootAttachDevice(text: string, line: number, afterRoot: boolean): Device | null {
  const m = /^([a-z][a-z0-9_]{0,24}?)(\d{1,4}) \(root\)(?::\s*(.*))?/.exec(text);
  if (!m) return null;
  return deviceNode(text, line, afterRoot, m[1]! + m[2]!, m[1]!, Number(m[2]), 'root', null, m[3]?.trim() || null);
}

export const RootAttach = kind('RootAttach', {
  head: guardedHead(/[a-z][a-z0-9_]{0,24}?\d{1,4} \(root\)/, (t, o) => holdsAt(t, ' (root)', wordRunEnd(t, o)), LOWER),
  build: (a, boot, line, text) => {
    const dev = rootAttachDevice(text, line, boot.root !== null) as Mutable<Device> | null;
    if (!dev) return a.other(boot, line, text);
    boot.devices.push(dev);
    a.lastDevice = dev;
  },
});

/** Up to this many, a device's detail list is copied to exactly its length on each new line. */
const TIGHT_DETAILS = 8;

/**
 * Adds a `dev0: …` line to a device. The model holds thousands of devices with a
 * line or two each: a list grown by push would keep room for 17.
 */
export function addDetail(dev: Mutable<Device>, detail: Source): void {
  const n = dev.details.length;
  if (n >= TIGHT_DETAILS) dev.details.push(detail);
  else if (n === 0) dev.details = [detail];
  else {
    const grown = new Array<Source>(n + 1);
    for (let i = 0; i < n; i++) grown[i] = dev.details[i]!;
    grown[n] = detail;
    dev.details = grown;
  }
}

/** The device a `dev0: …` or `wd0(pciide0:0:0): …` continuation belongs to. */
export function continuationDevice(text: string): string | null {
  // The match ends where the name does (the rest is look-ahead), so `test` finds it without a match array.
  CONTINUATION_NAME.lastIndex = 0;
  return CONTINUATION_NAME.test(text) ? text.slice(0, CONTINUATION_NAME.lastIndex) : null;
}

const CONTINUATION_NAME = /[a-z][a-z0-9_]{0,24}?\d{1,4}(?=(?:\([^)]{0,40}\))?: )/y;

/**
 * `cpu0: …`, `bios0: vendor Xen …`, `wd0(pciide0:0:0): using PIO mode`: a line about a device.
 * Some lines begin the same way but are something else (dhclient's `xnf0: bound to …`, the
 * fingerprint banner's `ec2: …`); Continuation is tried before them (it is the commoner line)
 * and refuses a line whose text after `dev0: ` is one of their tails, so they keep their
 * priority. Each tail is written once, in its kind's file.
 */
export const Continuation = kind('Continuation', {
  head: head(
    new RegExp(
      String.raw`${DEVICE}(?:\([^)\n]{0,40}\)|(?!: (?:${[BOUND_FROM_TAIL, LEASE_ACCEPTED_TAIL, FP_BEGIN_TAIL, FP_END_TAIL, FP_RULE_TAIL, FP_KEY_TAIL].join('|')}))): `,
    ),
    LOWER,
  ),
  build: (a, boot, line, text) => {
    const name = continuationDevice(text);
    const dev = name ? a.findDevice(boot, name) : undefined;
    if (dev) addDetail(dev, { line, text });
    else a.other(boot, line, text);
  },
});

/** `xnf0 detached` */
export function detachedDevice(text: string): string | null {
  const m = /^([a-z][a-z0-9_]{0,24}?\d{1,4}) detached/.exec(text);
  return m ? m[1]! : null;
}

export const Detached = kind('Detached', {
  head: guardedHead(/[a-z][a-z0-9_]{0,24}?\d{1,4} detached/, (t, o) => holdsAt(t, ' detached', wordRunEnd(t, o)), LOWER),
  build: (a, boot, line, text) => {
    const name = detachedDevice(text);
    const dev = name ? a.findDevice(boot, name) : undefined;
    if (dev) dev.detached = { line, text };
    else a.other(boot, line, text);
  },
});
