/** A device constraint: `name` and `parent` are globs (`*`, `?`) over `xnf0`, `xen0`, … */
export interface DeviceMatcher {
  readonly name: string;
  readonly parent?: string;
}

/** `--expect policy.json`, validated. Absent fields fall back to the platform defaults. */
export interface Policy {
  /** Devices that must attach (configured) in the judged boot. */
  readonly require: readonly DeviceMatcher[];
  /** Devices that must not attach. */
  readonly forbid: readonly DeviceMatcher[];
  /**
   * When set, every "not configured" device must match one of these globs (or the
   * platform's benign list); null: unconfigured devices are not judged.
   */
  readonly allowUnconfigured: readonly string[] | null;
  /** Fingerprint banner: the logger tag it must carry, or false to turn the rule off. */
  readonly banner: { readonly tag: string | null } | false;
  /** Key types the banner must list ("ED25519", "ECDSA", "RSA", "DSA"). */
  readonly keyTypes: readonly string[];
}

export const DEFAULT_POLICY: Policy = {
  require: [],
  forbid: [],
  allowUnconfigured: null,
  banner: { tag: 'ec2' },
  keyTypes: [],
};
