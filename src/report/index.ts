import { htmlFormatter } from './html.js';
import { humanFormatter } from './human.js';
import { jsonFormatter } from './json.js';
import { junitFormatter } from './junit.js';
import { markdownFormatter } from './markdown.js';
import type { ReportFormatter } from './types.js';

/** Every `--format`. A new format is one file, one import and one entry here. */
export const FORMATTERS: ReadonlyMap<string, ReportFormatter> = new Map(
  [humanFormatter, jsonFormatter, junitFormatter, markdownFormatter, htmlFormatter].map((f) => [f.id, f]),
);

export function formatNames(): string[] {
  return [...FORMATTERS.keys()];
}

export type { FormatContext, ReportFormatter, ReportSource, RunSummary } from './types.js';
