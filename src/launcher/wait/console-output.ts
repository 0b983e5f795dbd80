import type { Analysis } from '../analyse.js';
import { classifyAwsError, toLaunchError } from '../aws-errors.js';
import type { ConsoleFacts, Ec2Api } from '../ec2.js';
import { stitchConsole } from '../console-stitch.js';
import { progressOf, type ProgressId } from '../progress-points.js';
import { ready, retry, waiting, type WaitContext, type WaitStatus, type WaitStrategy } from './strategy.js';

export interface ConsoleOutputOptions {
  readonly ec2: Ec2Api;
  readonly instanceId: string;
  /** Ask for Latest=true (Nitro); falls back to snapshots when refused. */
  readonly latest: boolean;
  /** Console text → model and in-progress report (no live facts). */
  readonly analyse: (text: string) => Analysis;
}

/**
 * GetConsoleOutput at every poll; the console is parsed only when it changed, and every
 * milestone is announced once. Ready once the console holds a boot to judge.
 */
export class ConsoleOutputWait implements WaitStrategy {
  readonly name = 'console';
  /** Console text so far (decoded): the answers joined where EC2's 64 KB window slid past the start. */
  text = '';
  /** The model and rules' view of `text`; null until something was posted. */
  analysis: Analysis | null = null;
  /** GetConsoleOutput calls made (answered or not): zero means the console was never asked for. */
  calls = 0;
  /** Bytes in the last non-empty answer; -1 while nothing was posted. */
  bytes = -1;
  /** The last retried failure (throttling, 5xx), for a timeout's reason. */
  lastError: string | null = null;
  #latest: boolean;
  readonly #seen = new Set<ProgressId>();

  constructor(private readonly o: ConsoleOutputOptions) {
    this.#latest = o.latest;
  }

  get posted(): boolean {
    return this.bytes >= 0;
  }

  async check(ctx: WaitContext): Promise<WaitStatus> {
    const { timeline } = ctx;
    let out: ConsoleFacts;
    this.calls++;
    try {
      out = await timeline.api('GetConsoleOutput', () => this.o.ec2.getConsoleOutput(this.o.instanceId, this.#latest, ctx.signal));
    } catch (err) {
      const kind = classifyAwsError(err);
      if (this.#latest && (kind === 'terminal' || kind === 'unknown')) {
        // Latest=true refused (Xen, or an API that does not know it): fall back to snapshots.
        this.#latest = false;
        timeline.add('console-fallback', `Latest=true refused: ${toLaunchError(err, 'GetConsoleOutput').code}`);
        return retry('console Latest=true refused; retrying without');
      }
      if (kind === 'not-found') return retry('console not available yet');
      if (kind === 'throttled' || kind === 'server') {
        this.lastError = toLaunchError(err, 'GetConsoleOutput').message;
        return retry(this.lastError);
      }
      throw toLaunchError(err, 'GetConsoleOutput');
    }
    if (out.bytes && out.bytes.length > 0) {
      if (this.bytes < 0) timeline.add('first-console-byte', `${out.bytes.length} bytes`);
      this.bytes = out.bytes.length;
      const decoded = new TextDecoder('utf-8', { fatal: false }).decode(out.bytes);
      // EC2 answers the last 64 KB only: what an earlier answer held is kept (console-stitch.ts).
      const text = stitchConsole(this.text, decoded);
      // Xen reposts the same snapshot for minutes: re-parse only what changed.
      if (text !== this.text) {
        this.text = text;
        this.analysis = this.o.analyse(text);
        for (const m of progressOf(this.analysis.model)) {
          if (this.#seen.has(m.id)) continue;
          this.#seen.add(m.id);
          timeline.add('milestone', `${m.id} (line ${m.line})`);
          ctx.progress('milestone', `${m.id.padEnd(7)} line ${String(m.line).padStart(4)}: ${m.text.trim()}`);
        }
      }
    }
    if (this.analysis) return ready;
    return waiting(this.posted ? 'console has no boot yet' : 'console output not posted yet');
  }

  /** The last few non-blank lines, for a timeout message. */
  tail(n = 5): string[] {
    return this.text.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '').slice(-n);
  }
}
