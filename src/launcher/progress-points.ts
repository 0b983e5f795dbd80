import type { BootModel } from '../model/boot-model.js';
import { judgedBoot } from '../model/queries.js';

/** Progress points a person watching a boot cares about, in the order a healthy boot reaches them. */
export type ProgressId = 'kernel' | 'nic' | 'root' | 'lease' | 'sshd' | 'banner' | 'login' | 'panic';

export interface ProgressPoint {
  readonly id: ProgressId;
  readonly line: number;
  readonly text: string;
}

// A MAC in an attach line is what every NIC driver prints (xnf(4), vio(4), em(4), ixv(4)); anonymised ones too.
const MAC = /address ([0-9a-fx]{2}:){5}[0-9a-fx]{2}/i;

/** The progress points visible in the judged boot (the timeline's "milestone" events; not src/diff's milestones, the boot stages a regression may lose), in line order. Pure: the caller diffs successive calls. */
export function progressOf(model: BootModel): ProgressPoint[] {
  const boot = judgedBoot(model);
  if (!boot) return [];
  const out: ProgressPoint[] = [];
  const add = (id: ProgressId, src: { line: number; text: string } | null | undefined): void => {
    if (src && !out.some((m) => m.id === id)) out.push({ id, line: src.line, text: src.text });
  };
  if (boot.kernel.line !== null && boot.kernel.text !== null) add('kernel', { line: boot.kernel.line, text: boot.kernel.text });
  add('nic', boot.devices.find((d) => MAC.test(d.text)));
  add('root', boot.root);
  for (const e of boot.events) {
    if (e.type === 'dhcp-lease') add('lease', e);
    else if (e.type === 'daemons' && e.names.includes('sshd')) add('sshd', e);
    else if (e.type === 'fingerprint-banner' || e.type === 'sshd-fingerprint') add('banner', e);
    else if (e.type === 'login-prompt' || e.type === 'login-banner') add('login', e);
  }
  // Whatever stopped the kernel (panic, trap, assertion, KASAN, witness, a bare ddb stop): its first line.
  add('panic', boot.panics.reduce<(typeof boot.panics)[number] | null>((first, p) => (first === null || p.line < first.line ? p : first), null));
  return out.sort((a, b) => a.line - b.line);
}

/** Fingerprints the console vouches for: the ec2-init banner and, on 7.7+, sshd's own line. */
export function bannerFingerprints(model: BootModel): string[] {
  const boot = judgedBoot(model);
  if (!boot) return [];
  const fps: string[] = [];
  for (const e of boot.events) {
    if (e.type === 'fingerprint-banner') fps.push(...e.keys.map((k) => k.fingerprint));
    else if (e.type === 'sshd-fingerprint') fps.push(e.fingerprint);
  }
  return fps;
}

/** sshd has been started (or the login prompt is up): from here on SSH silence means something. */
export function sshdStarted(model: BootModel): boolean {
  return progressOf(model).some((m) => m.id === 'sshd' || m.id === 'login' || m.id === 'banner');
}
