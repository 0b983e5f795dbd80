import type { BootModel } from '../model/boot-model.js';
import type { LaunchReport } from './types.js';
import { EXIT, type ExitCode } from '../cli/exit-codes.js';

/** One instance type's result: a report, or an error that left nothing to judge. */
export type LaunchOutcome =
  | {
      readonly instanceType: string;
      readonly report: LaunchReport;
      /** The model the watch judged `report.console` from, when it has one: not parsed again. */
      readonly model?: BootModel | null;
      readonly error?: undefined;
    }
  | { readonly instanceType: string; readonly report?: undefined; readonly error: Error };

/**
 * Exit code of a run (a matrix included): any fail → 1 (the image is bad somewhere,
 * the most useful thing to say), else any error → 2, else any inconclusive → 3, else 0.
 */
export function exitCodeOf(outcomes: readonly LaunchOutcome[]): ExitCode {
  if (outcomes.some((o) => o.report?.verdict === 'fail')) return EXIT.fail;
  if (outcomes.some((o) => o.error)) return EXIT.error;
  if (outcomes.some((o) => o.report?.verdict === 'inconclusive')) return EXIT.inconclusive;
  return EXIT.pass;
}

/** `--format json` and `--report-dir` for a type that errored: the same shape wherever it is written. */
export function launchErrorObject(instanceType: string, error: Error): object {
  const code = (error as { code?: unknown }).code;
  return {
    schemaVersion: 1,
    verdict: 'error',
    instance: { type: instanceType },
    error: { name: error.name, message: error.message, ...(code !== undefined ? { code } : {}) },
  };
}
