import fc from 'fast-check';
import type { TokenType } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { normalizeConsole } from '../../src/input/normalize.js';
import { grammar } from '../../src/parser/grammar.js';
import { corpusFiles } from '../helpers/corpus.js';
import { fixtureNames, readFixture } from '../helpers/fixture-file.js';

/*
 * Every token carries the characters its matches can start with (start_chars_hint),
 * so chevrotain need not parse each expression when the CLI starts. A hint that
 * left a character out would hide the token from lines starting with it. This
 * lexer is built from the same expressions without the hints, from chevrotain's own
 * analysis: both must cut every text into the same tokens.
 */
const { chevrotain, lexer: consoleLexer, lineTokens } = grammar();
const unhinted: TokenType[] = lineTokens.map((t) => {
  const pattern = t.PATTERN;
  if (!(pattern instanceof RegExp)) return t; // custom matchers cannot be analysed: their hints are the only source
  return chevrotain.createToken({
    name: t.name,
    pattern,
    ...(t.GROUP !== undefined ? { group: t.GROUP } : {}),
    ...(t.LINE_BREAKS !== undefined ? { line_breaks: t.LINE_BREAKS } : {}),
  });
});
const analysed = new chevrotain.Lexer(unhinted, { positionTracking: 'onlyOffset', ensureOptimizations: true });

const cut = (lexer: { tokenize(text: string): { tokens: { tokenType: TokenType; startOffset: number; image: string }[] } }, text: string): string[] =>
  lexer.tokenize(text).tokens.map((t) => `${t.tokenType.name}@${t.startOffset}+${t.image.length}`);

function consoleTexts(): string[] {
  const files = [...fixtureNames().map((n) => readFixture(n).bytes), ...corpusFiles().map((f) => f.bytes)];
  return files.map((bytes) => `${normalizeConsole(bytes).lines.map((l) => l.text.trimStart()).join('\n')}\n`);
}

describe('token start characters', () => {
  it('are given for every expression token (no analysis at start-up)', () => {
    for (const t of lineTokens) if (t.PATTERN instanceof RegExp) expect(t.START_CHARS_HINT, t.name).toBeDefined();
  });

  it('cut every console into the same tokens as chevrotain\'s analysis', () => {
    const texts = consoleTexts();
    expect(texts.length).toBeGreaterThan(30);
    for (const text of texts) expect(cut(consoleLexer, text)).toEqual(cut(analysed, text));
  });

  it('cut any text into the same tokens as chevrotain\'s analysis', () => {
    const piece = fc.constantFrom(
      ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \t\r\n.:>[*/"#-_(){}'.split(''),
      'OpenBSD 7.6 (GENERIC.MP) #1', '>> OpenBSD', '..>> OpenBSD', 'real mem = 1', 'avail mem = 1', 'total memory = 1', '** /dev/rsd0a',
      '/dev/wd0a', 'uvm_fault(', 'kernel: page fault trap', 'fatal data fault', 'Fatal kernel mode ', 'xnf0 at xen0', 'cpu0: x',
      'syncing disks... done', 'rebooting...', 'login: ', 'ddb{1}>', 'Stopped at ', 'panic: x', 'DHCPACK from', 'bound to ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(cut(consoleLexer, text)).toEqual(cut(analysed, text));
      }),
      { numRuns: 5000 },
    );
  });
});
