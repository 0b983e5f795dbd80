import { chevrotain, SKIP_VALIDATIONS } from './chevrotain.js';
import { allTokens, SimpleLine } from './tokens.js';

/**
 * Grammar of one chunk of console lines: a flat list of line tokens. chevrotain is the
 * lexer (one token per line, classified by its head) plus this one rule; everything that
 * spans lines is the assembler's (assemble.ts): it cuts boots at kernel banners (which
 * needs look-ahead over loader lines) and groups a fingerprint banner or a panic with its
 * ddb session, the way it must anyway across chunk edges and with the boot in view.
 */
export class ConsoleParser extends chevrotain.CstParser {
  constructor() {
    // One token category, one alternative: no look-ahead to compute.
    super(allTokens as never, { recoveryEnabled: true, maxLookahead: 1, skipValidations: SKIP_VALIDATIONS });
    this.performSelfAnalysis();
  }

  /** Every line is a SimpleLine token, in input order (no sub-rule per line: a CST node per line is what makes CST parsing slow). */
  public consoleLog = this.RULE('consoleLog', () => {
    this.MANY(() => this.CONSUME(SimpleLine));
  });
}

/** One parser instance per process; chevrotain parsers are reusable via `.input = tokens`. */
export const consoleParser = new ConsoleParser();
