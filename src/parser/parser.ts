import { chevrotain, SKIP_VALIDATIONS } from './chevrotain.js';
import {
  allTokens,
  SimpleLine,
  KernelBanner,
  FpBegin,
  FpEnd,
  FpRule,
  FpKey,
  Panic,
  TraceFrame,
  Trap,
  StoppedAt,
  DdbPrompt,
  LoginPrompt,
  OtherLine,
} from './tokens.js';

/**
 * Grammar of one chunk of console lines (one token per line). Boots are cut by
 * assemble.ts (a boot starts at the loader lines before a kernel banner, which
 * needs unbounded look-ahead); the grammar groups what spans lines: the
 * fingerprint banner (ec2-init) and a panic with its ddb session.
 */
export class ConsoleParser extends chevrotain.CstParser {
  constructor() {
    // Every alternative starts with a token of its own: one token of look-ahead decides.
    super(allTokens as never, { recoveryEnabled: true, maxLookahead: 1, skipValidations: SKIP_VALIDATIONS });
    this.performSelfAnalysis();
  }

  /*
   * The alternatives of each OR are built once: an array literal inside the rule
   * would allocate an array, five objects and five closures for every line.
   */
  private readonly lineAlts = [
    { ALT: () => this.CONSUME(SimpleLine) },
    { ALT: () => this.CONSUME(KernelBanner) },
    { ALT: () => this.SUBRULE(this.fingerprintBanner) },
    { ALT: () => this.SUBRULE(this.panicBlock) },
    { ALT: () => this.CONSUME(LoginPrompt) },
  ];
  private readonly bannerAlts = [
    { ALT: () => this.CONSUME(FpBegin) },
    { ALT: () => this.CONSUME(FpEnd) },
    { ALT: () => this.CONSUME(FpRule) },
    { ALT: () => this.CONSUME(FpKey) },
  ];
  private readonly panicHeadAlts = [{ ALT: () => this.CONSUME(Panic) }, { ALT: () => this.CONSUME(Trap) }];
  private readonly panicAlts = [
    { ALT: () => this.CONSUME2(Panic) },
    { ALT: () => this.CONSUME2(Trap) },
    { ALT: () => this.CONSUME(StoppedAt) },
    { ALT: () => this.CONSUME(TraceFrame) },
    { ALT: () => this.CONSUME(DdbPrompt) },
    { ALT: () => this.CONSUME(OtherLine) },
  ];

  /** Single lines are consumed in place (no sub-rule per line: a CST node per line is what makes CST parsing slow). */
  public consoleLog = this.RULE('consoleLog', () => {
    this.MANY(() => this.OR(this.lineAlts));
  });

  /** A run of `ec2: ####`, BEGIN/END markers and key lines (with or without markers, 5.9-era). */
  public fingerprintBanner = this.RULE('fingerprintBanner', () => {
    this.AT_LEAST_ONE(() => this.OR(this.bannerAlts));
  });

  /** panic(9) or a trap, then `Stopped at`, trace frames, ddb prompts and whatever ddb printed. */
  public panicBlock = this.RULE('panicBlock', () => {
    this.OR(this.panicHeadAlts);
    this.MANY(() => this.OR2(this.panicAlts));
  });
}

/** One parser instance per process; chevrotain parsers are reusable via `.input = tokens`. */
export const consoleParser = new ConsoleParser();
