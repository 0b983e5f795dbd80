import type { BootModel } from '../model/boot-model.js';
import type { CheckReport } from '../verdict/types.js';
import { failureTitles } from './failure-titles.js';
import type { KnownIssue, KnownIssueMatch, KnownIssueOutcome } from './types.js';

/**
 * Matches the failures of a check against a registry. `allKnown` is true only when the report
 * fails and every root-cause failure matched, so `--known-issues-pass` never hides a new failure
 * behind a known one.
 */
export function matchKnownIssues(input: { report?: CheckReport | null; model?: BootModel | null }, registry: readonly KnownIssue[]): KnownIssueOutcome {
  const compiled = registry.map((k) => ({
    k,
    signature: k.title ?? k.regex!,
    test: k.regex !== undefined ? (t: string) => new RegExp(k.regex!, 'i').test(t) : (t: string) => t.toLowerCase().includes(k.title!.toLowerCase().trim()),
  }));
  const matches: KnownIssueMatch[] = [];
  const unmatched = [];
  for (const f of failureTitles(input)) {
    const hit = compiled.find((c) => c.test(f.title));
    if (hit) matches.push({ title: f.title, link: hit.k.link, note: hit.k.note ?? null, signature: hit.signature, evidence: f.evidence });
    else unmatched.push(f);
  }
  const failing = input.report ? input.report.verdict === 'fail' : matches.length + unmatched.length > 0;
  return { matches, unmatched, allKnown: failing && matches.length > 0 && unmatched.length === 0 };
}

/** The gate's verdict with `--known-issues-pass`: a failure whose every cause is known passes. */
export function verdictWithKnownIssues(report: CheckReport, outcome: KnownIssueOutcome, knownIssuesPass: boolean): CheckReport['verdict'] {
  return knownIssuesPass && outcome.allKnown ? 'pass' : report.verdict;
}

/** "known: <link>" lines for text output. */
export function formatKnownIssues(outcome: KnownIssueOutcome): string[] {
  return outcome.matches.map((m) => `known: ${m.link} (${m.title})${m.note ? ` — ${m.note}` : ''}`);
}
