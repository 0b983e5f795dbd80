import { OWN, type LineBatch } from '../input/line-batch.js';
import { isBlank } from './kinds/head.js';

/**
 * The lines of one lexer chunk, to map token offsets back to input lines and to
 * cut each line's text out of `text`. Entries past `count` are stale (the arrays
 * are reused from chunk to chunk).
 */
export interface ChunkLines {
  /** What the lexer reads. */
  text: string;
  /** The lines' own strings when `text` was joined from them, else null (cut from `text`). */
  texts: string[] | null;
  readonly lineNumbers: number[];
  /** Offset of each line's first character in `text`. */
  readonly starts: number[];
  /** Offset just past each line's last character in `text`. */
  readonly ends: number[];
  count: number;
}

export function newChunk(): ChunkLines {
  return { text: '', texts: null, lineNumbers: [], starts: [], ends: [], count: 0 };
}

/**
 * Lines per chunk: a 100 MB console never becomes one token array and one CST.
 * A fingerprint banner or panic cut by a chunk edge is rejoined by the assembler.
 */
const CHUNK_LINES = 2048;
/** A run of lines this long is worth lexing in place; shorter runs between rewritten lines are joined. */
const MIN_DIRECT = 32;

/*
 * Most of a console is clean lines that normalisation only trimmed: spans of the
 * decoded text. A run of them is lexed straight out of that text, with no string
 * per line and no join, when what lies between two spans is only what the lexer
 * skips anyway: blanks, the CR of a `\r\n` or `\n\r` line end, and at least one
 * newline (blank lines included). Leading blanks are skipped by the lexer the way
 * the joined path trims them. Anything else (an escape-only line that was dropped,
 * a syslog or capture prefix, a framing line, a line cleaning rewrote) ends the
 * run; such lines are lexed from a joined string.
 */

/** Where the lexer starts line i (past leading blanks), or -1 when the line must be joined. */
function lexStart(batch: LineBatch, i: number): number {
  const start = batch.starts[i]!;
  if (start === OWN) return -1;
  const { source } = batch;
  let at = start;
  let c = source.charCodeAt(at);
  while (c === 32 || c === 9) c = source.charCodeAt(++at);
  // trimStart would also take Unicode white space after the blanks; the lexer would not.
  return at > start && c >= 0x80 && /\s/.test(source[at]!) ? -1 : at;
}

/** `source[from, to)` holds only what the lexer skips (Blank's blanks and CRs, newlines), and at least one newline. */
function blankGap(source: string, from: number, to: number): boolean {
  let newline = false;
  for (let k = from; k < to; k++) {
    const c = source.charCodeAt(k);
    if (c === 10) newline = true;
    else if (!isBlank(c)) return false;
  }
  return newline;
}

/** Line i can follow line i-1 in a run; `at` is lexStart(i). */
function continuesRun(batch: LineBatch, i: number, at: number): boolean {
  return at !== -1 && i > 0 && batch.starts[i - 1] !== OWN && blankGap(batch.source, batch.ends[i - 1]!, at);
}

/** Chunk sizes; tests make them small to reach every edge. */
export interface ChunkSizes {
  readonly chunkLines: number;
  readonly minDirect: number;
}
const SIZES: ChunkSizes = { chunkLines: CHUNK_LINES, minDirect: MIN_DIRECT };

/** Cuts `batch` into chunks, fills `chunk` with each in turn and calls `lex`. */
export function forEachChunk(batch: LineBatch, chunk: ChunkLines, lex: (chunk: ChunkLines) => void, sizes: ChunkSizes = SIZES): void {
  const n = batch.length;
  let i = 0;
  while (i < n) {
    const limit = Math.min(n, i + sizes.chunkLines);
    const run = fillDirect(batch, i, limit, chunk);
    if (run - i >= sizes.minDirect || (run === limit && run > i)) i = run;
    else {
      const end = joinedEnd(batch, i, limit, sizes.minDirect);
      fillJoined(batch, i, end, chunk);
      i = end;
    }
    if (chunk.count > 0) lex(chunk);
  }
}

/** Where a joined chunk from `from` stops: at the start of a run of `minDirect` in-place lines, or `limit`. */
function joinedEnd(batch: LineBatch, from: number, limit: number, minDirect: number): number {
  let run = 0;
  for (let i = from + 1; i < limit; i++) {
    const at = lexStart(batch, i);
    run = at === -1 ? 0 : run > 0 && continuesRun(batch, i, at) ? run + 1 : 1;
    if (run === minDirect) return i - minDirect + 1;
  }
  return limit;
}

/**
 * Fills `chunk` with the run of in-place lines from `from` (up to `limit`) and returns
 * where the run ends: `from` itself when that line cannot start one.
 */
function fillDirect(batch: LineBatch, from: number, limit: number, chunk: ChunkLines): number {
  const { source, ends, numbers } = batch;
  const base = lexStart(batch, from);
  if (base === -1) return from;
  let i = from;
  let at = base;
  do {
    chunk.starts[i - from] = at - base;
    chunk.ends[i - from] = ends[i]! - base;
    chunk.lineNumbers[i - from] = numbers[i]!;
    i++;
  } while (i < limit && continuesRun(batch, i, (at = lexStart(batch, i))));
  chunk.count = i - from;
  chunk.texts = null;
  // Through the newline that ends the last line; when there is none (end of input,
  // a framing timestamp after it), a newline is added.
  const last = ends[i - 1]!;
  let end = last;
  let c = source.charCodeAt(end);
  while (isBlank(c)) c = source.charCodeAt(++end);
  chunk.text = c === 10 ? source.slice(base, end + 1) : `${source.slice(base, last)}\n`;
  return i;
}

function fillJoined(batch: LineBatch, from: number, to: number, chunk: ChunkLines): void {
  const texts: string[] = [];
  let n = 0;
  let offset = 0;
  for (let i = from; i < to; i++) {
    let text = batch.text(i);
    // Kernel lines carry no meaning in leading blanks (the builder path and the
    // Regents line are indented); blank lines separate nothing the grammar needs.
    const c = text.charCodeAt(0);
    if (c === 32 || c === 9) {
      text = text.trimStart();
      if (text === '') continue;
    }
    texts[n] = text;
    chunk.lineNumbers[n] = batch.numbers[i]!;
    chunk.starts[n] = offset;
    offset += text.length;
    chunk.ends[n] = offset;
    offset++;
    n++;
  }
  chunk.count = n;
  chunk.texts = texts;
  // Every line ends in a newline, the last one too: a trailing '' makes join add it.
  texts.push('');
  chunk.text = texts.join('\n');
  texts.pop();
}
