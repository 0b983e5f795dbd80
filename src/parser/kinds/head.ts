import type { CustomPatternMatcherFunc } from 'chevrotain';

/*
 * How the lexer recognises a console-line kind: its *head*. A head classifies the line
 * (an attach line, a root line, a DHCP line, …) and runs to the end of it, taking the
 * newline along (one lexer step per line instead of two; nothing reads a token's image),
 * so a 64 KB console is about a thousand tokens. Field extraction happens in the kind's
 * entry on the line text, so a head only needs to be specific enough to classify.
 *
 * A head is plain data: grammar.ts turns each into a chevrotain token type when the first
 * console is parsed, so loading the parser loads no chevrotain.
 */
export interface Head {
  /** An expression chevrotain runs at the line start, or a custom matcher. */
  readonly pattern: RegExp | { readonly exec: CustomPatternMatcherFunc };
  /**
   * The characters a match can start with (chevrotain's start_chars_hint). chevrotain would
   * work them out by parsing every expression (about 7 ms of each start); they are read off
   * the expression when it opens with a literal, else given. test/parser/tokens.test.ts
   * checks them against chevrotain's own analysis.
   */
  readonly startChars: readonly (string | number)[];
  /** The match can take a newline along. */
  readonly lineBreaks: boolean;
}

export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl;
}

/** The end of a head that runs to the end of its line: past the newline, if there is one. */
export function pastLineEnd(text: string, end: number): number {
  return end < text.length ? end + 1 : end;
}

/** `c` is a blank the lexer skips between lines (space, tab, CR; chunks.ts relies on it). */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/**
 * What a custom matcher returns on a match. chevrotain reads `[0]` (and `payload`)
 * at once and keeps neither, so one array serves every match: no array per line.
 */
const HIT = [''] as unknown as RegExpExecArray;
export function hit(image: string): RegExpExecArray {
  HIT[0] = image;
  return HIT;
}

/** A head whose `pattern` classifies; the token then runs to the end of the line. */
export function head(pattern: RegExp, startChars: readonly string[] = literalStart(pattern)): Head {
  return { pattern: new RegExp(`(?:${pattern.source})[^\\n]*\\n?`), startChars, lineBreaks: true };
}

/** A head that ends where `pattern` does (output glued after it is lexed as a line of its own). */
export function shortHead(pattern: RegExp, startChars: readonly string[] = literalStart(pattern)): Head {
  return { pattern, startChars, lineBreaks: false };
}

/** A head decided by a custom matcher that runs to the line end itself. */
export function matcherHead(exec: CustomPatternMatcherFunc, startChars: readonly (string | number)[]): Head {
  return { pattern: { exec }, startChars, lineBreaks: true };
}

/** The first character of every match of `pattern`, when its source opens with a literal one. */
function literalStart(pattern: RegExp): string[] {
  const s = pattern.source;
  const [first, next = ''] = s.startsWith('\\') && /^\\[^A-Za-z0-9]/.test(s) ? [s[1]!, s[2] ?? ''] : [s[0] ?? '', s[1] ?? ''];
  const literal = first !== '' && (s.startsWith('\\') || !'\\^$.|?*+()[]{}'.includes(first));
  if (!literal || '?*{'.includes(next) || s.includes('|')) throw new Error(`head ${pattern}: give its start characters`);
  return [first];
}

/**
 * A head for a rare line that every line starting with a letter or digit would
 * otherwise try: `likely` is a cheap test that holds for every line `pattern`
 * matches (and few others), so most lines never run the expression. The
 * expression still decides, so priority and matches are those of head().
 */
export function guardedHead(pattern: RegExp, likely: (text: string, offset: number) => boolean, startChars: readonly string[]): Head {
  const toLineEnd = new RegExp(`(?:${pattern.source})[^\\n]*\\n?`, 'y');
  const exec: CustomPatternMatcherFunc = (text, offset) => {
    if (!likely(text, offset)) return null;
    toLineEnd.lastIndex = offset;
    return toLineEnd.test(text) ? hit(text.slice(offset, toLineEnd.lastIndex)) : null;
  };
  return matcherHead(exec, startChars);
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * Index just past `<tag>: ` at `offset` (LOGGER_TAG, `[\w.-]{1,32}`, which also covers
 * every DEVICE), or -1. The tag cannot stop early: `:` is not a tag character. A bounded
 * scan (at most 33 characters), so the guards that ask it need no memo.
 */
export function afterTag(text: string, offset: number): number {
  let i = offset;
  const max = Math.min(text.length, offset + 33);
  let c = 0;
  while (i < max && (isWordChar((c = text.charCodeAt(i))) || c === 46 || c === 45)) i++;
  return i > offset && i - offset <= 32 && c === 58 && text.charCodeAt(i + 1) === 32 ? i + 2 : -1;
}

/**
 * End of the `[\w.]` run at `offset` when it is 1..80 long (a DEVICE is such a run, and so
 * is a trace frame's function), or -1. A pattern that follows the run with a character
 * outside the class can only end the run there.
 */
export function wordRunEnd(text: string, offset: number): number {
  let i = offset;
  const max = Math.min(text.length, offset + 81);
  while (i < max) {
    const c = text.charCodeAt(i);
    if (!isWordChar(c) && c !== 46) break;
    i++;
  }
  return i > offset && i - offset <= 80 ? i : -1;
}

/** `text` holds `s` at `at`; false for -1 (startsWith would read a negative position as 0). */
export function holdsAt(text: string, s: string, at: number): boolean {
  return at >= 0 && text.startsWith(s, at);
}

/** `[\w.-]`: where a logger tag can start. */
export const TAG_START = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-'];
/** `[\w.]`: where a trace frame's function can start. */
export const FRAME_START = TAG_START.filter((c) => c !== '-');
export const LOWER = [...'abcdefghijklmnopqrstuvwxyz'];
export const LETTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'];

/** autoconf(9)'s `<driver><unit>`. */
export const DEVICE = String.raw`[a-z][a-z0-9_]{0,24}?\d{1,4}`;
/** A logger(1) tag (`ec2: `). */
export const LOGGER_TAG = String.raw`[\w.-]{1,32}`;
