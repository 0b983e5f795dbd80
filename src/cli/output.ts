import { once } from 'node:events';
import { createRequire } from 'node:module';
import { BootgateError, ConfigError } from '../errors.js';

// require(), not import: importing node:fs makes Node read all its exports, loading fs/promises
// and ~25 more internal modules on a cold start (src/input/read-input.ts says more).
const { createWriteStream } = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');

/** A write that failed (disk full, I/O error): one line, exit 2. */
export class OutputError extends BootgateError {
  override readonly name: string = 'OutputError';
}

/**
 * Where one report goes: stdout or a file. Writes honour backpressure, so a slow pipe does not
 * buffer a whole run. A reader that goes away (`| head -1`, EPIPE) silently ends the output and
 * the run goes on to its exit code, as other tools do; any other write error (ENOSPC on
 * /dev/full, EIO) is an OutputError from the next write or from close().
 */
export interface Sink {
  /** `stdout` or the file's path, as the user wrote it. */
  readonly name: string;
  readonly isStdout: boolean;
  /** True on a terminal (only stdout can be). */
  readonly isTTY: boolean;
  write(text: string): Promise<void>;
  /** Flushes (and closes a file); throws the write error, if one happened. */
  close(): Promise<void>;
}

function reason(err: NodeJS.ErrnoException): string {
  return err.code ?? err.message;
}

class StreamSink implements Sink {
  private failure: NodeJS.ErrnoException | null = null;
  private gone = false;
  /** Settles when the stream errors or closes, so a wait for 'drain' cannot hang. */
  private readonly ended: Promise<void>;

  constructor(
    readonly name: string,
    private readonly stream: NodeJS.WritableStream & { writableNeedDrain?: boolean },
    readonly isStdout: boolean,
    readonly isTTY: boolean,
  ) {
    this.ended = new Promise<void>((resolve) => {
      stream.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'EPIPE' && isStdout) this.gone = true;
        else this.failure ??= err;
        resolve();
      });
      stream.once('close', () => resolve());
    });
  }

  private check(): void {
    if (this.failure) throw new OutputError(`cannot write ${this.isStdout ? 'stdout' : this.name}: ${reason(this.failure)}`);
  }

  async write(text: string): Promise<void> {
    this.check();
    if (this.gone || text === '') return;
    if (!this.stream.write(text)) await Promise.race([once(this.stream, 'drain'), this.ended]).catch(() => undefined);
    this.check();
  }

  async close(): Promise<void> {
    if (this.isStdout) {
      // The callback of an empty write runs once everything before it is flushed (or failed).
      if (!this.gone && !this.failure) {
        await new Promise<void>((resolve) => {
          this.stream.write('', () => resolve());
          void this.ended.then(resolve);
        });
        // A synchronous file or pipe reports its error on the next tick.
        await new Promise((r) => setImmediate(r));
      }
    } else {
      this.stream.end();
      await this.ended;
    }
    this.check();
  }
}

/** stdout (`undefined` or `-`) or a file created (truncated) now, so a bad path fails before any work. */
export async function openSink(path: string | undefined, flag = '--output'): Promise<Sink> {
  if (path === undefined || path === '-') return new StreamSink('-', process.stdout, true, process.stdout.isTTY === true);
  if (path === '') throw new ConfigError(`${flag}: empty file name`);
  const stream = createWriteStream(path);
  try {
    await once(stream, 'open');
  } catch (err) {
    throw new ConfigError(`${flag}: cannot write ${path}: ${reason(err as NodeJS.ErrnoException)}`);
  }
  return new StreamSink(path, stream, false, false);
}

/** Writes one whole text to stdout or a file and closes it: for commands whose output is one piece. */
export async function writeAll(path: string | undefined, text: string): Promise<void> {
  const sink = await openSink(path);
  await sink.write(text);
  await sink.close();
}
