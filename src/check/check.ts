import type { BootModel } from '../model/boot-model.js';
import { diagnose } from '../diagnosis/index.js';
import { detectPlatform } from '../platform/detect.js';
import { PROFILES } from '../platform/profiles.js';
import { parsePolicy } from '../policy/parse-policy.js';
import { DEFAULT_POLICY, type Policy } from '../policy/types.js';
import { REPORT_ORDER, RULES } from '../rules/index.js';
import { bootFacts } from '../model/boot-facts.js';
import { mergeReports, runRuleRaw, type RawReport, type RuleEnv } from './run-rule.js';
import type { CheckOptions } from './types.js';
import type { CheckReport, Finding, RuleStatus, Verdict } from '../verdict/types.js';
import type { PlatformInfo } from '../platform/types.js';

/**
 * Judges the latest boot in `model`. Pure and total on any model: a rule that throws
 * becomes an inconclusive finding. Only a malformed `options.policy` (a caller bug:
 * the CLI validates it first) throws, as ConfigError.
 */
export function checkModel(model: BootModel, options: CheckOptions = {}): CheckReport {
  const { env, platform } = ruleEnv(model, options);
  const facts = env.facts;
  const byId = new Map<string, Finding>();
  for (const rule of RULES) {
    const reports = facts.boot === null && !rule.withoutBoot ? [noBoot(rule.id, env.inProgress)] : runRuleRaw(rule, facts.boot, env);
    byId.set(rule.id, mergeReports(rule.id, reports));
  }
  const findings = [...byId.values()].sort((a, b) => order(a.rule) - order(b.rule));
  const diagnoses = diagnose({
    model,
    facts,
    platform: env.platform,
    inProgress: env.inProgress,
    status: (id) => byId.get(id)?.status ?? 'skip',
    finding: (id) => byId.get(id),
  });
  return {
    schemaVersion: 1,
    ...(options.file !== undefined ? { file: options.file } : {}),
    verdict: verdictOf(findings.map((f) => f.status)),
    platform,
    findings,
    diagnoses,
  };
}

/** What every rule sees; exported for the rule tester. */
export function ruleEnv(model: BootModel, options: CheckOptions = {}): { env: RuleEnv; platform: PlatformInfo } {
  const platform = detectPlatform(model, options.platform, options.preflightPlatform);
  const env: RuleEnv = {
    model,
    facts: bootFacts(model),
    platform: PROFILES[platform.id],
    policy: toPolicy(options.policy),
    inProgress: options.inProgress === true,
    ownInstance: options.ownInstance === true,
    live: options.live,
  };
  return { env, platform };
}

/** pass only when every non-skip rule passed; nothing judged is inconclusive. */
export function verdictOf(statuses: readonly RuleStatus[]): Verdict {
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('inconclusive')) return 'inconclusive';
  return statuses.includes('pass') ? 'pass' : 'inconclusive';
}

function noBoot(rule: string, inProgress: boolean): RawReport {
  const message = rule === 'kernel-booted' && inProgress ? 'no kernel output yet' : 'no OpenBSD boot in the log';
  return { messageId: '(no-boot)', status: 'inconclusive', message, evidence: [] };
}

function order(rule: string): number {
  const i = REPORT_ORDER.indexOf(rule);
  return i === -1 ? REPORT_ORDER.length : i;
}

function toPolicy(p: unknown): Policy {
  if (p === undefined || p === null) return DEFAULT_POLICY;
  return parsePolicy(p);
}
