import type { Evidence } from '../model/source.js';

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

/** Platform profile ids; see src/platform. */
export type PlatformId =
  | 'xen-hvm'
  | 'nitro-x86'
  | 'graviton'
  | 'kvm'
  | 'vmware'
  | 'hyperv'
  | 'bhyve'
  | 'vmm'
  | 'virtualbox'
  | 'generic'
  | 'unknown';

export interface PlatformInfo {
  readonly id: PlatformId;
  /** How it was decided: "detected" from the log, "override" (--platform), or "preflight" (DescribeInstanceTypes). */
  readonly source: 'detected' | 'override' | 'preflight';
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

export interface CheckOptions {
  /** --platform: overrides detection. */
  readonly platform?: PlatformId;
  /** Platform derived before launch (DescribeInstanceTypes); used when the log alone cannot tell. */
  readonly preflightPlatform?: PlatformId;
  /** Parsed --expect policy (src/policy). */
  readonly policy?: unknown;
  /** Live facts from the launcher; absent offline. */
  readonly live?: LiveFacts;
  /**
   * The console may still grow (live watch). Missing evidence is then `inconclusive`
   * ("not yet"), and only decisive failures (panic, root not found, no NIC once attach
   * is over) are `fail`.
   */
  readonly inProgress?: boolean;
  /** The input path as given; copied into the report. */
  readonly file?: string;
}
