/**
 * bootgate's library front door (`import … from 'bootgate'`): everything offline.
 * It never loads the AWS SDK; the live launcher and the EC2 simulator are their own
 * entry points, `bootgate/launcher` and `bootgate/sim`.
 */
export { parseBootLog, type ParseResult, type ParseDiagnostic } from './parser/index.js';
export { normalizeConsole, normalizeConsolePieces } from './input/normalize.js';
export type { NormalizedConsole, NormalLine } from './input/types.js';
export * from './model/index.js';
export { checkModel } from './check/check.js';
export type { CheckOptions } from './check/types.js';
export type { CheckReport, Diagnosis, Finding, LiveFacts, RuleStatus, Verdict } from './verdict/types.js';
export type { PlatformId, PlatformInfo } from './platform/types.js';
export { RULES } from './rules/index.js';
export { DIAGNOSES } from './diagnosis/index.js';
export { renderDeviceTree } from './tree/render-tree.js';
export { FORMATTERS, formatNames } from './report/index.js';
export { renderHtmlReport } from './report/html.js';
export { diffBoots, parseAllowFile, type BootDiff, type Change } from './diff/index.js';
export { applyBaseline, loadBaseline, saveBaseline, listBaselines } from './baseline/index.js';
export * from './known-issues/index.js';
export { createRedactor, redactText, redactReport, type Redactor } from './redact/index.js';
export { BootgateError, ConfigError, InputError } from './errors.js';
export { VERSION } from './version.js';
