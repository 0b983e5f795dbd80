import type { CstNode, IToken } from 'chevrotain';
import { consoleParser } from './parser.js';
import type { ConsoleLogCstChildren, FingerprintBannerCstChildren, PanicBlockCstChildren } from './cst.js';

/**
 * One classified console line: the name of the head token that claimed it, the
 * input line it came from, and its text from the head token to the end of the
 * line (output glued after `login:` becomes an item of its own).
 */
export interface LineItem {
  readonly kind: string;
  readonly line: number;
  readonly text: string;
}

/** The lines of one lexed chunk, to map token offsets back to input lines. */
export interface ChunkLines {
  readonly texts: readonly string[];
  readonly lineNumbers: readonly number[];
  /** Offset of each line's first character in the joined chunk text. */
  readonly starts: readonly number[];
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

function lineIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Turns the CST of one chunk into line items in input order. A line the parser
 * dropped during error recovery is kept as an OtherLine item: no line is lost.
 */
export function cstToItems(cst: CstNode, lines: ChunkLines): LineItem[] {
  visitor.tokens = [];
  visitor.visit(cst);
  const raw = visitor.tokens.sort((a, b) => a.startOffset - b.startOffset);
  const seen = new Uint8Array(lines.texts.length);
  const out: LineItem[] = [];
  let cursor = 0;
  const flushMissing = (upTo: number): void => {
    for (; cursor < upTo; cursor++) {
      if (!seen[cursor]) out.push({ kind: 'OtherLine', line: lines.lineNumbers[cursor]!, text: lines.texts[cursor]! });
    }
  };
  for (const tok of raw) {
    const offset = tok.startOffset;
    const kind = tok.tokenType.name;
    const idx = lineIndexAt(lines.starts, offset);
    flushMissing(idx);
    seen[idx] = 1;
    const col = offset - lines.starts[idx]!;
    const text = lines.texts[idx]!;
    out.push({ kind, line: lines.lineNumbers[idx]!, text: col === 0 ? text : text.slice(col) });
  }
  flushMissing(lines.texts.length);
  return out;
}
