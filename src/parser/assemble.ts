import type { Boot, Device, Kernel, LoaderKind, LoaderLine, Panic, RootInfo, RootPrompt, Unconfigured } from '../model/boot-model.js';
import type { BootEvent, FingerprintBannerEvent, FingerprintKey } from '../model/events.js';
import type { Source } from '../model/source.js';
import * as f from './fields.js';
import type { LineKind } from './tokens.js';
import type { ItemSink } from './to-model.js';

/*
 * Line items → boots. A boot starts at a kernel banner and owns the loader lines
 * printed just before it; content before any banner (the 64 KB tail lost it)
 * makes a boot marked truncatedStart; loader lines after a boot that reach no
 * banner make a new boot that never reached the kernel.
 */

/** A Map, not an object: every line asks, and nearly all miss. */
const LOADER_KINDS: ReadonlyMap<LineKind, LoaderKind> = new Map<LineKind, LoaderKind>([
  ['LoaderBanner', 'loader-banner'],
  ['Probing', 'probing'],
  ['DiskList', 'disk'],
  ['BootPrompt', 'prompt'],
  ['Booting', 'booting'],
  ['EntryPoint', 'entry-point'],
  ['SymbolTable', 'symbol-table'],
  ['Copyright', 'copyright'],
  ['Regents', 'copyright'],
]);

const FINGERPRINT_KINDS: ReadonlySet<LineKind> = new Set<LineKind>(['FpBegin', 'FpEnd', 'FpRule', 'FpKey']);
/** Lines that continue an open panic: where it stopped, the trace, ddb and what ddb printed. */
const PANIC_KINDS: ReadonlySet<LineKind> = new Set<LineKind>(['StoppedAt', 'TraceFrame', 'DdbPrompt', 'OtherLine', 'Trap', 'Panic', 'Witness', 'Kasan', 'Assertion']);

/** Line kinds that start (or restate) a crash, and the panic kind each starts. */
const CRASH_KINDS: ReadonlyMap<LineKind, Panic['kind']> = new Map<LineKind, Panic['kind']>([
  ['Panic', 'panic'],
  ['Trap', 'trap'],
  ['Assertion', 'assertion'],
  ['Kasan', 'kasan'],
  ['Witness', 'witness'],
]);

/** `/dev/sd0a: file system not clean; please fsck(8)`: printed by the kernel, not by fsck(8). */
const NOT_CLEAN_WARNING = /^\/dev\/\S+: file system not clean; please fsck/;

/**
 * Where a second attach line starts inside an attach line when two were printed into one
 * (`acpiec0 at acpi0acpitz0 at acpi0: …`, `uhub0 at usb0 … addr 1uhidev0 at uhub1 …`): a
 * `<driver><unit> at <parent><unit>` glued to what precedes it (no blank, no letter before
 * it). -1 when there is none; a parent with digits in its name (`cnmac0 at cn30xxgmx0`) has
 * no second ` at ` and is not cut.
 */
function gluedAttach(text: string): number {
  const first = text.indexOf(' at ');
  if (first === -1 || text.indexOf(' at ', first + 4) === -1) return -1;
  GLUED_ATTACH.lastIndex = first + 4;
  const m = GLUED_ATTACH.exec(text);
  return m ? m.index : -1;
}
const GLUED_ATTACH = /(?<=[^a-z\s])[a-z][a-z0-9_]{0,24}?\d{1,4} at [a-z][a-z0-9_]{0,24}?\d{1,4}(?=[\s:,]|$)/g;

/** Attach lines wrap at 80 columns; a following unknown line that is the wrapped tail joins its device. */
const WRAP_WIDTH = 79;

const MAX_FRAMES = 10;

type Mutable<T> = {
  -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K];
};

type BootBuilder = Omit<Mutable<Boot>, 'devices' | 'panics' | 'kernel' | 'memory'> & {
  memory: { real: number | null; avail: number | null; lines: Source[] };
  devices: Mutable<Device>[];
  panics: Mutable<Panic>[];
  kernel: Mutable<Kernel>;
};

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

/** Up to this many, a device's detail list is copied to exactly its length on each new line. */
const TIGHT_DETAILS = 8;

/**
 * Adds a `dev0: …` line to a device. The model holds thousands of devices with a
 * line or two each: a list grown by push would keep room for 17.
 */
