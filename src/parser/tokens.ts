import type { CustomPatternMatcherFunc, TokenType } from 'chevrotain';
import { chevrotain } from './chevrotain.js';

const { createToken, Lexer } = chevrotain;

/*
 * One token per console line. A *head* token classifies the line (an attach
 * line, a root line, a DHCP line, …) and runs to the end of it, taking the
 * newline along (one lexer step per line instead of two; nothing reads a
 * token's image), so a 64 KB console is about a thousand tokens. Field extraction
 * (parent, locators, addresses) happens in to-model/assemble on the line text,
 * so a head only needs to be specific enough to classify.
 *
 * ORDER MATTERS inside `lineTokens`: more specific heads come first, OtherLine
 * (the catch-all that makes every log grammatical) comes last.
 */

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl;
}

/** The end of a head that runs to the end of its line: past the newline, if there is one. */
function pastLineEnd(text: string, end: number): number {
  return end < text.length ? end + 1 : end;
}

/** Line ends carry no meaning; the few heads that stop before the line end leave one here. */
export const Newline = createToken({ name: 'Newline', pattern: /\n/, line_breaks: true, group: Lexer.SKIPPED, start_chars_hint: ['\n'] });
/**
 * Blanks: between output glued on one line (`syncing disks... done rebooting...`), and
 * the indentation, trailing blanks, line-end CRs and blank lines of a run of lines
 * lexed in place (chunks.ts).
 */
export const Blank = createToken({ name: 'Blank', pattern: /[ \t\r]+/, group: Lexer.SKIPPED, start_chars_hint: [' ', '\t', '\r'] });
/** `c` is one of the characters Blank skips (chunks.ts relies on the lexer skipping them). */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/**
 * Start-character hints for "anything but a newline". chevrotain cannot analyse
 * a complement set, and one unanalysable token disables its first-character
 * optimisation for the whole lexer; chars above 255 share buckets of 255
 * (chevrotain's lexer.js), so one representative per bucket covers them.
 */
const ANY_BUT_NEWLINE: number[] = [];
for (let c = 0; c < 256; c++) if (c !== 10) ANY_BUT_NEWLINE.push(c);
for (let j = 2; j * 255 < 65536; j++) ANY_BUT_NEWLINE.push(j * 255);

/**
 * What a custom matcher returns on a match. chevrotain reads `[0]` (and `payload`)
 * at once and keeps neither, so one array serves every match: no array per line.
 */
const HIT = [''] as unknown as RegExpExecArray;
function hit(image: string): RegExpExecArray {
  HIT[0] = image;
  return HIT;
}

const matchToLineEnd: CustomPatternMatcherFunc = (text, offset) => {
  const end = lineEnd(text, offset);
  return end > offset ? hit(text.slice(offset, pastLineEnd(text, end))) : null;
};


/**
 * Category of every line token: the grammar consumes the category instead of choosing
 * among fifty alternatives. Lines that belong together (a fingerprint banner, a panic and
 * its ddb session) are grouped by the assembler, which knows the boot they are in.
 */
export const SimpleLine = createToken({ name: 'SimpleLine', pattern: Lexer.NA });

/** A line token whose name is its kind: `LineKind` is the union of these names, so a kind misspelt is a type error. */
export type LineToken<N extends string = string> = TokenType & { readonly name: N };

function lineToken<N extends string>(name: N, config: Omit<Parameters<typeof createToken>[0], 'name' | 'categories'>): LineToken<N> {
  return createToken({ ...config, name, categories: [SimpleLine] }) as LineToken<N>;
}

/**
 * A head token: `pattern` classifies, the token then runs to the end of the line.
 * `startChars` are the characters a match can start with. chevrotain would work them
 * out by parsing every expression each time the CLI starts (about 7 ms); they are
 * read off the expression here when it opens with a literal, else given.
 * test/parser/tokens.test.ts checks them against chevrotain's own analysis.
 */
