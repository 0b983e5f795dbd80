import type { IToken } from 'chevrotain';
import type { ChunkLines } from './chunks.js';
import type { ConsoleLogCstNode } from './cst.js';
import { OtherLine, type Kind } from './kinds/index.js';

/**
 * Receives classified console lines in input order: the kind (the entry of the token
 * that claimed the line), the input line it came from, and its text from the token to
 * the end of the line (output glued after `login:` becomes an item of its own). Three
 * arguments, not an object: one fewer allocation per line.
 */
export interface ItemSink {
  push(kind: Kind, line: number, text: string): void;
}

/** Index of the line holding `offset`: the last of the first `count` starts at or before it. */
export function lineIndexAt(starts: readonly number[], count: number, offset: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Feeds the line tokens of one chunk's parse to `sink` as items, in input order (the
 * grammar is flat: the tokens are in the order the lexer cut them). A line with no token
 * (none is expected; error recovery could drop one) is kept as an OtherLine item, so no
 * line is lost.
 */
export function emitItems(cst: ConsoleLogCstNode, lines: ChunkLines, kindOf: readonly (Kind | undefined)[], sink: ItemSink): void {
  const tokens: readonly IToken[] = cst.children.SimpleLine ?? [];
  const { starts, texts, text: chunkText, ends, lineNumbers } = lines;
  const n = lines.count;
  let t = 0;
  for (let idx = 0; idx < n; idx++) {
    const line = lineNumbers[idx]!;
    const start = starts[idx]!;
    const end = idx + 1 < n ? starts[idx + 1]! : Infinity;
    const text = texts !== null ? texts[idx]! : chunkText.slice(start, ends[idx]);
    // Tokens before this line's start belong to no line (cannot happen: every line starts a token).
    while (t < tokens.length && tokens[t]!.startOffset < start) t++;
    if (t === tokens.length || tokens[t]!.startOffset >= end) {
      sink.push(OtherLine, line, text);
      continue;
    }
    // Usually one token per line; output glued after `login:` makes more, each an item of its own.
    do {
      const tok = tokens[t++]!;
      sink.push(kindOf[tok.tokenTypeIdx] ?? OtherLine, line, tok.startOffset === start ? text : text.slice(tok.startOffset - start));
    } while (t < tokens.length && tokens[t]!.startOffset < end);
  }
}