function addDetail(dev: Mutable<Device>, detail: Source): void {
  const n = dev.details.length;
  if (n >= TIGHT_DETAILS) dev.details.push(detail);
  else if (n === 0) dev.details = [detail];
  else {
    const grown = new Array<Source>(n + 1);
    for (let i = 0; i < n; i++) grown[i] = dev.details[i]!;
    grown[n] = detail;
    dev.details = grown;
  }
}

export class BootAssembler implements ItemSink {
  private readonly boots: BootBuilder[] = [];
  private readonly preamble: Source[] = [];
  private boot: BootBuilder | null = null;
  /** Loader lines not yet known to start a new boot. */
  private pendingLoader: LoaderLine[] = [];
  private banner: Mutable<FingerprintBannerEvent> | null = null;
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
  /** The kind of the previous line; `BuilderPath` for the kernel's build path line after its banner. */
  private lastKind: LineKind | 'BuilderPath' | '' = '';
  private lastDevice: Mutable<Device> | null = null;
  private lastDhcpIface: string | null = null;
  /** The latest line of this boot (0: none yet) and its text, for a ddb session that opens with no readable message. */
  private lastLine = 0;
  private lastText = '';
  /** Devices of this boot by name, filled lazily (see findDevice): latest attach wins. */
  private readonly deviceIndex = new Map<string, Mutable<Device>>();
  /** boot.devices below this index are in deviceIndex. */
  private indexedUpTo = 0;

  push(kind: LineKind, line: number, text: string): void {
    const loaderKind = LOADER_KINDS.get(kind);
    if (loaderKind) {
      this.closeBlocks(kind);
      this.pendingLoader.push({ type: 'loader', kind: loaderKind, line, text });
      this.lastKind = kind;
      return;
    }
    if (kind === 'KernelBanner') {
      this.startBoot(line, false);
      this.bootBanner(line, text);
      this.lastKind = kind;
      return;
    }
    if (kind === 'OtherLine' && this.lastKind === 'KernelBanner' && this.boot && this.boot.kernel.builder === null) {
      const b = f.builderPath(text);
      if (b) {
        this.boot.kernel.builder = b.builder;
        this.boot.kernel.arch = b.arch;
        this.boot.kernel.path = { line, text };
        this.touch(line);
        this.lastKind = 'BuilderPath';
        return;
      }
    }
    if (this.pendingLoader.length > 0) {
      // Loader lines followed by content, not by a banner: part of whatever surrounds them.
      if (this.boot) for (const l of this.pendingLoader) this.boot.other.push({ line: l.line, text: l.text });
      else for (const l of this.pendingLoader) this.preamble.push({ line: l.line, text: l.text });
      this.pendingLoader = [];
    }
    if (!this.boot) {
      if (kind === 'OtherLine') {
        this.preamble.push({ line, text });
        this.lastKind = kind;
        return;
      }
      this.startBoot(line, true);
    }
    this.content(this.boot!, kind, line, text);
    this.lastKind = kind;
  }

  finish(): { preamble: Source[]; boots: Boot[] } {
    this.closeBlocks('');
    if (this.pendingLoader.length > 0) {
      // A reboot that never printed a kernel banner (console cut, or the kernel hung early).
      this.startBoot(this.pendingLoader[0]!.line, false);
    }
    return { preamble: this.preamble, boots: this.boots };
  }

