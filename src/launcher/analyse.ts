import type { BootModel } from '../model/boot-model.js';
import type { CheckOptions } from '../check/types.js';
import type { CheckReport } from '../verdict/types.js';
import { parseBootLog } from '../parser/index.js';
import { checkModel } from '../check/check.js';

export interface Analysis {
  readonly model: BootModel;
  readonly report: CheckReport;
}

/**
 * Console text → model → rules. Injected into the watch loop so it can be tested without the
 * grammar. Given the model already parsed from the same text, only the rules run again.
 */
export type Analyse = (consoleText: string, options: CheckOptions, model?: BootModel) => Analysis;

export const analyseConsole: Analyse = (consoleText, options, parsed) => {
  const model = parsed ?? parseBootLog(consoleText).model;
  return { model, report: checkModel(model, options) };
};

/**
 * `launch --platform` / `--expect`: the same check options as `check`, added to every analysis
 * of the watch loop (the platform override wins over the pre-flight guess, as it wins over
 * detection offline).
 */
export function analyseWith(analyse: Analyse, extra: Pick<CheckOptions, 'platform' | 'policy'>): Analyse {
  if (extra.platform === undefined && extra.policy === undefined) return analyse;
  return (consoleText, options, model) => analyse(consoleText, { ...options, ...extra }, model);
}
