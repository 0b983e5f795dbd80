import type { FormatContext, FormatSession, ReportError, ReportFormatter, ReportItem, RunInfo, RunSummary } from '../report/types.js';
import { FORMATTERS, formatNames, openFormat } from '../report/index.js';
import { ConfigError } from '../errors.js';
import { useColor } from './color.js';
import { openSink, type Sink } from './output.js';
import { reportTargets, type FormatId, type OutputFlags } from './output-options.js';

/** One report being written: stdout's (`--format`/`-o`) or a `--report FORMAT=FILE`. */
export interface OpenTarget {
  readonly format: FormatId;
  readonly formatter: ReportFormatter;
  readonly sink: Sink;
  readonly ctx: FormatContext;
}

/** What every report of the run shares beyond the output flags. */
export interface ReportFlags extends OutputFlags {
  failuresOnly?: boolean;
  markdownMaxBytes?: string;
}

/** `--markdown-max-bytes`: a whole number of bytes, 0 for no limit. */
export function parseMaxBytes(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_MARKDOWN_MAX_BYTES;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < 0) {
    throw new ConfigError(`--markdown-max-bytes: "${raw}" is not a whole number of bytes`);
  }
  return n;
}

/** Under the 1 MiB GitHub takes per step summary, with room for what the job appends itself. */
export const DEFAULT_MARKDOWN_MAX_BYTES = 1_000_000;

/**
 * Opens every report of the run before any work (a path that cannot be written fails first,
 * before a paid launch). Colour only for a human report on a terminal, by the usual rules.
 */
export async function openTargets(flags: ReportFlags, maxBytes: number): Promise<OpenTarget[]> {
  const specs = reportTargets(flags, formatNames());
  const out: OpenTarget[] = [];
  try {
    for (const t of specs) {
      const sink = await openSink(t.path, t === specs[0] ? '--output' : `--report ${t.format}`);
      const ctx: FormatContext = {
        color: t.format === 'human' && useColor(flags.color, sink.isStdout ? process.stdout : null),
        failuresOnly: flags.failuresOnly === true,
        maxBytes,
      };
      out.push({ format: t.format, formatter: FORMATTERS.get(t.format)!, sink, ctx });
    }
  } catch (err) {
    await Promise.allSettled(out.map((t) => t.sink.close()));
    throw err;
  }
  return out;
}

/** Streams one run into every open report. */
export class ReportWriter {
  private readonly sessions: { readonly target: OpenTarget; readonly session: FormatSession }[];

  constructor(targets: readonly OpenTarget[], run: RunInfo) {
    this.sessions = targets.map((target) => ({ target, session: openFormat(target.formatter, run, target.ctx) }));
  }

  private async each(render: (s: FormatSession) => string | Iterable<string>): Promise<void> {
    for (const { target, session } of this.sessions) {
      const out = render(session);
      // Pieces are made one at a time, each written before the next is asked for.
      if (typeof out === 'string') await target.sink.write(out);
      else for (const piece of out) await target.sink.write(piece);
    }
  }

  begin(): Promise<void> {
    return this.each((s) => s.begin());
  }

  item(item: ReportItem): Promise<void> {
    return this.each((s) => s.item(item));
  }

  error(error: ReportError): Promise<void> {
    return this.each((s) => s.error(error));
  }

  /** Ends every report and closes its file; the first write error is thrown after all are closed. */
  async end(summary: RunSummary): Promise<void> {
    await this.each((s) => s.end(summary));
    const closed = await Promise.allSettled(this.sessions.map(({ target }) => target.sink.close()));
    const failed = closed.find((c): c is PromiseRejectedResult => c.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