function head<N extends string>(name: N, pattern: RegExp, startChars: readonly string[] = literalStart(pattern)): LineToken<N> {
  const toLineEnd = new RegExp(`(?:${pattern.source})[^\\n]*\\n?`);
  return lineToken(name, { pattern: toLineEnd, line_breaks: true, start_chars_hint: [...startChars] });
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
function guardedHead<N extends string>(name: N, pattern: RegExp, likely: (text: string, offset: number) => boolean, startChars: readonly string[]): LineToken<N> {
  const toLineEnd = new RegExp(`(?:${pattern.source})[^\\n]*\\n?`, 'y');
  const exec: CustomPatternMatcherFunc = (text, offset) => {
    if (!likely(text, offset)) return null;
    toLineEnd.lastIndex = offset;
    return toLineEnd.test(text) ? hit(text.slice(offset, toLineEnd.lastIndex)) : null;
  };
  return lineToken(name, { pattern: { exec }, line_breaks: true, start_chars_hint: [...startChars] });
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Index just past `<tag>: ` at `offset` (LOGGER_TAG, `[\w.-]{1,32}`, which also covers
 * every DEVICE), or -1. The tag cannot stop early: `:` is not a tag character. A bounded
 * scan (at most 33 characters), so the guards that ask it need no memo.
 */
function afterTag(text: string, offset: number): number {
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
function wordRunEnd(text: string, offset: number): number {
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
function holdsAt(text: string, s: string, at: number): boolean {
  return at >= 0 && text.startsWith(s, at);
}

/** `[\w.-]`: where a logger tag can start. */
const TAG_START = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-'];
/** `[\w.]`: where a trace frame's function can start. */
const FRAME_START = TAG_START.filter((c) => c !== '-');
const LOWER = [...'abcdefghijklmnopqrstuvwxyz'];

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
/** `<driver><unit> at <parent>` where the head word has no unit: the `not configured` forms. */
const UNCONF_PARENT = / at [a-z][a-z0-9_]{0,24}?\d/;

/**
 * autoconf(9) `… not configured`: a line that names a parent device after ` at `
 * and ends in `not configured`. `init: can't open /dev/console: Device not
 * configured` has no ` at <dev>` and stays out. A head word with digits is a
 * chip name, not a unit (`lm96000 at iic0 addr 0x2e not configured`).
 */
const NOT_CONFIGURED = 'not configured';
const matchUnconfigured: CustomPatternMatcherFunc = (text, offset) => {
  const lineEndAt = lineEnd(text, offset);
  // A line lexed in place may still carry its trailing blanks or CR.
  let end = lineEndAt;
  while (end > offset && isBlank(text.charCodeAt(end - 1))) end--;
  // Most lines start with a letter and come here: decide on the tail before slicing.
  if (end - offset < NOT_CONFIGURED.length || !text.startsWith(NOT_CONFIGURED, end - NOT_CONFIGURED.length)) return null;
  const line = text.slice(offset, end);
  return UNCONF_PARENT.test(line) ? hit(text.slice(offset, pastLineEnd(text, lineEndAt))) : null;
};

// --- kernel banner and boot loader (boot(8)) ---
/** `OpenBSD 6.0 (GENERIC.MP) #2319: …`; old custom builds may print an empty name: `OpenBSD 4.9 () #0: …`. */
export const KernelBanner = head('KernelBanner', /OpenBSD \d+\.\d+[^ \n]{0,24} \([^)\n]{0,64}\) #/);
export const LoginBanner = head('LoginBanner', /OpenBSD\/[a-z0-9_]+ \(/);
export const LoaderBanner = head('LoaderBanner', /(?:\.\.)?>> OpenBSD/, ['.', '>']);
export const BootPrompt = head('BootPrompt', /boot>/);
export const Booting = head('Booting', /booting [^\s:]+:/);
export const EntryPoint = head('EntryPoint', /entry point at 0x/);
export const SymbolTable = head('SymbolTable', /\[ using \d+ bytes of/);
export const Copyright = head('Copyright', /Copyright \(c\) \d{4}/);
export const Regents = head('Regents', /The Regents of the University/);
export const Probing = head('Probing', /probing:/);
export const DiskList = head('DiskList', /disks?: /);
export const Memory = head('Memory', /(?:real|avail) mem\s*=|total memory\s*=/, ['r', 'a', 't']);

// --- root (and the interactive prompt, setroot(9)) ---
export const RootOn = head('RootOn', /root on /);
/** setroot(): `root device: `, `root device : le0` (m88k), `root device (default sd0a): `. */
/** Old kernels: `rootdev=0x420 rrootdev=0xd20 rawdev=0xd22` is all they say about the root. */
export const RootDev = head('RootDev', /rootdev=0x[0-9a-f]/);
export const RootPrompt = head('RootPrompt', /root device(?: \(default [^)\n]{1,40}\))? ?:/);

// --- init(8) without a console: not an attach line, must precede Unconfigured ---
export const ConsoleOpenFailed = head('ConsoleOpenFailed', /init: can't open \/dev\/console/);

// --- autoconf(9) attach lines ---
export const Unconfigured = lineToken('Unconfigured', { pattern: { exec: matchUnconfigured }, line_breaks: true, start_chars_hint: ['"', ...LETTERS] });
export const Detached = guardedHead('Detached', /[a-z][a-z0-9_]{0,24}?\d{1,4} detached/, (t, o) => holdsAt(t, ' detached', wordRunEnd(t, o)), LOWER);
export const AttachHead = head('AttachHead', /[a-z][a-z0-9_]{0,24}?\d{1,4} at [a-z]/, LOWER);
/** Pre-5.x `mainbus0 (root)`. */
export const RootAttach = guardedHead('RootAttach', /[a-z][a-z0-9_]{0,24}?\d{1,4} \(root\)/, (t, o) => holdsAt(t, ' (root)', wordRunEnd(t, o)), LOWER);

/*
 * Lines that begin like a continuation (`xnf0: `, `ec2: `) but are something else.
 * Continuation is tried before them (it is the commoner line) and refuses a line
 * whose text after `dev0: ` is one of these, so they keep their priority. Each
 * tail is written once, here, and builds both its own head and that refusal.
 */
const DEVICE = String.raw`[a-z][a-z0-9_]{0,24}?\d{1,4}`;
const LOGGER_TAG = String.raw`[\w.-]{1,32}`;
const BOUND_FROM_TAIL = 'bound to ';
const LEASE_ACCEPTED_TAIL = String.raw`\S{1,64} lease accepted from`;
const FP_BEGIN_TAIL = '-----BEGIN SSH HOST KEY FINGERPRINTS-----';
const FP_END_TAIL = '-----END SSH HOST KEY FINGERPRINTS-----';
const FP_RULE_TAIL = '#{10,}';
const FP_KEY_TAIL = String.raw`\d{3,5} (?:SHA256|MD5):\S`;

/** `cpu0: …`, `bios0: vendor Xen …`, `wd0(pciide0:0:0): using PIO mode`. */
export const Continuation = head(
  'Continuation',
  new RegExp(
    String.raw`${DEVICE}(?:\([^)\n]{0,40}\)|(?!: (?:${[BOUND_FROM_TAIL, LEASE_ACCEPTED_TAIL, FP_BEGIN_TAIL, FP_END_TAIL, FP_RULE_TAIL, FP_KEY_TAIL].join('|')}))): `,
  ),
  LOWER,
);

// --- dhclient(8) forms that look like continuation lines ---
export const DhcpBoundFrom = guardedHead('DhcpBoundFrom', new RegExp(`${DEVICE}: ${BOUND_FROM_TAIL}`), (t, o) => holdsAt(t, BOUND_FROM_TAIL, afterTag(t, o)), LOWER);
export const DhcpLeaseAccepted = guardedHead('DhcpLeaseAccepted', new RegExp(`${DEVICE}: ${LEASE_ACCEPTED_TAIL}`), (t, o) => afterTag(t, o) !== -1, LOWER);

// --- first-boot fingerprint banner (ec2-init via `logger -s -t ec2`); `ec2:` would otherwise be a continuation ---
const FP_MARKER = '-----';
/** `(?:<tag>: )?` before a banner line's own text: `test` holds at the offset or after the tag. */
const atOrAfterTag = (t: string, o: number, test: (t: string, at: number) => boolean): boolean => test(t, o) || test(t, afterTag(t, o));
const marker = (t: string, at: number): boolean => holdsAt(t, FP_MARKER, at);
export const FpBegin = guardedHead('FpBegin', new RegExp(`(?:${LOGGER_TAG}: )?${FP_BEGIN_TAIL}`), (t, o) => atOrAfterTag(t, o, marker), TAG_START);
export const FpEnd = guardedHead('FpEnd', new RegExp(`(?:${LOGGER_TAG}: )?${FP_END_TAIL}`), (t, o) => atOrAfterTag(t, o, marker), TAG_START);
export const FpRule = guardedHead('FpRule', new RegExp(`${LOGGER_TAG}: ${FP_RULE_TAIL}`), (t, o) => holdsAt(t, '##########', afterTag(t, o)), TAG_START);
export const FpKey = guardedHead('FpKey', new RegExp(`(?:${LOGGER_TAG}: )?${FP_KEY_TAIL}`), (t, o) => atOrAfterTag(t, o, (t2, at) => at >= 0 && isDigit(t2.charCodeAt(at))), TAG_START);
/** OpenBSD 7.7+ sshd(8) prints its own host key fingerprint. */
export const SshdFingerprint = head('SshdFingerprint', /sshd: \([A-Za-z0-9-]+\) SHA256:/);

// --- rc(8) ---
export const Autoboot = head('Autoboot', /Automatic boot in progress/);
/** fsck(8): `/dev/rwd0a: file system is clean; not checking`, `/dev/sd0a (duid.a): …`, `** /dev/rsd0a`. */
export const Fsck = head('Fsck', /(?:\*\* )?\/dev\/r?[a-z]+\d+[a-p]/, ['*', '/']);
export const StartingNetwork = head('StartingNetwork', /starting network(?=[ \t\r]*\n)/);
export const Daemons = head('Daemons', /starting [\w ]{0,40}daemons:/);
export const Firsttime = head('Firsttime', /running rc\.firsttime/);
export const SshKeygen = head('SshKeygen', /ssh-keygen: generating new host keys:/);
// dhclient(8) up to 6.2
export const DhcpDiscover = head('DhcpDiscover', /DHCPDISCOVER on /);
export const DhcpOffer = head('DhcpOffer', /DHCPOFFER from/);
export const DhcpRequest = head('DhcpRequest', /DHCPREQUEST on /);
export const DhcpAck = head('DhcpAck', /DHCPACK from/);
export const DhcpNoOffer = head('DhcpNoOffer', /No acceptable DHCPOFFERS received/);
export const DhcpBound = head('DhcpBound', /bound to /);

// --- panic(9), traps, ddb(4) ---
export const Panic = head('Panic', /panic: /);
/** A ddb trace frame: `panic() at panic+0x10b`; precedes Trap because `uvm_fault(…) at …` is a frame. */
export const TraceFrame = guardedHead('TraceFrame', /[\w.]{1,80}\([^\n]{0,400}?\) at [\w.]{1,80}\+0x/, (t, o) => t.charCodeAt(wordRunEnd(t, o)) === 40, FRAME_START);
/** amd64/i386 trap(), arm64 `Fatal kernel mode data abort`. */
export const Trap = head('Trap', /uvm_fault\(|kernel: [\w ]{1,40} trap|fatal [\w ]{1,40} (?:fault|trap)|Fatal kernel mode /, ['u', 'k', 'f', 'F']);
/** witness(4): `witness: lock order reversal:`, then the two locks and where each order was first seen. */
export const Witness = head('Witness', /witness: lock order reversal/);
/** A KASAN report: `KASAN: invalid write of 20 bytes at 0x… from pc 0x…`, `KASAN: pc: f+0x636`, … */
export const Kasan = head('Kasan', /KASAN: /);
/** assert(9) without its `panic: ` prefix (cut off by another CPU's output): `kernel diagnostic assertion "…" failed`. */
export const Assertion = head('Assertion', /kernel (?:diagnostic )?assertion "/);
export const StoppedAt = head('StoppedAt', /Stopped at\s/);
export const DdbPrompt = head('DdbPrompt', /ddb(?:\{\d+\})?>/);
/*
 * The shutdown messages end where their text ends, not at the line end: the next
 * boot's loader or kernel banner may follow on the same line when no newline was
 * printed (`syncing disks... OpenBSD 7.2 (RAMDISK_CD) #378: …`), and is lexed as
 * a line of its own.
 */
export const SyncingDisks = lineToken('SyncingDisks', { pattern: /syncing disks\.\.\.(?:[ \d]*(?:done|giving up))?/, start_chars_hint: ['s'] });
export const Rebooting = lineToken('Rebooting', { pattern: /rebooting\.\.\./, start_chars_hint: ['r'] });

/**
 * getty(8) `login:` is the one head that does not run to the line end: output
 * glued after the prompt (`login: syncing disks... done`, `login: uvm_fault(…)`)
 * is lexed as a line of its own.
 */
export const LoginPrompt = lineToken('LoginPrompt', { pattern: /login: ?/, start_chars_hint: ['l'] });

/** Catch-all: any line no head above claims. Keeps every real log grammatical. */
export const OtherLine = lineToken('OtherLine', { pattern: { exec: matchToLineEnd }, line_breaks: true, start_chars_hint: ANY_BUT_NEWLINE });

/** Heads that start a line; order is match priority. */
const heads = [
  // The commonest lines first; neither can match a line another head claims.
  Unconfigured,
  AttachHead,
  // `dev0: …` lines are next most common. Continuation refuses the lines of the
  // heads right after it (see above), so they still win over it.
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
  OtherLine,
] as const;

/** The name of a line token: what the assembler's builders are keyed by. */
export type LineKind = (typeof heads)[number]['name'];

/** What the lexer tries at a line start, in priority order (blanks and newlines skipped first). */
export const lineTokens: readonly TokenType[] = [Newline, Blank, ...heads];

/** Every token type, for the parser. */
export const allTokens: readonly TokenType[] = [...lineTokens, SimpleLine];

