import type { Boot } from '../model/boot-model.js';
import type { Evidence } from '../model/source.js';
import type { Rule, RuleContext, RuleReport } from '../rules/types.js';
import type { Finding, RuleStatus } from '../verdict/types.js';

const RANK: Record<RuleStatus, number> = { skip: 0, pass: 1, inconclusive: 2, fail: 3 };

export type RuleEnv = Omit<RuleContext<string>, 'report'>;

/** What one rule said, unmerged: the rule tester asserts on these. */
export interface RawReport {
  readonly messageId: string;
  readonly status: RuleStatus;
  readonly message: string;
  readonly evidence: readonly Evidence[];
}

/** Runs one rule and collects its reports; a throwing rule becomes an inconclusive report, never an exception. */
export function runRuleRaw(rule: Rule, boot: Boot | null, env: RuleEnv): RawReport[] {
  const reports: RawReport[] = [];
  // Built field by field: object spread here showed up in profiles (12 rules × every poll).
  const ctx: RuleContext<string> = {
    model: env.model,
    facts: env.facts,
    platform: env.platform,
    policy: env.policy,
    inProgress: env.inProgress,
    ownInstance: env.ownInstance,
    live: env.live,
    report(r: RuleReport<string>) {
      const msg = rule.meta.messages[r.messageId];
      if (!msg) throw new Error(`rule ${rule.id} reported unknown messageId ${r.messageId}`);
      reports.push({ messageId: r.messageId, status: msg.status, message: fill(msg.text, r.data), evidence: dedupe(r.evidence ?? []) });
    },
  };
  try {
    rule.check(boot, ctx);
  } catch (err) {
    return [{ messageId: '(internal)', status: 'inconclusive', message: `internal error in rule ${rule.id}: ${(err as Error)?.message ?? String(err)}`, evidence: [] }];
  }
  if (reports.length === 0) {
    return [{ messageId: '(none)', status: 'inconclusive', message: `rule ${rule.id} reached no conclusion`, evidence: [] }];
  }
  return reports;
}

/** Several reports from one rule become one finding: the worst status wins, its messages are joined. */
export function mergeReports(ruleId: string, reports: readonly RawReport[]): Finding {
  const worst = reports.reduce((a, b) => (RANK[b.status] > RANK[a.status] ? b : a));
  const top = reports.filter((r) => r.status === worst.status);
  return {
    rule: ruleId,
    status: worst.status,
    message: top.map((r) => r.message).join('; '),
    evidence: dedupe(reports.flatMap((r) => r.evidence)),
  };
}

function fill(text: string, data: Readonly<Record<string, string | number>> | undefined): string {
  return text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (data && k in data ? String(data[k]) : m));
}

/** Evidence as plain {line, text}: model nodes carry more fields than a report should. */
function dedupe(evidence: readonly Evidence[]): Evidence[] {
  if (evidence.length === 0) return [];
  if (evidence.length === 1) return [{ line: evidence[0]!.line, text: evidence[0]!.text }];
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of [...evidence].sort((a, b) => a.line - b.line)) {
    const key = `${e.line}\0${e.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ line: e.line, text: e.text });
  }
  return out;
}
