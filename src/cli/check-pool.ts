import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PlatformId } from '../platform/types.js';
import type { CheckReport } from '../verdict/types.js';

/** What every check thread is started with: the run's --platform and parsed --expect. */
export interface CheckWorkerData {
  readonly platform?: PlatformId | undefined;
  readonly policy?: unknown;
}

/** A few consecutive files for one thread; `index` numbers the job. */
export interface CheckJob {
  readonly index: number;
  readonly files: readonly string[];
}

export type CheckOutcome =
  | { readonly kind: 'report'; readonly report: CheckReport; readonly elapsedMs: number }
  | { readonly kind: 'unreadable'; readonly message: string }
  | { readonly kind: 'saved-report' }
  | { readonly kind: 'crash'; readonly name: string; readonly message: string; readonly stack: string };

/** A job's outcomes, one per file, in its order. */
export interface CheckJobResult {
  readonly index: number;
  readonly outcomes: readonly CheckOutcome[];
}

export type JudgedFile = { readonly file: string } & Exclude<CheckOutcome, { kind: 'crash' }>;

/** Below this many files a thread's start (loading the parser and rules again) costs more than it saves. */
export const MIN_FILES_PER_THREAD = 12;

/** Files per message: one message per file cost more than the rest of the exchange. */
const JOB_FILES = 8;

/**
 * Jobs queued on a thread: enough that it never waits for the main thread to send the next
 * (on a busy machine a message between threads can take milliseconds to be picked up).
 */
const DEPTH = 3;

const WORKER_URL = new URL('./check-worker.js', import.meta.url);

/**
 * How many threads judge `files` for `--jobs N` (`auto`: one per core): none for fewer than two,
 * and never more than one per MIN_FILES_PER_THREAD files; 0 means the main thread does it all.
 * Not the default: on a 2-core machine shared with other work, two threads used about a third
 * more CPU than one (two isolates warming up and collecting garbage) and finished no sooner.
 * Threads need the built worker script (dist/cli/check-worker.js): run from the TypeScript
 * sources (the tests' in-process CLI) there is none, and the main thread judges.
 */
export function checkThreads(files: readonly string[], jobs: number | 'auto'): number {
  if (files.includes('-') || !existsSync(fileURLToPath(WORKER_URL))) return 0;
  const threads = Math.min(jobs === 'auto' ? availableParallelism() : jobs, Math.floor(files.length / MIN_FILES_PER_THREAD));
  return threads >= 2 ? threads : 0;
}

/**
 * Judges `files` on `threads` worker threads and yields their outcomes in the files' order, as
 * the main thread's loop would. Each thread holds at most DEPTH jobs, and no more than a few
 * answers wait for the caller, so memory stays bounded however many files there are. The threads
 * are ended when the caller stops (normally or not); a thread's crash is thrown here.
 */
export async function* judgeInThreads(files: readonly string[], threads: number, data: CheckWorkerData): AsyncGenerator<JudgedFile> {
  const jobs = Math.ceil(files.length / JOB_FILES);
  const results = new Map<number, readonly CheckOutcome[]>();
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  let next = 0;
  let consumed = 0;
  const window = threads * DEPTH * 2;
  const pool = Array.from({ length: threads }, () => {
    const worker = new Worker(WORKER_URL, { workerData: data });
    const slot = { worker, inFlight: 0 };
    worker.on('message', (m: CheckJobResult) => {
      slot.inFlight--;
      results.set(m.index, m.outcomes);
      feed();
      notify();
    });
    worker.on('error', (err) => {
      failure ??= err;
      notify();
    });
    worker.on('exit', (code) => {
      if (slot.inFlight > 0) failure ??= new Error(`a check thread exited (code ${code}) with ${slot.inFlight} jobs unjudged`);
      notify();
    });
    return slot;
  });
  // Sends jobs to every thread with room, never more than `window` jobs ahead of the caller.
  const feed = (): void => {
    for (const slot of pool) {
      while (slot.inFlight < DEPTH && next < jobs && next < consumed + window) {
        slot.worker.postMessage({ index: next, files: files.slice(next * JOB_FILES, (next + 1) * JOB_FILES) } satisfies CheckJob);
        slot.inFlight++;
        next++;
      }
    }
  };
  try {
    feed();
    for (; consumed < jobs; consumed++) {
      let outcomes = results.get(consumed);
      while (outcomes === undefined) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        outcomes = results.get(consumed);
      }
      results.delete(consumed);
      feed();
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome.kind === 'crash') {
          const err = new Error(outcome.message);
          err.name = outcome.name;
          err.stack = outcome.stack;
          throw err;
        }
        yield { file: files[consumed * JOB_FILES + i]!, ...outcome };
      }
    }
  } finally {
    await Promise.all(pool.map((slot) => slot.worker.terminate()));
  }
}
