import { createRedactor, type Redactor, type RedactorOptions } from './redactor.js';

export { createRedactor } from './redactor.js';
export type { Redactor, RedactorOptions, RedactionKind } from './redactor.js';

/** Redacts one console text. Pass the run's redactor so the same MAC gets the same token in the log and in the report. */
export function redactText(text: string, redactor: Redactor | RedactorOptions = {}): string {
  return toRedactor(redactor).text(text);
}

/** Redacts every string field of a report, model, diff or baseline (a deep copy; the input is not changed). */
export function redactReport<T>(report: T, redactor: Redactor | RedactorOptions = {}): T {
  return toRedactor(redactor).value(report);
}

function toRedactor(r: Redactor | RedactorOptions): Redactor {
  return 'text' in r && typeof r.text === 'function' ? r : createRedactor(r as RedactorOptions);
}
