import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachDevice, locators } from '../../src/parser/kinds/attach.js';
import { unconfigured } from '../../src/parser/kinds/unconfigured.js';
import { normalizeConsole } from '../../src/input/normalize.js';
import { corpusFiles } from '../helpers/corpus.js';

/*
 * locators() scans by hand for speed. This is the regular expression it
 * replaced, kept as the specification: on every line the scan must return
 * exactly what the expression returned.
 */
const LOCATOR = /"([^"]*)"|\(([^)]*)\)|\b([a-z]+) (0x[0-9a-f]+|\d[\w./:-]*|[0-9a-f]+\/[0-9a-f]+)(?=\s|$)/gi;

function locatorsByRegex(text: string): ReturnType<typeof locators> {
  const out: { key: string; value: string }[] = [];
  let product: string | null = null;
  for (const m of text.matchAll(LOCATOR)) {
    if (m[1] !== undefined) product ??= m[1];
    else if (m[2] !== undefined) out.push({ key: 'note', value: m[2] });
    else out.push({ key: m[3]!, value: m[4]! });
  }
  return { locators: out, product };
}

/** Pieces of locator texts, so generated text often comes close to the shapes (and their edges). */
const piece = fc.constantFrom(
  'a', 'z', 'A', 'F', 'x', 'X', '0', '1', '9', '_', ' ', ' at ', 'at', 'root', ':', ',', '"', '(', ')', '/', '.', '-', '\t',
  '\u00a0', '\u2003', '\ufeff', 'ſ', 'é', 'pci0', 'mainbus0', 'xnf12345', 'dev 3', 'function 0', ' rev 0x02', '0x1F',
  '0X', '1af4/1000', 'irq 4', 'port 0x3f8/8', 'channel 0', ' not configured',
);
const line = fc.array(piece, { maxLength: 24 }).map((p) => p.join(''));
describe('locators', () => {
  it('finds keyed values, notes and the product like the locator expression', () => {
    expect(locators('dev 3 function 0 "Intel 82441FX" rev 0x02')).toEqual({
      locators: [{ key: 'dev', value: '3' }, { key: 'function', value: '0' }, { key: 'rev', value: '0x02' }],
      product: 'Intel 82441FX',
    });
    fc.assert(fc.property(line, (text) => {
      expect(locators(text)).toEqual(locatorsByRegex(text));
    }), { numRuns: 20000 });
  });

  it('agrees with the expression on every attach line of the corpus', () => {
    const files = corpusFiles();
    let seen = 0;
    for (const file of files) {
      for (const { text } of normalizeConsole(file.bytes).lines) {
        const i = text.search(/[a-z][a-z0-9_]{0,24}?\d{1,4} at [a-z]/);
        if (i < 0) continue;
        const l = text.slice(i);
        seen++;
        const loc = attachDevice(l, 1, false)?.locatorText ?? '';
        expect(locators(loc)).toEqual(locatorsByRegex(loc));
      }
    }
    if (files.length > 0) expect(seen).toBeGreaterThan(1000);
  });
});

/*
 * unconfigured() cuts its line by offsets to spare the garbage. This is the
 * version it replaced, kept as the specification.
 */
function unconfiguredByReplace(text: string): ReturnType<typeof unconfigured> {
  const body = text.replace(/:?\s*not configured$/, '');
  const at = / at ([a-z][a-z0-9_]{0,24}?\d{1,4})(?=[\s:,]|$)/.exec(body) ?? / at ([a-z][a-z0-9_]{0,24}?\d{1,4})/.exec(body);
  if (!at) return null;
  const headText = body.slice(0, at.index);
  const rest = body.slice(at.index + at[0].length);
  let colon = -1;
  let quoted = false;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '"') quoted = !quoted;
    else if (rest[i] === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  const loc = colon === -1 ? rest : rest.slice(0, colon);
  let description: string | null = colon === -1 ? null : rest.slice(colon + 1).trim() || null;
  const paren = /\(([^)]*)\)/.exec(headText);
  if (paren && description === null) description = paren[1]!.trim() || null;
  let name = headText.replace(/\s*\([^)]*\)/g, '').trim();
  const quotedOnly = /^"([^"]*)"/.exec(name);
  if (quotedOnly) name = quotedOnly[1]!;
  const vendorId = /\bvendor (0x[0-9a-f]{4})\b/i.exec(headText);
  const productId = /\bproduct (0x[0-9a-f]{4})\b/i.exec(headText);
  const vendorName = /\bvendor "([^"]*)"/.exec(headText);
  return {
    name,
    parent: at[1]!,
    locatorText: loc.trim() || null,
    vendorId: vendorId ? vendorId[1]!.toLowerCase() : null,
    productId: productId ? productId[1]!.toLowerCase() : null,
    vendorName: vendorName ? vendorName[1]! : null,
    description,
  };
}

