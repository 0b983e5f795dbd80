export { buildHistory, type HistoryOptions } from './build-history.js';
export { formatHistoryHtml, formatHistoryJson, formatHistoryMarkdown, formatHistoryText } from './format.js';
export type { HistoryChange, HistoryKind, HistoryReport, HistoryRow, HistorySnapshot, SnapshotRef } from './types.js';
