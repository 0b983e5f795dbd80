/**
 * The verdict vocabulary every layer above the rules shares: what a rule found, what a
 * diagnosis says, the report `check` returns, and the live facts a launch adds.
 */
import type { Evidence } from '../model/source.js';
import type { PlatformInfo } from '../platform/types.js';

/** Result of one rule on one boot. */
export type RuleStatus = 'pass' | 'fail' | 'inconclusive' | 'skip';
/** Overall verdict; `skip`s do not count. */
export type Verdict = 'pass' | 'fail' | 'inconclusive';

export interface Finding {
  /** Rule id, e.g. "nic-attach" (= file name in src/rules). */
  readonly rule: string;
  readonly status: RuleStatus;
  readonly message: string;
  readonly evidence: readonly Evidence[];
}

export interface Diagnosis {
  /** Stable id, e.g. "nitro-no-ena". */
  readonly id: string;
  readonly summary: string;
  readonly remedy: string;
  readonly evidence: readonly Evidence[];
}

/**
 * Facts only a live run can supply (the launcher fills these in). Offline they are
 * absent and the live-only rules (`ssh-reachable`, `host-key-match`) report `skip`.
 */
export interface LiveFacts {
  readonly ssh?: {
    /** TCP probe of port 22: open, reset (stack up, no sshd), silent (no network), or not tried. */
    readonly tcp: 'open' | 'reset' | 'silent' | 'not-tried';
    readonly handshake: boolean;
    /** "SHA256:…" of the host key the server presented. */
    readonly hostKeySha256: string | null;
    readonly address: string | null;
    readonly error: string | null;
    /**
     * The launcher stopped waiting for the port: sshd was started by the console's account and
     * `tcp` (reset or silent) held through the grace period, so it is final even mid-boot.
     */
    readonly settled?: boolean;
  };
}

export interface CheckReport {
  readonly schemaVersion: 1;
  /** The input path as given, when there is one. */
  readonly file?: string;
  readonly verdict: Verdict;
  readonly platform: PlatformInfo;
  readonly findings: readonly Finding[];
  /** Root cause first. */
  readonly diagnoses: readonly Diagnosis[];
}