const unconfPiece = fc.constantFrom(
  '"vbd"', ' at ', 'xen0', 'pci0', ':', ': ', ' ', '\u00a0', '\t', 'not configured', ' not configured', 'device/vbd/768',
  'vendor', 'Vendor', ' vendor "Amazon.com"', ', unknown product 0x0200', 'unknown vendor 0x1d0f product 0xEC20',
  '(class network subclass ethernet, rev 0x00)', '(', ')', '"', 'rev 0x10', ' dev 7 function 7', 'vmm', 'cpu', 'x', '0',
);
const unconfLine = fc.array(unconfPiece, { maxLength: 14 }).map((p) => p.join(''));

describe('unconfigured', () => {
  it('reads every field like the version it replaced', () => {
    expect(unconfigured('unknown vendor 0x1d0f product 0xec20 (class network subclass ethernet, rev 0x00) at pci0 dev 5 function 0 not configured')).toEqual({
      name: 'unknown vendor 0x1d0f product 0xec20',
      parent: 'pci0',
      locatorText: 'dev 5 function 0',
      vendorId: '0x1d0f',
      productId: '0xec20',
      vendorName: null,
      description: 'class network subclass ethernet, rev 0x00',
    });
    fc.assert(fc.property(unconfLine, (text) => {
      expect(unconfigured(text)).toEqual(unconfiguredByReplace(text));
    }), { numRuns: 30000 });
  });
});

/*
 * attachDevice() tests the common shape without a match array and takes name,
 * unit and parent by offset. These expressions are its specification.
 */
const ATTACH_BY_REGEX = [
  /^([a-z][a-z0-9_]{0,24}?)(\d{1,4}) at (root|[a-z][a-z0-9_]{0,24}?\d{1,4})(?=[\s:,]|$)/,
  /^([a-z][a-z0-9_]{0,24}?)(\d{1,4}) at ([a-z][a-z0-9_]{0,24}?\d{1,4})/,
  /^([a-z][a-z0-9_]{0,24}?)(\d{1,4}) at (\S*)/,
];

function attachByRegex(text: string): { name: string; driver: string; unit: number; parent: string } | null {
  for (const re of ATTACH_BY_REGEX) {
    const m = re.exec(text);
    if (m) return { name: m[1]! + m[2]!, driver: m[1]!, unit: Number(m[2]), parent: m[3]! };
  }
  return null;
}

function headOf(text: string): ReturnType<typeof attachByRegex> {
  const d = attachDevice(text, 1, false);
  return d && { name: d.name, driver: d.driver, unit: d.unit, parent: d.parent };
}

const attachPiece = fc.constantFrom(
  'a', 'z', 'q', '_', '0', '1', '9', '0000', '12345', ' at ', ' ', ':', ',', '(', '.', '\t', '\u00a0', '\u2003', 'A', '-',
  'root', 'rootbus0', 'pci0', 'mainbus0', 'abcdefghijklmnopqrstuvwxy', 'rk3128_enable', ': ', ' dev 3 function 0',
);
const attachLine = fc.array(attachPiece, { maxLength: 12 }).map((p) => p.join(''));

describe('attachDevice', () => {
  it('reads name, driver, unit and parent like the attach expressions', () => {
    expect(headOf('xnf0 at xen0: backend 0')).toEqual({ name: 'xnf0', driver: 'xnf', unit: 0, parent: 'xen0' });
    expect(headOf('abc12345 at root')).toEqual({ name: 'abc12345', driver: 'abc1', unit: 2345, parent: 'root' });
    expect(headOf('mainbus0 at rootbus0,x')).toEqual({ name: 'mainbus0', driver: 'mainbus', unit: 0, parent: 'rootbus0' });
    expect(headOf('simplebus0 at mainbus0rk3128_enable: x')).toEqual({ name: 'simplebus0', driver: 'simplebus', unit: 0, parent: 'mainbus0' });
    fc.assert(fc.property(attachLine, (text) => {
      expect(headOf(text)).toEqual(attachByRegex(text));
    }), { numRuns: 30000 });
  });
});
