import { AttachHead, Continuation, Detached, RootAttach } from './attach.js';
import { Assertion, DdbPrompt, Kasan, Panic, StoppedAt, TraceFrame, Trap, Witness } from './crash.js';
import { DhcpAck, DhcpBound, DhcpBoundFrom, DhcpDiscover, DhcpLeaseAccepted, DhcpNoOffer, DhcpOffer, DhcpRequest } from './dhcp.js';
import { FpBegin, FpEnd, FpKey, FpRule, SshdFingerprint } from './fingerprint.js';
import { KernelBanner, Memory } from './kernel.js';
import { BootPrompt, Booting, Copyright, DiskList, EntryPoint, LoaderBanner, Probing, Regents, SymbolTable } from './loader.js';
import { OtherLine } from './other.js';
import { Autoboot, ConsoleOpenFailed, Daemons, Firsttime, Fsck, InstallerAuto, InstallerPrompt, LoginBanner, LoginPrompt, SshKeygen, StartingNetwork } from './rc.js';
import { RootDev, RootOn, RootPrompt } from './root.js';
import { Rebooting, SyncingDisks } from './shutdown.js';
import { Unconfigured } from './unconfigured.js';

/*
 * Every console-line kind, in the order the lexer tries them at a line start (match
 * priority). Each is one entry (`export const <Name> = kind('<Name>', …)`) in the file of its
 * family: loader.ts, kernel.ts, attach.ts, unconfigured.ts, root.ts, dhcp.ts,
 * fingerprint.ts, rc.ts, crash.ts, shutdown.ts, other.ts. A new kind is its entry there plus
 * its place in this list.
 */
export const KINDS = [
  // The commonest lines first; neither can match a line another head claims.
  Unconfigured,
  AttachHead,
  // `dev0: …` lines are next most common. Continuation refuses the lines of the
  // kinds right after it (see attach.ts), so they still win over it.
  Continuation,
  DhcpBoundFrom,
  DhcpLeaseAccepted,
  FpBegin,
  FpEnd,
  FpRule,
  FpKey,
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
  RootDev,
  RootPrompt,
  ConsoleOpenFailed,
  Detached,
  RootAttach,
  SshdFingerprint,
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
  Witness,
  Kasan,
  Assertion,
  StoppedAt,
  DdbPrompt,
  SyncingDisks,
  Rebooting,
  LoginPrompt,
  InstallerPrompt,
  InstallerAuto,
  // Catch-all: keeps every log grammatical. Last.
  OtherLine,
] as const;

/** The name of a console-line kind (a misspelt one is a type error). */
export type KindName = (typeof KINDS)[number]['name'];

export { OtherLine };
export type { Assembly, BootBuilder, Kind, Mutable } from './kind.js';
