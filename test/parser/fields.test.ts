import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attach, locators } from '../../src/parser/fields.js';
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
        const loc = attach(l)?.locatorText ?? '';
        expect(locators(loc)).toEqual(locatorsByRegex(loc));
      }
    }
    if (files.length > 0) expect(seen).toBeGreaterThan(1000);
  });
});
