import type { CstNode, IToken } from 'chevrotain';
import { consoleParser } from './parser.js';
import type { ChunkLines } from './chunks.js';
import type { ConsoleLogCstChildren, FingerprintBannerCstChildren, PanicBlockCstChildren } from './cst.js';

/**
 * Receives classified console lines in input order: the name of the head token
 * that claimed the line, the input line it came from, and its text from the
 * head token to the end of the line (output glued after `login:` becomes an
 * item of its own). Three arguments, not an object: one fewer allocation per line.
 */
export interface ItemSink {
  push(kind: string, line: number, text: string): void;
}

const BaseVisitor = consoleParser.getBaseCstVisitorConstructor<void, void>();

/**
 * CST → line items. A CST node groups its children by name, so items are put
 * back in input order by offset afterwards.
 */
class ItemVisitor extends BaseVisitor {
  tokens: IToken[] = [];

  constructor() {
    super();
    this.validateVisitor();
  }

  private collect(children: Record<string, (CstNode | IToken)[] | undefined>): void {
    for (const key in children) {
      for (const child of children[key]!) {
        if ('tokenType' in child) this.tokens.push(child);
        else this.visit(child);
      }
    }
  }

  consoleLog(ctx: ConsoleLogCstChildren): void {
    this.collect(ctx as never);
  }
  fingerprintBanner(ctx: FingerprintBannerCstChildren): void {
    this.collect(ctx as never);
  }
  panicBlock(ctx: PanicBlockCstChildren): void {
    this.collect(ctx as never);
  }
}

const visitor = new ItemVisitor();

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
 * Feeds the CST of one chunk to `sink` as line items in input order. Tokens are
 * put back in order by their line (a bucket per line: the CST groups children
 * by name); a line the parser dropped during error recovery is kept as an
 * OtherLine item, so no line is lost.
 */
export function emitItems(cst: CstNode, lines: ChunkLines, sink: ItemSink): void {
  visitor.tokens = [];
  visitor.visit(cst);
  const n = lines.count;
  const first: (IToken | undefined)[] = new Array(n);
  // Output glued after `login:` puts a second head on a line: rare, kept aside in offset order.
  let extra: IToken[] | null = null;
  // Tokens come mostly in line order (the CST groups only the rare multi-line blocks
  // apart), so the next line is tried before a binary search.
  let idx = 0;
  const { starts } = lines;
  for (const tok of visitor.tokens) {
    const at = tok.startOffset;
    if (idx + 1 < n && starts[idx + 1]! <= at && (idx + 2 >= n || at < starts[idx + 2]!)) idx++;
    else if (starts[idx]! > at || (idx + 1 < n && starts[idx + 1]! <= at)) idx = lineIndexAt(starts, n, at);
    const held = first[idx];
    if (held === undefined) first[idx] = tok;
    else (extra ??= []).push(tok.startOffset < held.startOffset ? ((first[idx] = tok), held) : tok);
  }
  visitor.tokens = [];
  extra?.sort((a, b) => a.startOffset - b.startOffset);
  let e = 0;
  const { texts, text: chunkText, ends } = lines;
  for (let idx = 0; idx < n; idx++) {
    const line = lines.lineNumbers[idx]!;
    const start = starts[idx]!;
    const text = texts !== null ? texts[idx]! : chunkText.slice(start, ends[idx]);
    const tok = first[idx];
    if (tok === undefined) {
      sink.push('OtherLine', line, text);
      continue;
    }
    sink.push(tok.tokenType.name, line, tok.startOffset === start ? text : text.slice(tok.startOffset - start));
    const end = idx + 1 < n ? starts[idx + 1]! : Infinity;
    while (extra !== null && e < extra.length && extra[e]!.startOffset < end) {
      const x = extra[e++]!;
      sink.push(x.tokenType.name, line, text.slice(x.startOffset - start));
    }
  }
}
