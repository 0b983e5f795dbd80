import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { readInputFileSync } from '../input/read-input.js';
import { parseBootLog } from '../parser/index.js';
import { checkModel } from '../check/check.js';
import { BootgateError } from '../errors.js';
import { looksLikeSavedReport } from '../report/read-saved.js';
import type { CheckJob, CheckJobResult, CheckOutcome, CheckWorkerData } from './check-pool.js';

/*
 * A thread of `bootgate check` over many files (./check-pool.ts starts it): reads, parses and
 * judges the files it is sent, and answers each with its report. It does what the main thread's
 * loop does for a file when no gate needs the model, so the reports are the same.
 */
const { platform, policy } = workerData as CheckWorkerData;

function judge(file: string): CheckOutcome {
  let bytes: Uint8Array;
  try {
    bytes = readInputFileSync(file);
  } catch (err) {
    if (!(err instanceof BootgateError)) throw err;
    return { kind: 'unreadable', message: err.message };
  }
  if (looksLikeSavedReport(bytes)) return { kind: 'saved-report' };
  const started = performance.now();
  const { model } = parseBootLog(bytes);
  const report = checkModel(model, {
    file,
    ...(platform !== undefined ? { platform } : {}),
    ...(policy !== undefined ? { policy } : {}),
  });
  return { kind: 'report', report, elapsedMs: performance.now() - started };
}

parentPort!.on('message', (job: CheckJob) => {
  const outcomes = job.files.map((file): CheckOutcome => {
    try {
      return judge(file);
    } catch (err) {
      // Anything else is a bug: the pool rethrows it in the main thread.
      const e = err instanceof Error ? err : new Error(String(err));
      return { kind: 'crash', name: e.name, message: e.message, stack: e.stack ?? '' };
    }
  });
  parentPort!.postMessage({ index: job.index, outcomes } satisfies CheckJobResult);
});
