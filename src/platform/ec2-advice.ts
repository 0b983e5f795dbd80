import type { Boot } from '../model/boot-model.js';
import type { PlatformProfile } from './profiles.js';

/**
 * Where an image of an architecture can go on EC2 when the instance type it was tried on
 * cannot run it, for remedies. One architecture = one entry. An arm64 image can only run on
 * Graviton (every Graviton type is Nitro: EBS on nvme(4), the ENA NIC), so its advice never
 * names an x86 family.
 */
export interface Ec2ArchAdvice {
  /** Remedy when the NIC is the ENA, which no OpenBSD release drives. */
  readonly noNic: string;
  /** Remedy when nvme(4) cannot use the EBS root volume. */
  readonly deadNvme: string;
}

const X86: Ec2ArchAdvice = {
  noNic: 'OpenBSD has no ena(4) driver: launch on a Xen instance type (t2, m4, c4 …) and register the AMI without ENA support (EnaSupport=false).',
  deadNvme:
    'Stock OpenBSD nvme(4) fails on EBS here; boot on a Xen instance type (t2, m4, c4 …), where the root disk is wd(4) or xbf(4), '
    + 'or use a kernel with a fix for this NVMe controller.',
};

/** Every Graviton type is Nitro: there is no instance type without nvme(4) EBS and the ENA NIC. */
const GRAVITON_ONLY = 'an arm64 image runs only on Graviton instance types, all of them Nitro (EBS on nvme(4), the ENA NIC), so another type will not help';

export const EC2_ARCH_ADVICE: Readonly<Record<string, Ec2ArchAdvice>> = {
  amd64: X86,
  i386: X86,
  arm64: {
    noNic: `OpenBSD has no ena(4) driver and ${GRAVITON_ONLY}: the image needs a kernel with an ENA driver.`,
    deadNvme: `Stock OpenBSD nvme(4) fails on EBS here and ${GRAVITON_ONLY}: the image needs a kernel whose nvme(4) works with this controller.`,
  },
};

/**
 * The image's architecture: the kernel's build path names it; else the login banner
 * (`OpenBSD/arm64 (host)`); else what the platform implies (Graviton is arm64). Null when
 * nothing says.
 */
export function imageArch(boot: Boot | null, platform: PlatformProfile): string | null {
  if (boot?.kernel.arch) return boot.kernel.arch;
  const banner = boot?.events.find((e) => e.type === 'login-banner');
  if (banner && banner.type === 'login-banner') return banner.arch;
  const loader = boot?.loader.find((l) => l.kind === 'loader-banner');
  const m = loader ? /OpenBSD\/([a-z0-9]+)/.exec(loader.text) : null;
  if (m) return m[1]!;
  return platform.id === 'graviton' ? 'arm64' : null;
}

/** The advice for this boot's architecture; x86 when the log does not say (the EC2 default). */
export function ec2Advice(boot: Boot | null, platform: PlatformProfile): Ec2ArchAdvice {
  return EC2_ARCH_ADVICE[imageArch(boot, platform) ?? 'amd64'] ?? X86;
}
