import type { Boot, Device, Kernel, LoaderLine, Panic } from '../model/boot-model.js';
import type { BootEvent, FingerprintBannerEvent } from '../model/events.js';
import type { Source } from '../model/source.js';
import { addDetail, AttachHead } from './kinds/attach.js';
import { bannerTag } from './kinds/fingerprint.js';
import { OtherLine, type Assembly, type BootBuilder, type Kind, type Mutable } from './kinds/index.js';
import type { ItemSink } from './to-model.js';

/*
 * Line items → boots. Each line arrives with its kind (kinds/), whose entry builds what the
 * line adds; this file holds what spans lines. A boot starts at a kernel banner and owns the
 * loader lines printed just before it; content before any banner (the 64 KB tail lost it)
 * makes a boot marked truncatedStart; loader lines after a boot that reach no banner make a
 * new boot that never reached the kernel. A fingerprint banner's lines make one event, and
 * a crash is grouped with its trace and ddb session.
 */

/** Attach lines wrap at 80 columns; a following unknown line that is the wrapped tail joins its device. */
const WRAP_WIDTH = 79;

const MAX_FRAMES = 10;

function nullKernel(): Mutable<Kernel> {
  return { version: null, suffix: null, name: null, build: null, date: null, builder: null, arch: null, line: null, text: null, path: null };
}

function newBoot(index: number, startLine: number, truncatedStart: boolean): BootBuilder {
  return {
    type: 'boot',
    index,
    startLine,
    endLine: startLine,
    truncatedStart,
    loader: [],
    kernel: nullKernel(),
    memory: { real: null, avail: null, lines: [] },
    devices: [],
    unconfigured: [],
    root: null,
    rootPrompts: [],
    events: [],
    panics: [],
    other: [],
  };
}

/** Devices searched by name before the index is asked (findDevice). */
const LOOK_BACK = 16;

export class BootAssembler implements ItemSink, Assembly {
  private readonly boots: BootBuilder[] = [];
  private readonly preamble: Source[] = [];
  private boot: BootBuilder | null = null;
  /** Loader lines not yet known to start a new boot. */
  private pendingLoader: LoaderLine[] = [];
  private openBanner: Mutable<FingerprintBannerEvent> | null = null;
  private openPanic: Mutable<Panic> | null = null;
  /**
   * Where the next trace frame of the open crash goes: an index into its frames (a frame equal
   * to the one there is ddb printing the same trace again, `show panic` then `trace`; at the end
   * it extends the trace), or -1 after a ddb prompt ended a trace: only a trace that starts
   * like the first one continues it (`machine ddbcpu 1` then `trace` is another CPU's).
   */
  private traceAt = 0;
  /** A `Stopped at` line came after the open crash's first line. */
  private stopped = false;
  /** The kind of the previous line; null at the start and after a line a kind claimed as its next (the kernel's build path). */
  private lastKind: Kind | null = null;
  lastDevice: Mutable<Device> | null = null;
  dhcpInterface: string | null = null;
  /** The latest line of this boot (0: none yet) and its text, for a ddb session that opens with no readable message. */
  private lastLine = 0;
  private lastText = '';
  /** The line before the one being built, as lastLine/lastText were when it arrived. */
  private beforeLine = 0;
  private beforeText = '';
  /** Devices of this boot by name, filled lazily (see findDevice): latest attach wins. */
  private readonly deviceIndex = new Map<string, Mutable<Device>>();
  /** boot.devices below this index are in deviceIndex. */
  private indexedUpTo = 0;

  push(kind: Kind, line: number, text: string): void {
    const loaderKind = kind.loader;
    if (loaderKind !== null) {
      this.closeBlocks(kind);
      this.pendingLoader.push({ type: 'loader', kind: loaderKind, line, text });
      this.lastKind = kind;
      return;
    }
    if (kind.startsBoot) {
      this.startBoot(line, false);
      kind.build(this, this.boot!, line, text);
      this.touch(line);
      this.lastKind = kind;
      return;
    }
    const last = this.lastKind;
    if (kind === OtherLine && last !== null && last.claimsNextOther !== null && this.boot && last.claimsNextOther(this.boot, line, text)) {
      this.touch(line);
      this.lastKind = null;
      return;
    }
    if (this.pendingLoader.length > 0) {
      // Loader lines followed by content, not by a banner: part of whatever surrounds them.
      if (this.boot) for (const l of this.pendingLoader) this.boot.other.push({ line: l.line, text: l.text });
      else for (const l of this.pendingLoader) this.preamble.push({ line: l.line, text: l.text });
      this.pendingLoader = [];
    }
    if (!this.boot) {
      if (kind === OtherLine) {
        this.preamble.push({ line, text });
        this.lastKind = kind;
        return;
      }
      this.startBoot(line, true);
    }
    this.dispatch(this.boot!, kind, line, text);
    this.lastKind = kind;
  }

