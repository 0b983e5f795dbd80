import type { Evidence } from '../model/source.js';

/** Platform profile ids (profiles.ts). */
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
