import type { CstParser, ILexingResult, TokenType } from 'chevrotain';
import { chevrotain, SKIP_VALIDATIONS, type Chevrotain } from './chevrotain.js';
import type { ConsoleLogCstNode } from './cst.js';
import { KINDS, type Kind } from './kinds/index.js';

/*
 * The chevrotain side of the parser: one token type per console-line kind (built from the
 * kind's head), the lexer that tries them in KINDS order, and a flat grammar (a list of
 * lines). Everything that spans lines is the assembler's (assemble.ts). Built when the first
 * console is parsed, not when the module loads (see chevrotain.ts).
 */

/** The parser: a list of line tokens, one CST node for the chunk. */
export interface ConsoleParser extends CstParser {
  consoleLog(): ConsoleLogCstNode;
}

export interface Grammar {
  readonly lexer: { tokenize(text: string): ILexingResult };
  readonly parser: ConsoleParser;
  /** What the lexer tries at a line start, in priority order (blanks and newlines skipped first). */
  readonly lineTokens: readonly TokenType[];
  /** The kind each line token stands for, by token type index (IToken.tokenTypeIdx). */
  readonly kindOf: readonly (Kind | undefined)[];
  readonly chevrotain: Chevrotain;
}

let built: Grammar | undefined;

/** The lexer and parser, built once per process on first use. */
export function grammar(): Grammar {
  return (built ??= build(chevrotain()));
}

function build(c: Chevrotain): Grammar {
  const { createToken, Lexer } = c;
  /** Line ends carry no meaning; the few heads that stop before the line end leave one here. */
  const Newline = createToken({ name: 'Newline', pattern: /\n/, line_breaks: true, group: Lexer.SKIPPED, start_chars_hint: ['\n'] });
  /**
   * Blanks (isBlank in kinds/head.ts): between output glued on one line (`syncing disks... done
   * rebooting...`), and the indentation, trailing blanks, line-end CRs and blank lines of a
   * run of lines lexed in place (chunks.ts).
   */
  const Blank = createToken({ name: 'Blank', pattern: /[ \t\r]+/, group: Lexer.SKIPPED, start_chars_hint: [' ', '\t', '\r'] });
  /**
   * Category of every line token: the grammar consumes the category instead of choosing
   * among fifty alternatives.
   */
  const SimpleLine = createToken({ name: 'SimpleLine', pattern: Lexer.NA });
  const kindOf: (Kind | undefined)[] = [];
  const heads = KINDS.map((k) => {
    const { pattern, startChars, lineBreaks } = k.head;
    const token = createToken({
      name: k.name,
      pattern,
      start_chars_hint: [...startChars],
      categories: [SimpleLine],
      ...(lineBreaks ? { line_breaks: true } : {}),
    });
    kindOf[token.tokenTypeIdx!] = k;
    return token;
  });
  const lineTokens = [Newline, Blank, ...heads];
  const lexer = new Lexer(lineTokens, {
    // Lines are numbered from the chunk's line map, so only offsets are needed.
    positionTracking: 'onlyOffset',
    ensureOptimizations: true,
    skipValidations: SKIP_VALIDATIONS,
  });

  /**
   * Grammar of one chunk of console lines: a flat list of line tokens. chevrotain is the
   * lexer (one token per line, classified by its head) plus this one rule; the assembler cuts
   * boots at kernel banners (which needs look-ahead over loader lines) and groups a
   * fingerprint banner or a panic with its ddb session, the way it must anyway across chunk
   * edges and with the boot in view.
   */
  class Parser extends c.CstParser {
    constructor() {
      // One token category, one alternative: no look-ahead to compute.
      super([...lineTokens, SimpleLine], { recoveryEnabled: true, maxLookahead: 1, skipValidations: SKIP_VALIDATIONS });
      this.performSelfAnalysis();
    }

    /** Every line is a SimpleLine token, in input order (no sub-rule per line: a CST node per line is what makes CST parsing slow). */
    public consoleLog = this.RULE('consoleLog', () => {
      this.MANY(() => this.CONSUME(SimpleLine));
    });
  }
  // One parser instance per process; chevrotain parsers are reusable via `.input = tokens`.
  const parser = new Parser() as unknown as ConsoleParser;
  return { lexer, parser, lineTokens, kindOf, chevrotain: c };
}
