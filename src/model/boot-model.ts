import type { Source } from './source.js';
import type { BootEvent } from './events.js';

/** How the console text reached us: raw, `aws ec2 get-console-output` text or JSON, or behind a bare timestamp line (src/input/normalize.ts). */
export type Framing = 'raw' | 'aws-text' | 'aws-json' | 'timestamp';

/** The whole parsed console buffer. Plain data: helpers live in ./queries.ts. */
export interface BootModel {
  readonly schemaVersion: 1;
  readonly framing: Framing;
  /** Instance id from the aws-text/aws-json framing, else null. */
  readonly instanceId: string | null;
  /** Capture timestamp from the framing (as printed), else null. */
  readonly capturedAt: string | null;
  /** Number of lines in the (decoded) input. */
  readonly lineCount: number;
  /** Lines before the first boot (firmware noise, wrappers, notes). */
  readonly preamble: readonly Source[];
  /** Boots in buffer order; the latest (the one judged) is last. */
  readonly boots: readonly Boot[];
}

export interface Boot {
  readonly type: 'boot';
  /** 0-based position in `boots`. */
  readonly index: number;
  readonly startLine: number;
  readonly endLine: number;
  /** True when the buffer starts after this boot's kernel banner (64 KB tail, wrapped msgbuf). */
  readonly truncatedStart: boolean;
  /** Boot-loader lines that belong to this boot (`>> OpenBSD/amd64 BOOT 3.31`, `boot>`, `booting …`, `entry point …`). */
  readonly loader: readonly LoaderLine[];
  readonly kernel: Kernel;
  readonly memory: Memory;
  /** Every configured attach line, in order of appearance. */
  readonly devices: readonly Device[];
  /** Every `… not configured` line. */
  readonly unconfigured: readonly Unconfigured[];
  /** `root on …`; null when absent. */
  readonly root: RootInfo | null;
  /** Interactive `root device:` prompts (root not found automatically). */
  readonly rootPrompts: readonly RootPrompt[];
  /** rc events and kernel failures, in line order. */
  readonly events: readonly BootEvent[];
  /** Panics and traps with their ddb context; see ./events.ts for the single lines. */
  readonly panics: readonly Panic[];
  /** Lines the grammar does not know, kept verbatim. */
  readonly other: readonly Source[];
}

export type LoaderKind =
  | 'loader-banner' // >> OpenBSD/amd64 BOOT 3.31
  | 'probing'
  | 'disk'
  | 'prompt' // boot>
  | 'booting' // booting hd0a:/bsd: …
  | 'entry-point'
  | 'symbol-table'
  | 'copyright';

export interface LoaderLine extends Source {
  readonly type: 'loader';
  readonly kind: LoaderKind;
}

export interface Kernel {
  /** "6.0"; null when the banner is missing. */
  readonly version: string | null;
  /** "-current", "-beta", "-stable"; null when the release has none. */
  readonly suffix: string | null;
  /** Kernel config name: "GENERIC.MP", "RAMDISK_CD", … */
  readonly name: string | null;
  /** Build number after `#`. */
  readonly build: number | null;
  /** Build date as printed. */
  readonly date: string | null;
  /** `user@host` from the compile path line. */
  readonly builder: string | null;
  /** Architecture from `/usr/src/sys/arch/<arch>/compile/…` (the only place it appears). */
  readonly arch: string | null;
  /** Line of the banner; null when truncated. */
  readonly line: number | null;
  readonly text: string | null;
  /** The indented `user@host:/usr/src/sys/arch/<arch>/compile/<NAME>` line, when printed. */
  readonly path: Source | null;
}

export interface Memory {
  /** Bytes from `real mem = N`. */
  readonly real: number | null;
  /** Bytes from `avail mem = N`. */
  readonly avail: number | null;
  /** The memory lines as printed. */
  readonly lines: readonly Source[];
}

/** One `key value` locator: `dev 3`, `function 0`, `port 0x3f8/8`, `irq 4`, `backend 0`, `chan 69`. */
export interface Locator {
  readonly key: string;
  readonly value: string;
}

export interface Device extends Source {
  readonly type: 'device';
  /** "xnf0" */
  readonly name: string;
  /** "xnf" */
  readonly driver: string;
  readonly unit: number;
  /** "xen0", or "root" for `mainbus0 at root` and `mainbus0 (root)`. */
  readonly parent: string;
  readonly locators: readonly Locator[];
  /** Text between the parent and the `:` (locators as printed), or null. */
  readonly locatorText: string | null;
  /** Quoted product name in the locators (`"Intel 82441FX"`), or null. */
  readonly product: string | null;
  /** Text after the first `:`, or null. */
  readonly description: string | null;
  /** `xnf0: …` continuation lines. */
  readonly details: readonly Source[];
  /** True when the attach came after the `root on` line. */
  readonly afterRoot: boolean;
  /** The `xnf0 detached` line, when there is one. */
  readonly detached: Source | null;
}

export interface Unconfigured extends Source {
  readonly type: 'unconfigured';
  /** "vbd", "VMware VMCI", "vmm", "unknown vendor 0x1d0f product 0xec20". */
  readonly name: string;
  readonly parent: string;
  readonly locatorText: string | null;
  /** PCI ids where printed ("0x1d0f"). */
  readonly vendorId: string | null;
  readonly productId: string | null;
  /** Vendor name where printed (`vendor "Amazon.com", unknown product 0x0200`). */
  readonly vendorName: string | null;
  /** Text in parentheses, e.g. `(class network subclass ethernet, rev 0x00)`, or after a colon. */
  readonly description: string | null;
}

export interface RootInfo extends Source {
  /** "wd0a", "sd0a", "rd0a", "host:/path" for NFS. */
  readonly device: string;
  readonly duid: string | null;
  readonly swap: string | null;
  readonly dump: string | null;
  readonly nfs: boolean;
}

export interface RootPrompt extends Source {
  /** What was typed at the prompt (echoed backspaces applied), or null when nothing was. */
  readonly answer: string | null;
}

/**
 * What stopped the kernel:
 * - `panic`: a `panic:` line (panic(9));
 * - `trap`: `uvm_fault(…) -> e` / `kernel: page fault trap` without a panic line;
 * - `assertion`: `kernel diagnostic assertion "…" failed` without its `panic: ` prefix;
 * - `kasan`: a `KASAN: …` report (the `panic: Caught invalid memory access` after it is the same crash);
 * - `witness`: `witness: lock order reversal:` (witness(4) then enters ddb; `show panic` says the kernel did not panic);
 * - `debugger`: `Stopped at` or a `ddb>` prompt with no readable message before it (the panic line
 *   was cut by another CPU's output, or lost): `message` is the last kernel line before ddb.
 */
export type PanicKind = 'panic' | 'trap' | 'assertion' | 'kasan' | 'witness' | 'debugger';

export interface Panic {
  readonly kind: PanicKind;
  /** The message (a `debugger` entry: the last line before ddb, or "" when there is none). */
  readonly message: string;
  readonly line: number;
  readonly text: string;
  /** `Stopped at` symbol, e.g. "db_enter+0x18"; for KASAN the `pc:` it names, when no `Stopped at` came first. */
  readonly stoppedAt: string | null;
  /** First trace frames (`panic() at panic+0x10b`), up to 10. */
  readonly frames: readonly Source[];
  /** Whether a ddb prompt followed. */
  readonly ddb: boolean;
}