  finish(): { preamble: Source[]; boots: Boot[] } {
    this.closeBlocks(null);
    if (this.pendingLoader.length > 0) {
      // A reboot that never printed a kernel banner (console cut, or the kernel hung early).
      this.startBoot(this.pendingLoader[0]!.line, false);
    }
    return { preamble: this.preamble, boots: this.boots };
  }

  private startBoot(line: number, truncated: boolean): void {
    this.closeBlocks(null);
    const start = this.pendingLoader.length > 0 ? this.pendingLoader[0]!.line : line;
    this.boot = newBoot(this.boots.length, start, truncated);
    this.boots.push(this.boot);
    this.deviceIndex.clear();
    this.indexedUpTo = 0;
    this.lastDevice = null;
    this.dhcpInterface = null;
    this.lastLine = 0;
    this.flushLoader();
  }

  private flushLoader(): void {
    if (!this.boot) return;
    for (const l of this.pendingLoader) {
      this.boot.loader.push(l);
      this.touch(l.line);
    }
    this.pendingLoader = [];
  }

  private touch(line: number): void {
    if (this.boot && line > this.boot.endLine) this.boot.endLine = line;
  }

  /** Ends a fingerprint banner or crash block when a line of a kind that does not continue it arrives (null: any). */
  private closeBlocks(kind: Kind | null): void {
    const continues = kind === null ? null : kind.continues;
    if (this.openBanner && continues !== 'banner') this.openBanner = null;
    if (this.openPanic && continues !== 'crash') this.openPanic = null;
  }

  /** A line of the current boot: its kind's entry builds what it adds. */
  dispatch(boot: BootBuilder, kind: Kind, line: number, text: string): void {
    this.closeBlocks(kind);
    this.touch(line);
    this.beforeLine = this.lastLine;
    this.beforeText = this.lastText;
    this.lastLine = line;
    this.lastText = text;
    kind.build(this, boot, line, text);
  }

  other(boot: BootBuilder, line: number, text: string): void {
    boot.other.push({ line, text });
  }

  otherLine(boot: BootBuilder, line: number, text: string): void {
    const open = this.openPanic;
    if (open !== null && open.kind === 'witness') this.witnessLock(open, text);
    const prev = this.lastDevice;
    if (prev && this.lastKind === AttachHead && prev.text.length >= WRAP_WIDTH && !/^\s/.test(text)) {
      addDetail(prev, { line, text });
      prev.description = prev.description === null ? text : `${prev.description} ${text}`;
      this.lastDevice = null;
      return;
    }
    boot.other.push({ line, text });
  }

  /**
   * The device a `dev0: …` or `dev0 detached` line names: the latest attached with
   * that name, unless that one was detached. Such lines nearly always follow their
   * device closely, so the last few devices are searched first; older ones go into
   * an index only when a line needs one (hashing every device name was the dearest
   * step of building the tree).
   */
  findDevice(boot: BootBuilder, name: string): Mutable<Device> | undefined {
    const devices = boot.devices;
    const recent = Math.max(0, devices.length - LOOK_BACK);
    for (let i = devices.length - 1; i >= recent; i--) {
      const d = devices[i]!;
      if (d.name === name) return d.detached === null ? d : undefined;
    }
    for (; this.indexedUpTo < recent; this.indexedUpTo++) {
      const d = devices[this.indexedUpTo]!;
      this.deviceIndex.set(d.name, d);
    }
    const d = this.deviceIndex.get(name);
    return d !== undefined && d.detached === null ? d : undefined;
  }

  banner(boot: BootBuilder, line: number, text: string, isRule: boolean): Mutable<FingerprintBannerEvent> {
    if (!this.openBanner || (this.openBanner.complete && !isRule)) {
      this.openBanner = {
        type: 'fingerprint-banner',
        line,
        text,
        tag: bannerTag(text),
        markers: false,
        complete: false,
        endLine: line,
        keys: [],
      };
      boot.events.push(this.openBanner);
    }
    this.openBanner.endLine = line;
    return this.openBanner;
  }

