import type { Boot, Device, Kernel, LoaderKind, Panic } from '../../model/boot-model.js';
import type { BootEvent, FingerprintBannerEvent } from '../../model/events.js';
import type { Source } from '../../model/source.js';
import type { Head } from './head.js';

/*
 * One console-line kind, described once: how the lexer recognises it (its head), what its
 * text holds (field extraction, in the same file) and what it adds to the boot being built
 * (`build`). The assembler (assemble.ts) owns what spans lines — cutting boots at kernel
 * banners, holding loader lines until a banner claims them, grouping a fingerprint banner
 * or a crash and its ddb session — and offers the builders the narrow `Assembly` below.
 */

export type Mutable<T> = {
  -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K];
};

/** The boot the assembler is filling in. */
export type BootBuilder = Omit<Mutable<Boot>, 'devices' | 'panics' | 'kernel' | 'memory'> & {
  memory: { real: number | null; avail: number | null; lines: Source[] };
  devices: Mutable<Device>[];
  panics: Mutable<Panic>[];
  kernel: Mutable<Kernel>;
};

/** What a kind's `build` may ask of the assembler (the state that spans lines). */
export interface Assembly {
  /** Keeps a line the model has no node for (`boot.other`). */
  other(boot: BootBuilder, line: number, text: string): void;
  /** A line no head claimed: the wrapped tail of an 80-column attach line, a witness lock, or kept as is. */
  otherLine(boot: BootBuilder, line: number, text: string): void;
  /** Handles `text` as a line of `kind` (two lines printed into one, cut apart). */
  dispatch(boot: BootBuilder, kind: Kind, line: number, text: string): void;
  /** The device attached last, when nothing but its `dev0: …` lines has come since (null: none). */
  lastDevice: Mutable<Device> | null;
  /** The device a `dev0: …` or `dev0 detached` line names: the latest attached with that name, unless it was detached. */
  findDevice(boot: BootBuilder, name: string): Mutable<Device> | undefined;
  /** The interface dhclient(8) named last (`DHCPDISCOVER on xnf0`), for lines that do not name it. */
  dhcpInterface: string | null;
  /** The open fingerprint banner, or a new one this line starts (a rule line continues a complete banner). */
  banner(boot: BootBuilder, line: number, text: string, isRule: boolean): Mutable<FingerprintBannerEvent>;
  /** A line that starts or restates a crash; `events` are recorded unless ddb already restates one seen. */
  crash(boot: BootBuilder, kind: Panic['kind'], line: number, text: string, message: string, events: readonly BootEvent[]): void;
  /** ddb(4) says where the crash stopped (`Stopped at`). */
  stoppedAt(boot: BootBuilder, line: number, text: string, symbol: string): void;
  /** A ddb trace frame: the open crash's next frame, or a frame ddb prints again. */
  traceFrame(boot: BootBuilder, line: number, text: string): void;
  /** A ddb(4) prompt: the crash reached the debugger. */
  ddbPrompt(boot: BootBuilder, line: number, text: string): void;
}

/** Which open block a line of this kind continues; a line of any other kind closes it. */
export type Continues = 'banner' | 'crash' | null;

export interface Kind<N extends string = string> {
  /** The kind's name: the name of its token, and of the constant that holds this entry. */
  readonly name: N;
  readonly head: Head;
  /** boot(8) output before a kernel: held until it is known which boot it starts. */
  readonly loader: LoaderKind | null;
  /** A kernel banner: the line that starts a boot. */
  readonly startsBoot: boolean;
  readonly continues: Continues;
  /** Adds the line to the boot being built. */
  readonly build: (a: Assembly, boot: BootBuilder, line: number, text: string) => void;
  /** Claims the unclassified line right after this one (the kernel's build path after its banner). */
  readonly claimsNextOther: ((boot: BootBuilder, line: number, text: string) => boolean) | null;
}

interface KindSpec {
  readonly head: Head;
  readonly loader?: LoaderKind;
  readonly startsBoot?: boolean;
  readonly continues?: Continues;
  readonly build?: Kind['build'];
  readonly claimsNextOther?: NonNullable<Kind['claimsNextOther']>;
}

/** A line with no model node of its own. */
const keep: Kind['build'] = (a, boot, line, text) => a.other(boot, line, text);

/** One kind's entry; every entry has the same shape (the assembler reads them on every line). */
export function kind<N extends string>(name: N, spec: KindSpec): Kind<N> {
  return {
    name,
    head: spec.head,
    loader: spec.loader ?? null,
    startsBoot: spec.startsBoot ?? false,
    continues: spec.continues ?? null,
    build: spec.build ?? keep,
    claimsNextOther: spec.claimsNextOther ?? null,
  };
}

/** A line kind that only records an event built from its line. */
export function eventKind<N extends string>(name: N, head: Head, event: (line: number, text: string) => BootEvent): Kind<N> {
  return kind(name, { head, build: (_a, boot, line, text) => void boot.events.push(event(line, text)) });
}
