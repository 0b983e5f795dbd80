import type { ReportFormatter } from './types.js';

/**
 * The stable machine contract (schemaVersion 1): one CheckReport object per input,
 * one per line (NDJSON), so several files stream and `jq` reads either shape.
 * Unreadable inputs appear only on stderr and in the exit code.
 */
export const jsonFormatter: ReportFormatter = {
  id: 'json',
  description: 'one JSON object per file and line (schemaVersion 1)',
  begin: () => '',
  file: (report) => `${JSON.stringify(report)}\n`,
  error: () => '',
  end: () => '',
};
