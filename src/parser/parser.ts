import { CstParser } from 'chevrotain';
import {
  allTokens,
  Newline,
  RestOfLine,
  KernelBanner,
  LoginBanner,
  LoaderBanner,
  BootPrompt,
  Booting,
  EntryPoint,
  SymbolTable,
  Copyright,
  Regents,
  Probing,
  DiskList,
  Memory,
  RootOn,
  RootPrompt,
  ConsoleOpenFailed,
  Unconfigured,
  Detached,
  AttachHead,
  RootAttach,
  DhcpBoundFrom,
  DhcpLeaseAccepted,
  FpBegin,
  FpEnd,
  FpRule,
  FpKey,
  SshdFingerprint,
  Continuation,
  Autoboot,
  Fsck,
  StartingNetwork,
  Daemons,
  Firsttime,
  SshKeygen,
  DhcpDiscover,
  DhcpOffer,
  DhcpRequest,
  DhcpAck,
  DhcpNoOffer,
  DhcpBound,
  Panic,
  TraceFrame,
  Trap,
  StoppedAt,
  DdbPrompt,
  SyncingDisks,
  Rebooting,
  LoginPrompt,
  OtherLine,
} from './tokens.js';

/**
 * Grammar of one chunk of console lines. Boots are cut by to-model.ts (a boot
 * starts at its loader lines before a kernel banner, which needs unbounded
 * look-ahead); the grammar groups what spans lines: the fingerprint banner
 * (ec2-init), a panic with its ddb session, the kernel banner with its path line.
 */
export class ConsoleParser extends CstParser {
  constructor() {
    super(allTokens as never, { recoveryEnabled: true, maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  public consoleLog = this.RULE('consoleLog', () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.kernelBanner) },
        { ALT: () => this.SUBRULE(this.fingerprintBanner) },
        { ALT: () => this.SUBRULE(this.panicBlock) },
        { ALT: () => this.SUBRULE(this.loginPrompt) },
        { ALT: () => this.SUBRULE(this.line) },
      ]);
    });
  });

  /** `OpenBSD 6.0 (GENERIC.MP) #2319: Tue Jul 26 …`; the path line after it is an OtherLine read by to-model. */
  public kernelBanner = this.RULE('kernelBanner', () => {
    this.CONSUME(KernelBanner);
    this.OPTION(() => this.CONSUME(RestOfLine));
    this.CONSUME(Newline);
  });

  /** A run of `ec2: ####`, BEGIN/END markers and key lines (with or without markers, 5.9-era). */
  public fingerprintBanner = this.RULE('fingerprintBanner', () => {
    this.AT_LEAST_ONE(() => {
      this.OR([
        { ALT: () => this.CONSUME(FpBegin) },
        { ALT: () => this.CONSUME(FpEnd) },
        { ALT: () => this.CONSUME(FpRule) },
        { ALT: () => this.CONSUME(FpKey) },
      ]);
      this.OPTION(() => this.CONSUME(RestOfLine));
      this.CONSUME(Newline);
    });
  });

  /** panic(9) or a trap, then `Stopped at`, trace frames, ddb prompts and whatever ddb printed. */
  public panicBlock = this.RULE('panicBlock', () => {
    this.OR([{ ALT: () => this.CONSUME(Panic) }, { ALT: () => this.CONSUME(Trap) }]);
    this.OPTION(() => this.CONSUME(RestOfLine));
    this.CONSUME(Newline);
    this.MANY(() => {
      this.OR2([
        { ALT: () => this.CONSUME2(Panic) },
        { ALT: () => this.CONSUME2(Trap) },
        { ALT: () => this.CONSUME(StoppedAt) },
        { ALT: () => this.CONSUME(TraceFrame) },
        { ALT: () => this.CONSUME(DdbPrompt) },
        { ALT: () => this.CONSUME(OtherLine) },
      ]);
      this.OPTION2(() => this.CONSUME2(RestOfLine));
      this.CONSUME2(Newline);
    });
  });

  /** getty(8) prompt; may have other output glued after it on the same line. */
  public loginPrompt = this.RULE('loginPrompt', () => {
    this.CONSUME(LoginPrompt);
    this.OPTION(() => this.CONSUME(Newline));
  });

  /** Any other single line: its head token classifies it. */
  public line = this.RULE('line', () => {
    this.OR([
      { ALT: () => this.CONSUME(LoginBanner) },
      { ALT: () => this.CONSUME(LoaderBanner) },
      { ALT: () => this.CONSUME(BootPrompt) },
      { ALT: () => this.CONSUME(Booting) },
      { ALT: () => this.CONSUME(EntryPoint) },
      { ALT: () => this.CONSUME(SymbolTable) },
      { ALT: () => this.CONSUME(Copyright) },
      { ALT: () => this.CONSUME(Regents) },
      { ALT: () => this.CONSUME(Probing) },
      { ALT: () => this.CONSUME(DiskList) },
      { ALT: () => this.CONSUME(Memory) },
      { ALT: () => this.CONSUME(RootOn) },
      { ALT: () => this.CONSUME(RootPrompt) },
      { ALT: () => this.CONSUME(ConsoleOpenFailed) },
      { ALT: () => this.CONSUME(Unconfigured) },
      { ALT: () => this.CONSUME(Detached) },
      { ALT: () => this.CONSUME(AttachHead) },
      { ALT: () => this.CONSUME(RootAttach) },
      { ALT: () => this.CONSUME(DhcpBoundFrom) },
      { ALT: () => this.CONSUME(DhcpLeaseAccepted) },
      { ALT: () => this.CONSUME(SshdFingerprint) },
      { ALT: () => this.CONSUME(Continuation) },
      { ALT: () => this.CONSUME(Autoboot) },
      { ALT: () => this.CONSUME(Fsck) },
      { ALT: () => this.CONSUME(StartingNetwork) },
      { ALT: () => this.CONSUME(Daemons) },
      { ALT: () => this.CONSUME(Firsttime) },
      { ALT: () => this.CONSUME(SshKeygen) },
      { ALT: () => this.CONSUME(DhcpDiscover) },
      { ALT: () => this.CONSUME(DhcpOffer) },
      { ALT: () => this.CONSUME(DhcpRequest) },
      { ALT: () => this.CONSUME(DhcpAck) },
      { ALT: () => this.CONSUME(DhcpNoOffer) },
      { ALT: () => this.CONSUME(DhcpBound) },
      { ALT: () => this.CONSUME(StoppedAt) },
      { ALT: () => this.CONSUME(TraceFrame) },
      { ALT: () => this.CONSUME(DdbPrompt) },
      { ALT: () => this.CONSUME(SyncingDisks) },
      { ALT: () => this.CONSUME(Rebooting) },
      { ALT: () => this.CONSUME(OtherLine) },
    ]);
    this.OPTION(() => this.CONSUME(RestOfLine));
    this.CONSUME(Newline);
  });
}

/** One parser instance per process; chevrotain parsers are reusable via `.input = tokens`. */
export const consoleParser = new ConsoleParser();
