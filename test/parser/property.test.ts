import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeConsole } from '../../src/input/normalize.js';
import { parseBootLog } from '../../src/parser/index.js';
import { fixtureNames, readFixture } from '../helpers/fixture-file.js';
import { modelLines } from './model-lines.js';

/*
 * Properties of parseBootLog over generated input: it never throws, every line that has
 * text after normalisation is kept by some model node, and a long buffer of many boots is cut
 * into whole boots. (Parse time against input size is printed by bench/linearity.bench.js.)
 */

/** Real console lines to mix with junk: every distinct line of the hand-written fixtures. */
const REAL_LINES: readonly string[] = [
  ...new Set(
    fixtureNames()
      .filter((n) => !n.startsWith('diag-'))
      .flatMap((n) => normalizeConsole(readFixture(n).bytes).lines.map((l) => l.text)),
  ),
];

const realLine = fc.constantFrom(...REAL_LINES);
/** A real line cut short, as 80-column wraps and the 64 KB tail do. */
const cutLine = fc.tuple(realLine, fc.nat()).map(([l, n]) => l.slice(0, n % (l.length + 1)));
/** Two real lines glued, as interleaved kernel and userland output does. */
const gluedLine = fc.tuple(realLine, realLine).map(([a, b]) => a + b);
const junkLine = fc.string({ unit: 'binary', maxLength: 100 });
const controlLine = fc.tuple(realLine, fc.constantFrom('\x1b[0m', '\b', '|\b/\b-\b', '\x00', '\x1b[01;01H', '\t', '   ')).map(([l, c]) => c + l + c);
const anyLine = fc.oneof(
  { arbitrary: realLine, weight: 6 },
  { arbitrary: cutLine, weight: 1 },
  { arbitrary: gluedLine, weight: 1 },
  { arbitrary: controlLine, weight: 1 },
  { arbitrary: junkLine, weight: 1 },
);
const lineEnd = fc.constantFrom('\n', '\r\n', '\n\r', '\r');
const consoleText = fc.tuple(fc.array(anyLine, { maxLength: 150 }), lineEnd).map(([lines, end]) => lines.join(end));

function unaccounted(input: Uint8Array | string): string[] {
  const { model } = parseBootLog(input);
  const seen = modelLines(model);
  return normalizeConsole(input)
    .lines.filter((l) => l.text.trim() !== '' && !seen.has(l.line))
    .map((l) => `${l.line}: ${l.text}`);
}

describe('parseBootLog properties', () => {
  it('has real lines to mix', () => expect(REAL_LINES.length).toBeGreaterThan(200));

  it('never throws on arbitrary bytes, and its line numbers stay inside the input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const { model } = parseBootLog(bytes);
        expect(model.lineCount).toBe(normalizeConsole(bytes).lineCount);
        for (const l of modelLines(model)) {
          expect(l).toBeGreaterThanOrEqual(1);
          expect(l).toBeLessThanOrEqual(model.lineCount);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on real lines mixed with junk, cut and glued lines, and control bytes', () => {
    fc.assert(
      fc.property(consoleText, (text) => {
        const { model } = parseBootLog(text);
        for (const l of modelLines(model)) expect(l).toBeLessThanOrEqual(model.lineCount);
      }),
      { numRuns: 150 },
    );
  });

  it('accounts for every line with text in some model node', () => {
    fc.assert(
      fc.property(consoleText, (text) => {
        expect(unaccounted(text)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('accounts for every line of every hand-written fixture', () => {
    const missing = fixtureNames()
      .filter((n) => !n.startsWith('diag-'))
      .flatMap((n) => unaccounted(readFixture(n).bytes).map((l) => `${n}:${l}`));
    expect(missing).toEqual([]);
  });

  it('parses a long multi-boot buffer into one boot per copy, each the same as the boot alone', () => {
    // Parse time against input size is a figure in bench/linearity.bench.js, not a wall-clock
    // assertion here. This checks that a long buffer (many parser chunks) is cut into whole boots.
    // One healthy boot without its capture stamp (the first line), repeated: each copy a whole boot.
    const boot = Buffer.from(readFixture('xen-6.0-healthy-wd0-timestamp.log').bytes).toString('latin1').replace(/^.*\n/, '').replace(/\n*$/, '') + '\n';
    const one = parseBootLog(boot).model.boots;
    expect(one).toHaveLength(1);
    // The boot with its place in the buffer (index, line numbers) left out.
    const shape = (b: unknown): unknown => JSON.parse(JSON.stringify(b, (k, v: unknown) => (/^(index|line|startLine|endLine)$/.test(k) ? undefined : v)));
    const many = parseBootLog(boot.repeat(384)).model.boots;
    expect(many).toHaveLength(384);
    for (const b of [many[0]!, many[191]!, many[383]!]) expect(shape(b)).toEqual(shape(one[0]!));
  });
});
