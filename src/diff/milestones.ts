import type { Boot } from '../model/boot-model.js';
import type { Evidence } from '../model/source.js';

/** Boot milestones whose loss is a regression. Ids are stable: they appear in allow files. */
export type MilestoneId = 'kernel-booted' | 'root-mounted' | 'dhcp-lease' | 'fingerprint-banner' | 'login-prompt';

export const MILESTONE_LABEL: Readonly<Record<MilestoneId, string>> = {
  'kernel-booted': 'kernel banner',
  'root-mounted': 'root file system',
  'dhcp-lease': 'DHCP lease',
  'fingerprint-banner': 'SSH host key fingerprint banner',
  'login-prompt': 'login prompt',
};

/** The first evidence of each milestone reached in `boot` (none when there is no boot at all). */
export function milestonesOf(boot: Boot | null): Map<MilestoneId, Evidence> {
  const out = new Map<MilestoneId, Evidence>();
  if (!boot) return out;
  // A boot whose banner scrolled out of the 64 KB console still booted a kernel: only a missing boot loses this.
  out.set('kernel-booted', boot.kernel.line !== null && boot.kernel.text !== null
    ? { line: boot.kernel.line, text: boot.kernel.text }
    : { line: boot.startLine, text: '(kernel banner not in the captured console)' });
  if (boot.root) out.set('root-mounted', boot.root);
  for (const e of boot.events) {
    // dhclient(8) ≤6.2 may print only DHCPACK when the lease line was lost to wrapping; 7.x dhcpleased(8) prints nothing.
    if ((e.type === 'dhcp-lease' || e.type === 'dhcp-ack') && !out.has('dhcp-lease')) out.set('dhcp-lease', e);
    if ((e.type === 'fingerprint-banner' || e.type === 'sshd-fingerprint') && !out.has('fingerprint-banner')) {
      out.set('fingerprint-banner', e);
    }
    if ((e.type === 'login-prompt' || e.type === 'login-banner') && !out.has('login-prompt')) out.set('login-prompt', e);
  }
  return out;
}
