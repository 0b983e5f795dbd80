import type { PlatformId } from './types.js';

/** A NIC the platform presents: `<driver>N at <parent>N` (parents by driver name, unit-free). */
export interface NicExpectation {
  readonly driver: string;
  readonly parents: readonly string[];
  /** First release with the driver, when the platform depends on it. */
  readonly since?: string;
  /** Man page, for messages. */
  readonly man: string;
}

export interface PlatformProfile {
  readonly id: PlatformId;
  readonly name: string;
  /** An EC2 platform: the fingerprint banner and the EC2 diagnoses apply. */
  readonly aws: boolean;
  /** What `pvbus0 at mainbus0:` must name, or null when the platform has no pvbus (arm64, bare metal). */
  readonly pvbus: RegExp | null;
  /** Whether xen(4) must attach at pvbus0. */
  readonly xen: boolean;
  /** NICs the platform offers, in order of preference. Empty: any device that prints an `address`. */
  readonly nics: readonly NicExpectation[];
  /** Devices that are always "not configured" here and mean nothing. */
  readonly benignUnconfigured: readonly string[];
}

const vio: NicExpectation = { driver: 'vio', parents: ['virtio'], man: 'vio(4)' };

/**
 * One platform = one entry here + one fixture. Order does not matter here; detection
 * order lives in ./detect.ts.
 */
export const PROFILES: Readonly<Record<PlatformId, PlatformProfile>> = {
  'xen-hvm': {
    id: 'xen-hvm',
    name: 'EC2 Xen HVM',
    aws: true,
    pvbus: /^Xen\b/,
    xen: true,
    nics: [
      { driver: 'xnf', parents: ['xen'], since: '5.9', man: 'xnf(4)' },
      // sriovNetSupport=simple AMIs get an 82599 VF instead of netfront.
      { driver: 'ixv', parents: ['pci'], since: '7.7', man: 'ixv(4)' },
    ],
    // vfb/console are never configured on EC2; vbd is until xbf(4) in 6.1.
    benignUnconfigured: ['vfb', 'console', 'vbd'],
  },
  'nitro-x86': {
    id: 'nitro-x86',
    name: 'EC2 Nitro (x86)',
    aws: true,
    pvbus: /^KVM\b/,
    xen: false,
    // No OpenBSD release has an ena(4) driver: a stock kernel always fails here.
    nics: [{ driver: 'ena', parents: ['pci'], man: 'ena (no OpenBSD driver)' }],
    benignUnconfigured: [],
  },
  graviton: {
    id: 'graviton',
    name: 'EC2 Graviton (arm64)',
    aws: true,
    pvbus: null,
    xen: false,
    nics: [{ driver: 'ena', parents: ['pci'], man: 'ena (no OpenBSD driver)' }],
    benignUnconfigured: [],
  },
  kvm: {
    id: 'kvm',
    name: 'KVM/QEMU',
    aws: false,
    pvbus: /^KVM\b/,
    xen: false,
    nics: [vio, { driver: 'em', parents: ['pci'], man: 'em(4)' }, { driver: 're', parents: ['pci'], man: 're(4)' }],
    benignUnconfigured: [],
  },
  vmware: {
    id: 'vmware',
    name: 'VMware',
    aws: false,
    pvbus: /^VMware\b/,
    xen: false,
    nics: [
      { driver: 'vmx', parents: ['pci'], man: 'vmx(4)' },
      { driver: 'em', parents: ['pci'], man: 'em(4)' },
      { driver: 'pcn', parents: ['pci'], man: 'pcn(4)' },
      // The emulated PCnet before pcn(4) took it over.
      { driver: 'vic', parents: ['pci'], man: 'vic(4)' },
      { driver: 'le', parents: ['pci'], man: 'le(4)' },
    ],
    benignUnconfigured: ['VMware VMCI'],
  },
  hyperv: {
    id: 'hyperv',
    name: 'Hyper-V',
    aws: false,
    pvbus: /^Hyper-V\b/,
    xen: false,
    nics: [
      { driver: 'hvn', parents: ['hyperv'], man: 'hvn(4)' },
      { driver: 'de', parents: ['pci'], man: 'de(4)' },
    ],
    benignUnconfigured: [],
  },
  bhyve: {
    id: 'bhyve',
    name: 'bhyve',
    aws: false,
    pvbus: /^bhyve\b/,
    xen: false,
    nics: [vio, { driver: 'em', parents: ['pci'], man: 'em(4)' }],
    benignUnconfigured: [],
  },
  vmm: {
    id: 'vmm',
    name: 'OpenBSD vmm(4)',
    aws: false,
    pvbus: /^OpenBSD\b/,
    xen: false,
    nics: [vio],
    benignUnconfigured: [],
  },
  virtualbox: {
    id: 'virtualbox',
    name: 'VirtualBox',
    aws: false,
    // VirtualBox 5.1+ announces itself as KVM (corpus 056).
    pvbus: /^KVM\b/,
    xen: false,
    nics: [
      { driver: 'em', parents: ['pci'], man: 'em(4)' },
      vio,
      { driver: 'pcn', parents: ['pci'], man: 'pcn(4)' },
      { driver: 'le', parents: ['pci'], man: 'le(4)' },
    ],
    benignUnconfigured: [],
  },
  generic: {
    id: 'generic',
    name: 'generic (bare metal or unrecognised hypervisor)',
    aws: false,
    pvbus: null,
    xen: false,
    nics: [],
    benignUnconfigured: [],
  },
  unknown: {
    id: 'unknown',
    name: 'unknown (no boot to look at)',
    aws: false,
    pvbus: null,
    xen: false,
    nics: [],
    benignUnconfigured: [],
  },
};

export const PLATFORM_IDS = Object.keys(PROFILES) as PlatformId[];

export function isPlatformId(s: string): s is PlatformId {
  return Object.hasOwn(PROFILES, s);
}
