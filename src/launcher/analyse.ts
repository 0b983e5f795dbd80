import type { BootModel } from '../model/boot-model.js';
import type { CheckOptions, CheckReport } from '../check/types.js';
import { parseBootLog } from '../parser/index.js';
import { checkModel } from '../check/check.js';

export interface Analysis {
  readonly model: BootModel;
  readonly report: CheckReport;
}

/** Console text → model → rules. Injected into the watch loop so it can be tested without the grammar. */
export type Analyse = (consoleText: string, options: CheckOptions) => Analysis;

export const analyseConsole: Analyse = (consoleText, options) => {
  const { model } = parseBootLog(consoleText);
  return { model, report: checkModel(model, options) };
};
