import type { CheckReport } from './types.js';

/** One moment of a live run, for the report's timeline. */
export interface TimelineEntry {
  /** ISO-8601 wall-clock time. */
  readonly at: string;
  /** Milliseconds since the run started. */
  readonly elapsedMs: number;
  /** Short stable name: "preflight", "run-instances", "running", "first-console-byte", "milestone", "verdict", "terminate", … */
  readonly event: string;
  readonly detail?: string;
}

/** `bootgate launch --format json`: the check contract plus what a live run adds. */
export interface LaunchReport extends CheckReport {
  readonly instance: {
    readonly id: string | null;
    readonly type: string;
    readonly amiId: string;
    readonly region: string;
    /** Last state seen ("terminated" after a clean teardown). */
    readonly state: string;
  };
  readonly timeline: readonly TimelineEntry[];
  readonly cost: { readonly instanceSeconds: number };
  /** Image fault vs infrastructure fault, when the verdict is not pass. */
  readonly cause?: 'image' | 'infrastructure' | null;
  /** Console text as last fetched (decoded). */
  readonly console: string;
  /** `dmesg` and `uname -a` fetched over SSH when a key was available. */
  readonly dmesg?: string | null;
  readonly uname?: string | null;
  /** Run id shared by every instance of one invocation; the `bootgate:run-id` tag. */
  readonly runId?: string;
  /** Why the verdict is what it is when it is not decided by the rules (deadline, interrupt). */
  readonly reason?: string | null;
  /** Pre-flight warnings (e.g. Nitro without ena(4)). */
  readonly warnings?: readonly string[];
  /** The instance was kept (--keep-on-failure) and is still running. */
  readonly kept?: boolean;
  /** Ids (instances, key pairs) teardown could not confirm gone. */
  readonly uncleaned?: readonly string[];
  /** How long terminating and confirming took, within its budget (--teardown-timeout); absent when nothing was terminated. */
  readonly teardown?: { readonly seconds: number; readonly budgetSeconds: number; readonly confirmed: boolean };
}
