import type { CheckReport, Verdict } from '../verdict/types.js';
import type { BootModel } from '../model/boot-model.js';

export interface FormatContext {
  /** ANSI colour (human format only): on a TTY, unless NO_COLOR or --output. */
  readonly color: boolean;
}

/** Counts over one `bootgate check` call, for the closing summary. */
export interface RunSummary {
  readonly files: number;
  readonly verdicts: Readonly<Record<Verdict, number>>;
  /** Inputs that could not be read. */
  readonly errors: number;
}

/** What the report was made from, for formats that show more than findings (html: console, device tree). */
export interface ReportSource {
  readonly model: BootModel;
  /** The input as read; valid only during the `file` call. */
  readonly bytes: Uint8Array;
}

/**
 * A report format, streamed: `begin` once, `file` per input as it is checked,
 * `error` per unreadable input, `end` once. Each returns text to write (maybe "").
 * Streaming keeps thousands of files in one call at constant memory.
 */
export interface ReportFormatter {
  readonly id: string;
  readonly description: string;
  begin(ctx: FormatContext): string;
  file(report: CheckReport, ctx: FormatContext, source?: ReportSource): string;
  error(file: string, message: string, ctx: FormatContext): string;
  end(summary: RunSummary, ctx: FormatContext): string;
}
