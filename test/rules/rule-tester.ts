import { describe, expect, it } from 'vitest';
import { ruleEnv } from '../../src/check/check.js';
import { runRuleRaw } from '../../src/check/run-rule.js';
import type { CheckOptions } from '../../src/check/types.js';
import type { RuleStatus } from '../../src/verdict/types.js';
import { parseBootLog } from '../../src/parser/index.js';
import type { Rule } from '../../src/rules/types.js';

export interface RuleCase extends Omit<CheckOptions, 'file'> {
  readonly name: string;
  readonly code: string;
}

export interface ExpectedReport {
  readonly status: RuleStatus;
  readonly messageId: string;
  /** First evidence line; omit to assert "no evidence". */
  readonly line?: number;
}

export interface InvalidCase extends RuleCase {
  readonly reports: readonly ExpectedReport[];
  /** Substring the (first) message must contain, for messages that carry data. */
  readonly message?: string;
}

/** What a rule says about a snippet: its raw reports, before merging. */
export function runRule(rule: Rule, c: RuleCase) {
  const { model } = parseBootLog(c.code);
  const { env } = ruleEnv(model, c);
  const boot = model.boots.length > 0 ? model.boots[model.boots.length - 1]! : null;
  return runRuleRaw(rule, boot, env);
}

/**
 * ESLint's RuleTester, shrunk: valid snippets must produce only `pass` reports;
 * invalid ones exactly the listed reports (status, messageId, first evidence line).
 */
export function ruleTester<M extends string>(
  rule: Rule<M>,
  cases: { valid: readonly RuleCase[]; invalid: readonly (InvalidCase & { reports: readonly (ExpectedReport & { messageId: M | '(none)' })[] })[] },
): void {
  describe(rule.id, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const reports = runRule(rule as Rule, c);
        expect(reports.map((r) => `${r.status} ${r.messageId}: ${r.message}`)).toEqual(reports.map((r) => `pass ${r.messageId}: ${r.message}`));
        expect(reports.length).toBeGreaterThan(0);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const reports = runRule(rule as Rule, c);
        const got = reports.map((r) => ({ status: r.status, messageId: r.messageId, ...(r.evidence[0] ? { line: r.evidence[0].line } : {}) }));
        expect(got).toEqual(c.reports.map((r) => ({ status: r.status, messageId: r.messageId, ...(r.line !== undefined ? { line: r.line } : {}) })));
        if (c.message !== undefined) expect(reports[0]?.message).toContain(c.message);
      });
    }
  });
}