  private startBoot(line: number, truncated: boolean): void {
    this.closeBlocks('');
    const start = this.pendingLoader.length > 0 ? this.pendingLoader[0]!.line : line;
    this.boot = newBoot(this.boots.length, start, truncated);
    this.boots.push(this.boot);
    this.deviceIndex.clear();
    this.indexedUpTo = 0;
    this.lastDevice = null;
    this.lastDhcpIface = null;
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

  private bootBanner(line: number, text: string): void {
    const boot = this.boot!;
    const k = f.kernelBanner(text);
    boot.kernel.line = line;
    boot.kernel.text = text;
    if (k) Object.assign(boot.kernel, k);
    this.touch(line);
  }

  /** Ends a fingerprint banner or panic block when a line of another kind arrives. */
  private closeBlocks(kind: LineKind | ''): void {
    if (this.banner && (kind === '' || !FINGERPRINT_KINDS.has(kind))) this.banner = null;
    if (this.openPanic && (kind === '' || !PANIC_KINDS.has(kind))) this.openPanic = null;
  }

  private event(boot: BootBuilder, e: BootEvent): void {
    boot.events.push(e);
  }

  private content(boot: BootBuilder, kind: LineKind, line: number, text: string): void {
    this.closeBlocks(kind);
    this.touch(line);
    const before = this.lastLine;
    const beforeText = this.lastText;
    this.lastLine = line;
    this.lastText = text;
    // The three commonest kinds come first: a switch on strings compares in order.
    if (kind === 'OtherLine') return this.otherLine(boot, line, text);
    switch (kind) {
      case 'AttachHead':
      case 'RootAttach': {
        const glued = kind === 'AttachHead' ? gluedAttach(text) : -1;
        if (glued !== -1) {
          // Two attach lines printed into one: each device keeps its own line's text.
          this.content(boot, kind, line, text.slice(0, glued));
          this.content(boot, kind, line, text.slice(glued));
          return;
        }
        const afterRoot = boot.root !== null;
        const dev = (kind === 'AttachHead' ? f.attachDevice(text, line, afterRoot) : f.rootAttachDevice(text, line, afterRoot)) as Mutable<Device> | null;
        if (!dev) {
          boot.other.push({ line, text });
          return;
        }
        boot.devices.push(dev);
        this.lastDevice = dev;
        return;
      }
      case 'Continuation': {
        const name = f.continuationDevice(text);
        const dev = name ? this.findDevice(boot, name) : undefined;
        if (dev) addDetail(dev, { line, text });
        else boot.other.push({ line, text });
        return;
      }
      case 'Unconfigured': {
        const u = f.unconfigured(text);
        if (u)
          boot.unconfigured.push({
            type: 'unconfigured',
            line,
            text,
            name: u.name,
            parent: u.parent,
            locatorText: u.locatorText,
            vendorId: u.vendorId,
            productId: u.productId,
            vendorName: u.vendorName,
            description: u.description,
          } satisfies Unconfigured);
        else boot.other.push({ line, text });
        this.lastDevice = null;
        return;
      }
      case 'Detached': {
        const name = f.detachedDevice(text);
        const dev = name ? this.findDevice(boot, name) : undefined;
        if (dev) dev.detached = { line, text };
        else boot.other.push({ line, text });
        return;
      }
      case 'RootOn': {
        const r = f.rootOn(text);
        if (r && boot.root === null) boot.root = { line, text, ...r, nfs: r.device.includes(':') } satisfies RootInfo;
        else boot.other.push({ line, text });
        return;
      }
      case 'RootDev':
        return this.event(boot, { type: 'root-dev', line, text, dev: /^rootdev=(0x[0-9a-f]+)/.exec(text)?.[1] ?? text });
      case 'RootPrompt':
        boot.rootPrompts.push({ line, text, answer: f.rootPromptAnswer(text) } satisfies RootPrompt);
        return;
      case 'Memory': {
        const m = f.memory(text);
        if (m) {
          boot.memory[m.which] = m.bytes;
          boot.memory.lines.push({ line, text });
        } else boot.other.push({ line, text });
        return;
      }
      case 'ConsoleOpenFailed':
        return this.event(boot, { type: 'console-open-failed', line, text });
      case 'Autoboot':
        return this.event(boot, { type: 'autoboot', line, text });
      case 'Fsck': {
        // The kernel's own warning when it mounts a dirty root read-only; no fsck(8) ran.
        if (NOT_CLEAN_WARNING.test(text)) return void boot.other.push({ line, text });
        const r = f.fsck(text);
        return this.event(boot, { type: 'fsck', line, text, device: r.device, result: r.result });
      }
      case 'StartingNetwork':
        return this.event(boot, { type: 'network-start', line, text });
      case 'Daemons':
        return this.event(boot, { type: 'daemons', line, text, phase: f.daemonPhase(text), names: f.listAfterColon(text) });
      case 'Firsttime':
        return this.event(boot, { type: 'rc-firsttime', line, text });
      case 'SshKeygen':
        return this.event(boot, { type: 'ssh-keygen', line, text, keyTypes: f.listAfterColon(text) });
      case 'DhcpDiscover':
        this.lastDhcpIface = f.wordAfter(text, 'DHCPDISCOVER on ');
        return this.event(boot, { type: 'dhcp-discover', line, text, interface: this.lastDhcpIface ?? '' });
      case 'DhcpRequest':
        this.lastDhcpIface = f.wordAfter(text, 'DHCPREQUEST on ');
        return this.event(boot, { type: 'dhcp-request', line, text, interface: this.lastDhcpIface ?? '' });
      case 'DhcpOffer':
        return this.event(boot, { type: 'dhcp-offer', line, text, server: f.addressOrNull(f.wordAfter(text, 'DHCPOFFER from ')) });
      case 'DhcpAck':
        return this.event(boot, { type: 'dhcp-ack', line, text, server: f.addressOrNull(f.wordAfter(text, 'DHCPACK from ')) });
      case 'DhcpNoOffer':
        return this.event(boot, { type: 'dhcp-no-offer', line, text, interface: this.lastDhcpIface });
      case 'DhcpBound':
        return this.event(boot, {
          type: 'dhcp-lease',
          line,
          text,
          interface: this.lastDhcpIface,
          address: f.dhcpBound(text),
          server: null,
          style: 'bound-renewal',
        });
      case 'DhcpBoundFrom':
      case 'DhcpLeaseAccepted': {
        const d = kind === 'DhcpBoundFrom' ? f.dhcpBoundFrom(text) : f.dhcpLeaseAccepted(text);
        if (!d) return void boot.other.push({ line, text });
        return this.event(boot, {
          type: 'dhcp-lease',
          line,
          text,
          interface: d.iface,
          address: d.address,
          server: d.server,
          style: kind === 'DhcpBoundFrom' ? 'bound-from' : 'lease-accepted',
        });
      }
      case 'FpBegin':
      case 'FpEnd':
      case 'FpRule':
      case 'FpKey':
        return this.fingerprintLine(boot, kind, line, text);
      case 'SshdFingerprint': {
        const s = f.sshdFingerprint(text);
        if (s) this.event(boot, { type: 'sshd-fingerprint', line, text, ...s });
        else boot.other.push({ line, text });
        return;
      }
      case 'LoginBanner': {
        const l = f.loginBanner(text);
        if (l) this.event(boot, { type: 'login-banner', line, text, ...l });
        else boot.other.push({ line, text });
        return;
      }
      case 'LoginPrompt':
        return this.event(boot, { type: 'login-prompt', line, text });
      case 'Panic':
      case 'Trap':
      case 'Assertion':
      case 'Kasan':
      case 'Witness':
        return this.panicLine(boot, kind, line, text);
      case 'StoppedAt': {
        const symbol = f.stoppedAt(text);
        this.event(boot, { type: 'stopped-at', line, text, symbol });
        const p = this.openPanic ?? boot.panics[boot.panics.length - 1] ?? this.debuggerEntry(boot, before, beforeText, line, text);
        if (p.stoppedAt === null) p.stoppedAt = symbol;
        if (p === this.openPanic) this.stopped = true;
        return;
      }
      case 'TraceFrame': {
        const p = this.openPanic;
        if (p && this.extendsTrace(p, text)) p.frames.push({ line, text });
        else boot.other.push({ line, text });
        return;
      }
      case 'DdbPrompt': {
        this.event(boot, { type: 'ddb-prompt', line, text, cpu: f.ddbCpu(text) });
        const p = this.openPanic ?? boot.panics[boot.panics.length - 1] ?? this.debuggerEntry(boot, before, beforeText, line, text);
        p.ddb = true;
        if (p.frames.length > 0) this.traceAt = -1;
        return;
      }
      case 'SyncingDisks':
        return this.event(boot, { type: 'syncing-disks', line, text, done: /\bdone\b/.test(text) });
      case 'Rebooting':
        return this.event(boot, { type: 'rebooting', line, text });
      default:
        this.otherLine(boot, line, text);
    }
  }

  /** A line no head claimed: the wrapped tail of an 80-column attach line, or kept as is. */
  private otherLine(boot: BootBuilder, line: number, text: string): void {
    const open = this.openPanic;
    if (open !== null && open.kind === 'witness') this.witnessLock(open, text);
    const prev = this.lastDevice;
    if (prev && this.lastKind === 'AttachHead' && prev.text.length >= WRAP_WIDTH && !/^\s/.test(text)) {
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
  private findDevice(boot: BootBuilder, name: string): Mutable<Device> | undefined {
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

  private fingerprintLine(boot: BootBuilder, kind: LineKind, line: number, text: string): void {
    if (!this.banner || (this.banner.complete && kind !== 'FpRule')) {
      this.banner = {
        type: 'fingerprint-banner',
        line,
        text,
        tag: f.bannerTag(text),
        markers: false,
        complete: false,
        endLine: line,
        keys: [],
      };
      boot.events.push(this.banner);
    }
    const b = this.banner;
    b.endLine = line;
    if (kind === 'FpBegin') b.markers = true;
    else if (kind === 'FpEnd') b.complete = true;
    else if (kind === 'FpRule') {
      if (!b.markers && b.keys.length > 0) b.complete = true;
    } else {
      const k = f.fingerprintKey(text);
      if (k) {
        b.tag ??= k.tag;
        (b.keys as FingerprintKey[]).push({ line, text, bits: k.bits, fingerprint: k.fingerprint, comment: k.comment, keyType: k.keyType });
      }
    }
  }

  /**
   * ddb(4) reached with no crash line read before it (a `panic:` line cut by another CPU's
   * output, or lost): the crash is known by where it stopped and the line before it.
   */
  private debuggerEntry(boot: BootBuilder, beforeLine: number, beforeText: string, line: number, text: string): Mutable<Panic> {
    const known = beforeLine > 0;
    const p: Mutable<Panic> = {
      kind: 'debugger',
      message: known ? beforeText.trim() : '',
      line: known ? beforeLine : line,
      text: known ? beforeText : text,
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

  private panicLine(boot: BootBuilder, kind: LineKind, line: number, text: string): void {
    const panicKind = CRASH_KINDS.get(kind)!;
    const open = this.openPanic;
    // Once ddb has been reached, a crash line is ddb restating it (`show panic`) or another CPU
    // joining in: one crash, one panic (its trace frames stay with it).
    if (open !== null && (this.stopped || open.frames.length > 0 || open.ddb)) {
      if (panicKind === 'kasan' && open.kind === 'kasan') this.kasanLine(open, text);
      boot.other.push({ line, text });
      return;
    }
    const message = kind === 'Panic' ? text.replace(/^panic:\s*/, '') : kind === 'Witness' ? text.replace(/^witness:\s*/, '').trim() : text;
    if (kind === 'Panic') {
      this.event(boot, { type: 'panic', line, text, message });
      if (/^init died\b/.test(message)) this.event(boot, { type: 'init-died', line, text });
    } else if (kind === 'Trap') {
      this.event(boot, { type: 'trap', line, text, message });
    }
    // A trap and the panic it caused (or two trap lines, or the lines of one KASAN report) are
    // one failure until ddb says where it stopped.
    if (open !== null) {
      if (open.kind === 'kasan' && panicKind === 'kasan') this.kasanLine(open, text);
      if (kind === 'Panic' && open.kind !== 'kasan' && open.kind !== 'panic') {
        // The panic line says it best; the line it replaces keeps its place in `other` unless an event holds it.
        if (open.kind !== 'trap') boot.other.push({ line: open.line, text: open.text });
        open.kind = 'panic';
        open.message = message;
        open.line = line;
        open.text = text;
      } else if (kind !== 'Panic' && kind !== 'Trap') boot.other.push({ line, text });
      return;
    }
    const p: Mutable<Panic> = { kind: panicKind, message, line, text, stoppedAt: null, frames: [], ddb: false };
    boot.panics.push(p);
    this.openPanic = p;
    this.traceAt = 0;
    this.stopped = false;
    if (panicKind === 'kasan') this.kasanLine(p, text);
  }

  /** `KASAN: pc: sysctl_sysvipc+0x636`: where the invalid access was made. */
  private kasanLine(p: Mutable<Panic>, text: string): void {
    const m = /^KASAN: pc: (\S+)/.exec(text);
    if (m && p.stoppedAt === null) p.stoppedAt = m[1]!;
  }
}
