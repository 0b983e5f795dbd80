import type { CheckReport, Verdict } from '../verdict/types.js';
import type { BootModel } from '../model/boot-model.js';
import type { NormalLine } from '../input/types.js';
import type { BootDiff } from '../diff/types.js';
import type { LaunchReport } from '../verdict/launch-report.js';
import type { BaselineSection, KnownIssuesSection } from '../gate/apply-gate.js';


/** A run of console lines read by index, with no object per line (src/input's LineBatch is one). */
export interface ConsoleRun {
  readonly length: number;
  readonly numbers: ArrayLike<number>;
  text(i: number): string;
}

export interface FormatContext {
  /** ANSI colour (human format only): decided by the CLI from --color, FORCE_COLOR, NO_COLOR and the terminal. */
  readonly color: boolean;
  /** Show only the inputs that did not pass (the closing summary still counts every one). JSON and JUnit keep every input. */
  readonly failuresOnly?: boolean;
  /**
   * Markdown: stop listing inputs once the report is this many bytes, and say how many were
   * left out (GitHub's step summary takes 1 MiB). 0 or absent: no limit.
   */
  readonly maxBytes?: number;
}

/** Counts over one run, for the closing summary. */
export interface RunSummary {
  /** Inputs judged. */
  readonly files: number;
  readonly verdicts: Readonly<Record<Verdict, number>>;
  /** Inputs that could not be judged (unreadable file, a launch that errored). */
  readonly errors: number;
}

/** What one report covers: `check` (files), `launch` (instance types), `report` (saved reports re-rendered). */
export interface RunInfo {
  readonly command: 'check' | 'launch' | 'report';
  /** How many inputs the run has (html writes one full page for a single input). */
  readonly inputs: number;
  /** What the closing count calls the inputs, when not the command's usual word (`4 runs in 2 regions`). */
  readonly counted?: string;
}

export type { BaselineSection, KnownIssuesSection };

/** One judged input as every format sees it. */
export interface ReportItem {
  /** How the text formats name it: the file (`(stdin)` for -), or `ami on type (instance)` for a launch. */
  readonly label: string;
  /** Verdict = the gate's (what the exit code says). For a launch, the whole LaunchReport. */
  readonly report: CheckReport;
  /** The rules' own verdict, before the baseline and known issues. */
  readonly rulesVerdict: Verdict;
  readonly baseline?: BaselineSection | null;
  readonly known?: KnownIssuesSection | null;
  /** The live run's part (instance, timeline, cost, cause); the same object as `report` for a launch. */
  readonly launch?: LaunchReport | null;
  /** What the gate did not do, and why (a launch that ended inconclusive is not diffed). */
  readonly notes?: readonly string[];
  /** The model (html: device tree), when the run has it. */
  readonly model?: BootModel | null;
  /** The whole console (html: every line); absent, html shows the evidence lines only. */
  readonly consoleLines?: readonly NormalLine[] | null;
  /** Or the whole console made a run of lines at a time, when asked (a large console is never held twice). */
  readonly consolePieces?: (() => Iterable<readonly NormalLine[] | ConsoleRun>) | null;
  /** Time spent judging this input, for JUnit's `time`. */
  readonly elapsedMs?: number;
}

/** An input that could not be judged. */
export interface ReportError {
  readonly label: string;
  readonly message: string;
  /** A launch cell that errored before anything could be judged: its instance type and the error's name/code. */
  readonly launch?: { readonly instanceType: string; readonly amiId?: string; readonly region?: string; readonly name: string; readonly code?: unknown } | null;
}

/**
 * One format's rendering of one run, streamed: `begin` once, `item` per judged input as it is
 * judged, `error` per input that could not be judged, `end` once. Each returns text to write
 * (maybe ""). Streaming keeps thousands of files in one call at constant memory. A session holds
 * whatever state its format needs (html's element-id prefix, markdown's byte count).
 */
export interface FormatSession {
  begin(): string;
  /** Text, or pieces of text made one at a time as they are written (html's console of a large log). */
  item(item: ReportItem): string | Iterable<string>;
  error(error: ReportError): string;
  end(summary: RunSummary): string;
}

/**
 * A report format: one file in src/report exporting one of these, and one entry in the registry
 * (src/report/index.ts). Everything the format prints (the gate's sections, a launch's timeline)
 * it renders itself: nothing else switches on `id`.
 */
export interface ReportFormatter {
  readonly id: string;
  readonly description: string;
  /** A machine contract (JSON, JUnit): every input is kept, whatever `failuresOnly` says. */
  readonly complete?: boolean;
  /** Shows a single input's whole console (html): the caller keeps every normalised line for it. */
  readonly wholeConsole?: boolean;
  open(run: RunInfo, ctx: FormatContext): FormatSession;
  /** `bootgate diff` in this format: the changes between two boots, regressions first. */
  diff(diff: BootDiff, ctx: FormatContext): string;
}
