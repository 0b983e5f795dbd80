export { parseKnownIssues, MIN_SIGNATURE_LENGTH } from './parse-registry.js';
export { failureTitles, normalizeTitle } from './failure-titles.js';
export { formatKnownIssues, matchKnownIssues, verdictWithKnownIssues } from './match.js';
export type { FailureTitle, KnownIssue, KnownIssueMatch, KnownIssueOutcome } from './types.js';
