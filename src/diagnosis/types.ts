import type { BootModel } from '../model/boot-model.js';
import type { Evidence } from '../model/source.js';
import type { BootFacts } from '../model/boot-facts.js';
import type { Finding, RuleStatus } from '../verdict/types.js';
import type { PlatformProfile } from '../platform/profiles.js';

export interface DiagnosisInput {
  readonly model: BootModel;
  readonly facts: BootFacts;
  readonly platform: PlatformProfile;
  readonly inProgress: boolean;
  /** Status of a rule by id ("skip" when it did not run). */
  status(rule: string): RuleStatus;
  finding(rule: string): Finding | undefined;
  /** Ids of diagnoses already found (higher in the order). */
  readonly found: ReadonlySet<string>;
  /** A diagnosis found higher in the order explains why the boot never reached multi-user (see `explainsStall`). */
  readonly stallExplained: boolean;
}

export interface DiagnosisHit {
  readonly summary: string;
  readonly remedy: string;
  readonly evidence: readonly Evidence[];
}

/** One diagnosis: a stable id and a detector. The registry order is the likelihood order. */
export interface DiagnosisRule {
  readonly id: string;
  /** When found, it is the reason a boot stopped short of multi-user (a panic, no root, no console): boot-stalled is not said beside it. */
  readonly explainsStall?: boolean;
  detect(input: DiagnosisInput): DiagnosisHit | null;
}
