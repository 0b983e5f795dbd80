export { diffBoots, type DiffOptions } from './diff-boots.js';
export { applyAllow, parseAllowFile, compareRelease, type AllowEntry } from './allow.js';
export { loadDiffInput, type ParseConsole } from './load-input.js';
export { formatDiffText } from './format-text.js';
export { formatDiffMarkdown } from './format-markdown.js';
export { normalizeVolatile } from './normalize-volatile.js';
export type { BootDiff, Change, ChangeKind, DiffSide, DiffSideSummary } from './types.js';
export { writeOutput } from './write-output.js';
