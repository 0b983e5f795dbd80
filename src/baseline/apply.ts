import type { BootModel } from '../model/boot-model.js';
import type { CheckReport, Verdict } from '../verdict/types.js';
import { diffBoots } from '../diff/diff-boots.js';
import type { AllowEntry } from '../diff/allow.js';
import type { BootDiff } from '../diff/types.js';
import type { BaselineFile } from './types.js';

export interface BaselineResult {
  readonly diff: BootDiff;
  /** The report's verdict, made `fail` when the diff holds a regression no allow entry covers. */
  readonly verdict: Verdict;
  /** One line for the report: why the verdict is what it is. */
  readonly summary: string;
}

/**
 * `check --baseline` / `launch --baseline`: diffs the new boot against a known-good one. A
 * regression fails the gate; a clean diff never turns a failing report into a pass.
 */
export function applyBaseline(
  report: CheckReport,
  model: BootModel,
  baseline: BaselineFile,
  options: { allow?: readonly AllowEntry[]; builtin?: readonly AllowEntry[] } = {},
): BaselineResult {
  const diff = diffBoots(
    { label: `baseline ${baseline.name}`, model: baseline.model, report: baseline.report },
    { label: report.file ?? 'new', model, report },
    { allow: options.allow ?? [], ...(options.builtin ? { builtin: options.builtin } : {}) },
  );
  const regressions = diff.changes.filter((c) => c.regression && !c.allowed);
  const verdict: Verdict = regressions.length > 0 ? 'fail' : report.verdict;
  const summary = regressions.length > 0
    ? `regression against baseline ${baseline.name}: ${regressions.map((c) => c.message).join('; ')}`
    : `no regression against baseline ${baseline.name} (${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'})`;
  return { diff, verdict, summary };
}
