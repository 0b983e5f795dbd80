import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeConsoleBatches } from '../../src/input/normalize.js';
import { forEachChunk, newChunk, type ChunkLines, type ChunkSizes } from '../../src/parser/chunks.js';
import { parseBootLog } from '../../src/parser/index.js';
import { grammar } from '../../src/parser/grammar.js';
import { corpusFiles } from '../helpers/corpus.js';
import { fixtureNames, readFixture } from '../helpers/fixture-file.js';

/*
 * Runs of clean lines are lexed in place out of the decoded text (chunks.ts);
 * other lines from a joined string. Either way the grammar must see the same
 * lines with the same text, and the model must not depend on which path a line
 * took.
 */

interface SeenLine {
  line: number;
  text: string;
}

function lineText(chunk: ChunkLines, k: number): string {
  return chunk.texts !== null ? chunk.texts[k]! : chunk.text.slice(chunk.starts[k], chunk.ends[k]);
}

/** The lines the parser would see, chunk by chunk, checked against the lexer's view of each chunk. */
function chunkedLines(input: string, sizes?: ChunkSizes): { lines: SeenLine[]; direct: number; joined: number } {
  const lines: SeenLine[] = [];
  let direct = 0;
  let joined = 0;
  const chunk = newChunk();
  normalizeConsoleBatches(input, (batch) =>
    forEachChunk(
      batch,
      chunk,
      (c) => {
        if (c.texts === null) direct++;
        else joined++;
        // The lexer starts a token at every line start and never between lines.
        const starts = grammar().lexer.tokenize(c.text).tokens.map((t) => t.startOffset);
        let k = 0;
        for (const at of starts) {
          while (k + 1 < c.count && c.starts[k + 1]! <= at) k++;
          expect(at).toBeGreaterThanOrEqual(c.starts[k]!);
          expect(at).toBeLessThan(c.ends[k]!);
        }
        for (let j = 0; j < c.count; j++) {
          expect(starts).toContain(c.starts[j]);
          lines.push({ line: c.lineNumbers[j]!, text: lineText(c, j) });
        }
      },
      sizes,
    ),
  );
  return { lines, direct, joined };
}

/** What normalisation emitted, left-trimmed and without blank lines: what the grammar must see. */
function expectedLines(input: string): SeenLine[] {
  const out: SeenLine[] = [];
  normalizeConsoleBatches(input, (batch) => {
    for (let i = 0; i < batch.length; i++) {
      let text = batch.text(i);
      if (text.startsWith(' ') || text.startsWith('\t')) text = text.trimStart();
      if (text !== '') out.push({ line: batch.numbers[i]!, text });
    }
  });
  return out;
}

const piece = fc.constantFrom(
  'xnf0 at xen0: backend 0', 'cpu0: Intel', 'not configured', '"vbd" at xen0 not configured', 'login: ', 'syncing disks... done',
  'starting network', 'root on sd0a', ' ', '  ', '\t', '\n', '\n', '\n', '\r\n', '\n\r', '\r', '\x1b[0m', '|\b/\b', '\x00',
  'Nov 26 17:20:08 host /bsd: ', '\u00a0', '\u2003x', 'é', 'panic: x', 'OpenBSD 7.6 (GENERIC.MP) #1: x', '',
);
const consoleText = fc.array(piece, { maxLength: 120 }).map((p) => p.join(''));

describe('lexer chunks', () => {
  it('give the grammar every line, in order, with its text, whether lexed in place or joined', () => {
    fc.assert(
      fc.property(consoleText, fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 6 }), (text, chunkLines, minDirect) => {
        expect(chunkedLines(text, { chunkLines, minDirect }).lines).toEqual(expectedLines(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('lex a clean console in place and a dirty line through a join', () => {
    const clean = Array.from({ length: 100 }, (_, i) => `cpu${i} at mainbus0: apid ${i}   `).join('\r\n');
    expect(chunkedLines(clean)).toMatchObject({ direct: 1, joined: 0 });
    const dirty = clean.replace('cpu50 at', '\x1b[1mcpu50 at');
    const r = chunkedLines(dirty);
    expect(r.joined).toBe(1);
    expect(r.direct).toBe(2);
    expect(r.lines).toEqual(expectedLines(dirty));
    expect(r.lines[50]).toEqual({ line: 51, text: 'cpu50 at mainbus0: apid 50' });
  });
});

/**
 * The same console with other line ends, trailing blanks and indentation: the model
 * must not change. (A `\n\r` after the last line would open a line of its own: not varied.)
 */
const VARIANTS: readonly [string, (s: string) => string][] = [
  ['CRLF', (s) => s.replace(/\n/g, '\r\n')],
  ['LF CR', (s) => s.replace(/\n(?!$)/g, '\n\r')],
  ['trailing blanks', (s) => s.replace(/\n/g, ' \t \n')],
  ['indented', (s) => s.replace(/\n(?=.)/g, '\n  ')],
  ['every line coloured by ANSI escapes', (s) => s.replace(/^(.+)$/gm, '\x1b[1;32m$1\x1b[0m')],
  ['80-column padding', (s) => s.split('\n').map((line, i, all) => (i === all.length - 1 && line === '' ? line : line.padEnd(80))).join('\n')],
];

function rawConsoles(): { name: string; text: string }[] {
  const fixtures = fixtureNames()
    .map((n) => readFixture(n))
    .filter((f) => f.header.framing === 'raw')
    .map((f) => ({ name: f.name, text: f.bytes.toString('utf8') }))
    // A capture stamp or syslog prefix is known only at the start of a line: not indented.
    .filter((f) => !/stamped|syslog/.test(f.name));
  const corpus = corpusFiles()
    .map((f) => ({ name: f.name, text: f.bytes.toString('utf8') }));
  return [...fixtures, ...corpus].filter((c) => !c.text.includes('\r'));
}

describe('the model', () => {
  const consoles = rawConsoles();
  it('has raw consoles to vary', () => expect(consoles.length).toBeGreaterThan(10));
  for (const [variant, change] of VARIANTS) {
    it(`is the same with ${variant}`, () => {
      for (const c of consoles) {
        const want = parseBootLog(c.text).model;
        expect(parseBootLog(change(c.text)).model, c.name).toEqual(want);
      }
    });
  }
});
