import type { BootModel } from '../model/boot-model.js';
import type { LaunchReport } from '../verdict/launch-report.js';
import { EXIT, VERDICT_EXIT, worstExit, type ExitCode } from '../verdict/exit-codes.js';

/** One cell's result (an image in its region on one instance type): a report, or an error that left nothing to judge. */
export type LaunchOutcome = OutcomeCell &
  (
    | {
        readonly report: LaunchReport;
        /** The model the watch judged `report.console` from, when it has one: not parsed again. */
        readonly model?: BootModel | null;
        readonly error?: undefined;
      }
    | { readonly report?: undefined; readonly error: Error }
  );

/** Which run of a matrix an outcome is. */
export interface OutcomeCell {
  readonly instanceType: string;
  readonly region: string;
  readonly amiId: string;
}

/** How a cell is named where it has no report to name it: `t2.micro in eu-west-1`. */
export function cellLabel(c: OutcomeCell): string {
  return `${c.instanceType} in ${c.region}`;
}

/**
 * Exit code of a run (a matrix included): the worst cell, in the order every command uses
 * (2 > 1 > 3 > 0). Anything not cleaned (an instance or key pair left behind) makes its cell
 * an error: the run did not finish its job, whatever the verdict.
 */
export function exitCodeOf(outcomes: readonly LaunchOutcome[]): ExitCode {
  return worstExit(outcomes.map((o) => (!o.report || (o.report.uncleaned?.length ?? 0) > 0 ? EXIT.error : VERDICT_EXIT[o.report.verdict])));
}
