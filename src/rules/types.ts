import type { Boot, BootModel } from '../model/boot-model.js';
import type { Evidence } from '../model/source.js';
import type { LiveFacts, RuleStatus } from '../verdict/types.js';
import type { BootFacts } from '../model/boot-facts.js';
import type { PlatformProfile } from '../platform/profiles.js';
import type { Policy } from '../policy/types.js';

/**
 * A message a rule can emit. The status travels with the message so that a
 * `messageId` alone says what the rule concluded (the tester asserts on it).
 */
export interface RuleMessage {
  readonly status: RuleStatus;
  /** Text with `{{name}}` placeholders filled from `data`. */
  readonly text: string;
}

/**
 * `blocker`: the image is unusable when this fails (no kernel, no disk, no NIC).
 * `major`: the image boots but is not what an EC2 user needs (no lease, no banner).
 * Informational only: the verdict is `pass` only when every non-skip rule passed.
 */
export type Severity = 'blocker' | 'major';

export interface RuleMeta<M extends string> {
  readonly description: string;
  readonly severity: Severity;
  readonly messages: Readonly<Record<M, RuleMessage>>;
}

export interface RuleReport<M extends string> {
  readonly messageId: M;
  readonly evidence?: readonly Evidence[];
  readonly data?: Readonly<Record<string, string | number>>;
}

export interface RuleContext<M extends string> {
  readonly model: BootModel;
  readonly facts: BootFacts;
  readonly platform: PlatformProfile;
  readonly policy: Policy;
  readonly inProgress: boolean;
  /** Every boot in the console is this instance's (see CheckOptions.ownInstance). */
  readonly ownInstance: boolean;
  readonly live: LiveFacts | undefined;
  report(report: RuleReport<M>): void;
}

/**
 * One rule. `check` gets the judged boot; when the buffer holds no boot at all the
 * engine answers for every console rule (see src/check/check.ts) and `check` is
 * only called for rules with `withoutBoot: true` (the live-only ones).
 */
export interface Rule<M extends string = string> {
  readonly id: string;
  readonly meta: RuleMeta<M>;
  /** Rules that do not need a boot in the log (live-only rules). */
  readonly withoutBoot?: boolean;
  check(boot: Boot | null, ctx: RuleContext<M>): void;
}

/** Keeps `messageId` checked against `messages` at the definition site. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}
