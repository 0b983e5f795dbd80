import type { CheckReport, Verdict } from '../verdict/types.js';
import type { BootModel } from '../model/boot-model.js';
import type { BootDiff } from '../diff/types.js';
import type { KnownIssueOutcome } from '../known-issues/types.js';
import type { NormalLine } from '../input/types.js';
import { applyBaseline } from '../baseline/apply.js';
import { pickLatestBaseline } from '../baseline/store.js';
import { snapshotOf } from '../diff/snapshot.js';
import { matchKnownIssues, verdictWithKnownIssues } from '../known-issues/match.js';
import type { GateConfig } from './gate-config.js';

export interface BaselineSection {
  readonly name: string;
  readonly summary: string;
  readonly diff: BootDiff;
}

export interface KnownIssuesSection {
  readonly outcome: KnownIssueOutcome;
  /** --known-issues-pass turned a failure into a pass. */
  readonly forgiven: boolean;
}

/** One judged input after the gate: what the formatters print. */
export interface GatedCheck {
  /** The report with `verdict` = the gate's verdict (what the exit code says); redacted under --redact. */
  readonly report: CheckReport;
  readonly model: BootModel;
  /** The rules' own verdict, before the baseline and known issues. */
  readonly rulesVerdict: Verdict;
  readonly baseline: BaselineSection | null;
  readonly known: KnownIssuesSection | null;
  /** The console lines passed in (html shows them all), redacted with the same tokens. */
  readonly consoleLines: readonly NormalLine[] | null;
}

/**
 * Verdict order: the rules, then known issues (--known-issues-pass may turn `fail` into `pass`
 * when every root cause is known), then the baseline: an unallowed regression fails the gate
 * even when the failures are known, because no registry entry describes a lost device.
 * Matching and diffing see the raw data; redaction comes last so tokens never hide a match.
 */
export function applyGate(config: GateConfig, report: CheckReport, model: BootModel, consoleLines: readonly NormalLine[] | null = null): GatedCheck {
  const rulesVerdict = report.verdict;
  let verdict: Verdict = rulesVerdict;
  let known: KnownIssuesSection | null = null;
  if (config.knownIssues !== null) {
    const outcome = matchKnownIssues({ report, model }, config.knownIssues);
    verdict = verdictWithKnownIssues(report, outcome, config.knownIssuesPass);
    known = { outcome, forgiven: verdict !== rulesVerdict };
  }
  let baseline: BaselineSection | null = null;
  // `--baseline latest`: the newest saved baseline of this boot's arch and release (an InputError when there is none).
  const chosen = config.baseline ?? (config.baselineLatest ? pickLatestBaseline(config.baselineLatest.all, snapshotOf(model), config.baselineLatest.dir) : null);
  if (chosen !== null) {
    const r = applyBaseline(report, model, chosen, { allow: config.allow, ...(config.builtinAllow ? { builtin: config.builtinAllow } : {}) });
    baseline = { name: chosen.name, summary: r.summary, diff: r.diff };
    if (r.diff.regression) verdict = 'fail';
  }
  const gated: GatedCheck = { report: verdict === rulesVerdict ? report : { ...report, verdict }, model, rulesVerdict, baseline, known, consoleLines };
  const r = config.redactor;
  if (r === null) return gated;
  // Learn every host name (login banner, key comments) before replacing anything, so a bare
  // mention above the line that names the host is replaced too.
  if (consoleLines) for (const l of consoleLines) r.learn(l.text);
  const redactedModel = r.value(model);
  return {
    consoleLines: consoleLines && consoleLines.map((l) => ({ line: l.line, text: r.text(l.text) })),
    report: r.value(gated.report),
    model: redactedModel,
    rulesVerdict,
    baseline: baseline && r.value(baseline),
    known: known && { outcome: r.value(known.outcome), forgiven: known.forgiven },
  };
}
