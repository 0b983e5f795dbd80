import type { PlatformId } from '../platform/types.js';
import type { LiveFacts } from '../verdict/types.js';

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
  /**
   * The console is one instance's own, from its first boot (a live launch): every boot in it is
   * this instance's, so a panic in an earlier one (it rebooted and came up again) fails too.
   * Offline a buffer may hold boots from before the image was fixed: an earlier panic is only noted.
   */
  readonly ownInstance?: boolean;
  /** The input path as given; copied into the report. */
  readonly file?: string;
}