  stoppedAt(boot: BootBuilder, line: number, text: string, symbol: string): void {
    const p = this.openPanic ?? boot.panics[boot.panics.length - 1] ?? this.debuggerEntry(boot, line, text);
    if (p.stoppedAt === null) p.stoppedAt = symbol;
    if (p === this.openPanic) this.stopped = true;
  }

  traceFrame(boot: BootBuilder, line: number, text: string): void {
    const p = this.openPanic;
    if (p && this.extendsTrace(p, text)) p.frames.push({ line, text });
    else boot.other.push({ line, text });
  }

  ddbPrompt(boot: BootBuilder, line: number, text: string): void {
    const p = this.openPanic ?? boot.panics[boot.panics.length - 1] ?? this.debuggerEntry(boot, line, text);
    p.ddb = true;
    if (p.frames.length > 0) this.traceAt = -1;
  }

  /**
   * ddb(4) reached with no crash line read before it (a `panic:` line cut by another CPU's
   * output, or lost): the crash is known by where it stopped and the line before it.
   */
  private debuggerEntry(boot: BootBuilder, line: number, text: string): Mutable<Panic> {
    const known = this.beforeLine > 0;
    const p: Mutable<Panic> = {
      kind: 'debugger',
      message: known ? this.beforeText.trim() : '',
      line: known ? this.beforeLine : line,
      text: known ? this.beforeText : text,
      stoppedAt: null,
      frames: [],
      ddb: false,
    };
    boot.panics.push(p);
    this.openPanic = p;
    this.traceAt = 0;
    this.stopped = false;
    return p;
  }

  /**
   * Whether a frame line is a new frame of `p`'s trace (see traceAt), moving traceAt past it.
   * A frame ddb prints again is kept in `other`, as are frames past MAX_FRAMES.
   */
  private extendsTrace(p: Mutable<Panic>, text: string): boolean {
    const at = this.traceAt;
    if (at === -1) {
      if (p.frames.length > 0 && p.frames[0]!.text === text) this.traceAt = 1;
      return false;
    }
    if (at < p.frames.length) {
      this.traceAt = p.frames[at]!.text === text ? at + 1 : -1;
      return false;
    }
    if (at >= MAX_FRAMES) return false;
    this.traceAt = at + 1;
    return true;
  }

  /** witness(4) names the two locks on ` 1st 0x… vmmaplk (&map->lock) @ …` and ` 2nd …` lines. */
  private witnessLock(p: Mutable<Panic>, text: string): void {
    const m = /^(?:1st|2nd) 0x[0-9a-f]+ (\S+)/.exec(text);
    if (m) p.message = p.message.endsWith(':') ? `${p.message} ${m[1]}` : `${p.message}, ${m[1]}`;
  }

  crash(boot: BootBuilder, kind: Panic['kind'], line: number, text: string, message: string, events: readonly BootEvent[]): void {
    const open = this.openPanic;
    // Once ddb has been reached, a crash line is ddb restating it (`show panic`) or another CPU
    // joining in: one crash, one panic (its trace frames stay with it).
    if (open !== null && (this.stopped || open.frames.length > 0 || open.ddb)) {
      if (kind === 'kasan' && open.kind === 'kasan') this.kasanLine(open, text);
      boot.other.push({ line, text });
      return;
    }
    for (const e of events) boot.events.push(e);
    // A trap and the panic it caused (or two trap lines, or the lines of one KASAN report) are
    // one failure until ddb says where it stopped.
    if (open !== null) {
      if (open.kind === 'kasan' && kind === 'kasan') this.kasanLine(open, text);
      if (kind === 'panic' && open.kind !== 'kasan' && open.kind !== 'panic') {
        // The panic line says it best; the line it replaces keeps its place in `other` unless an event holds it.
        if (open.kind !== 'trap') boot.other.push({ line: open.line, text: open.text });
        open.kind = 'panic';
        open.message = message;
        open.line = line;
        open.text = text;
      } else if (events.length === 0) boot.other.push({ line, text });
      return;
    }
    const p: Mutable<Panic> = { kind, message, line, text, stoppedAt: null, frames: [], ddb: false };
    boot.panics.push(p);
    this.openPanic = p;
    this.traceAt = 0;
    this.stopped = false;
    if (kind === 'kasan') this.kasanLine(p, text);
  }

  /** `KASAN: pc: sysctl_sysvipc+0x636`: where the invalid access was made. */
  private kasanLine(p: Mutable<Panic>, text: string): void {
    const m = /^KASAN: pc: (\S+)/.exec(text);
    if (m && p.stoppedAt === null) p.stoppedAt = m[1]!;
  }
}
