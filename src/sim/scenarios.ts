import type { BootSpec } from './boot-spec.js';

/** A fault the simulated EC2 API injects for one scenario AMI. */
export type ScenarioFault =
  /** The first `calls` RunInstances calls answer RequestLimitExceeded (HTTP 503); the SDK retries these itself. */
  | { readonly kind: 'throttle'; readonly calls: number }
  /** Every RunInstances answers InsufficientInstanceCapacity: an infrastructure failure, never the image's. */
  | { readonly kind: 'capacity' }
  /** DescribeInstances and GetConsoleOutput answer InvalidInstanceID.NotFound for this long after launch (eventual consistency). */
  | { readonly kind: 'not-found-after-launch'; readonly simSeconds: number }
  /** The first `calls` RunInstances calls answer InternalError (HTTP 500); the SDK retries these itself. */
  | { readonly kind: 'internal-error'; readonly calls: number }
  /** The instance ends on its own this long after launch, DescribeInstances giving `code`/`message` as its StateReason (EC2's own failure, or the guest powering off). */
  | { readonly kind: 'ends-on-its-own'; readonly simSeconds: number; readonly code: string; readonly message: string };

export interface ScenarioImage {
  readonly name: string;
  readonly description: string;
  readonly architecture: 'x86_64' | 'arm64';
  readonly bootMode: 'legacy-bios' | 'uefi';
  readonly enaSupport: boolean;
}

export interface Scenario {
  readonly id: string;
  readonly amiId: string;
  readonly title: string;
  /**
   * What bootgate must conclude when this AMI is launched on `instanceType`. `diagnoses` lists
   * the root cause(s) in order; a report may add consequences after them.
   */
  readonly expect: { readonly verdict: 'pass' | 'fail' | 'inconclusive'; readonly diagnoses: readonly string[]; readonly cause?: 'image' | 'infrastructure' };
  /** The instance type the scenario is written for. */
  readonly instanceType: string;
  readonly image: ScenarioImage;
  readonly boot: BootSpec;
  /** GetConsoleOutput never returns Output for this AMI's instances. */
  readonly consoleNeverPosted: boolean;
  /** Xen only: the console snapshot refreshes every this many simulated seconds (default 10). */
  readonly xenSnapshotSeconds?: number;
  readonly faults: readonly ScenarioFault[];
  /**
   * What the instance's SSH port does whatever the console says: `refused`, nothing listens
   * although rc(8) started sshd (connections are reset); `filtered`, a security group drops
   * the SYNs (no answer at all). Absent: sshd listens once the console says it started.
   */
  readonly port22?: 'refused' | 'filtered';
  /**
   * `fake`: DescribeInstances hands out a public address from 203.0.113.0/24 (TEST-NET-3,
   * never routed), as EC2 emulators hand out made-up public IPs. sshd still listens on the
   * private loopback address only.
   */
  readonly publicIp?: 'fake';
  /** Flags a CLI run of this scenario needs to reach its expected verdict (a short --ssh-grace, --ssh-address private). */
  readonly launchFlags?: readonly string[];
}

const healthy60: BootSpec = { release: '6.0', arch: 'amd64', outcome: 'login', xenDrivers: true, dhcp: 'answered', fingerprintBanner: true, bannerKey: 'presented' };
const healthy76: BootSpec = { ...healthy60, release: '7.6' };
const image60: ScenarioImage = { name: 'openbsd-amd64-6.0', description: 'OpenBSD 6.0 amd64 (ec2-init)', architecture: 'x86_64', bootMode: 'legacy-bios', enaSupport: false };
const image76: ScenarioImage = { ...image60, name: 'openbsd-amd64-7.6', description: 'OpenBSD 7.6 amd64 (ec2-init)' };
const pass = { verdict: 'pass', diagnoses: [] } as const;

function scenario(n: number, s: Omit<Scenario, 'amiId' | 'consoleNeverPosted' | 'faults'> & Partial<Pick<Scenario, 'consoleNeverPosted' | 'faults'>>): Scenario {
  // 17 hex digits like real AMI ids; the "b0e7" prefix marks simulator images.
  return { consoleNeverPosted: false, faults: [], ...s, amiId: `ami-0b0e7${n.toString(16).padStart(12, '0')}` };
}

/** The simulator's AMI catalogue. Each entry is one story bootgate must tell correctly. */
export const SCENARIOS: readonly Scenario[] = [
  scenario(1, { id: 'healthy-xen-6.0', title: 'OpenBSD 6.0 on Xen: xnf0, dhclient lease, ec2-init banner, login', expect: pass, instanceType: 't2.micro', image: image60, boot: healthy60 }),
  scenario(2, { id: 'healthy-7.6', title: 'OpenBSD 7.6 on Xen: xbf0 + xnf0, dhcpleased (no lease line), banner, login', expect: pass, instanceType: 't2.micro', image: image76, boot: healthy76 }),
  scenario(3, {
    id: 'nitro-no-ena', title: 'Stock OpenBSD 7.6 on a Nitro type: ENA not configured, no network',
    expect: { verdict: 'fail', diagnoses: ['nitro-no-ena'], cause: 'image' }, instanceType: 'm5.large', image: image76, boot: healthy76,
  }),
  scenario(4, {
    id: 'kernel-without-xen', title: 'Custom 6.0 kernel without xen(4) on Xen: xspd0 only, no NIC',
    expect: { verdict: 'fail', diagnoses: ['kernel-lacks-xen'], cause: 'image' }, instanceType: 't2.micro',
    image: { ...image60, name: 'openbsd-amd64-6.0-noxen', description: 'OpenBSD 6.0 amd64, kernel NOXEN' }, boot: { ...healthy60, xenDrivers: false },
  }),
  scenario(5, {
    id: 'panic-in-attach', title: 'OpenBSD 6.0 panics while xnf0 attaches, drops to ddb',
    expect: { verdict: 'fail', diagnoses: ['kernel-panic'], cause: 'image' }, instanceType: 't2.micro', image: image60, boot: { ...healthy60, outcome: 'panic-in-attach' },
  }),
  scenario(6, {
    id: 'dhcp-no-offer', title: 'OpenBSD 6.0: DHCPDISCOVER never answered, boots to login without network',
    expect: { verdict: 'fail', diagnoses: ['dhcp-no-offer'], cause: 'image' }, instanceType: 't2.micro', image: image60, boot: { ...healthy60, dhcp: 'no-offer' },
  }),
  scenario(7, {
    id: 'root-not-found', title: 'Kernel without pciide(4): no disk, stops at the root device: prompt',
    expect: { verdict: 'fail', diagnoses: ['root-not-found'], cause: 'image' }, instanceType: 't2.micro',
    image: { ...image60, name: 'openbsd-amd64-6.0-noide', description: 'OpenBSD 6.0 amd64, kernel NOPCIIDE' }, boot: { ...healthy60, outcome: 'root-device-prompt' },
  }),
  scenario(8, {
    id: 'banner-missing', title: 'OpenBSD 7.6 without ec2-init: boots and answers SSH, but prints no fingerprint banner',
    expect: { verdict: 'fail', diagnoses: ['banner-missing'], cause: 'image' }, instanceType: 't2.micro',
    image: { ...image76, name: 'openbsd-amd64-7.6-noinit', description: 'OpenBSD 7.6 amd64 without ec2-init' }, boot: { ...healthy76, fingerprintBanner: false },
  }),
  scenario(9, {
    id: 'host-key-mismatch', title: 'OpenBSD 6.0: SSH presents a host key the console banner does not list',
    expect: { verdict: 'fail', diagnoses: [], cause: 'image' }, instanceType: 't2.micro', image: image60, boot: { ...healthy60, bannerKey: 'other' },
  }),
  scenario(10, {
    id: 'console-never-posted', title: 'OpenBSD 6.0 boots fine but EC2 never posts its console output',
    expect: { verdict: 'inconclusive', diagnoses: ['no-console-output'], cause: 'infrastructure' }, instanceType: 't2.micro', image: image60, boot: healthy60,
    consoleNeverPosted: true,
  }),
  scenario(11, {
    id: 'xen-snapshot-lag', title: 'OpenBSD 6.0 on Xen, console snapshot refreshed only every 60 simulated seconds',
    expect: pass, instanceType: 't2.micro', image: image60, boot: healthy60, xenSnapshotSeconds: 60,
  }),
  scenario(12, {
    id: 'fault-throttled', title: 'Healthy 6.0; the first 2 RunInstances calls are throttled (RequestLimitExceeded)',
    expect: pass, instanceType: 't2.micro', image: image60, boot: healthy60, faults: [{ kind: 'throttle', calls: 2 }],
  }),
  scenario(13, {
    id: 'fault-no-capacity', title: 'Healthy 6.0; every RunInstances fails with InsufficientInstanceCapacity',
    expect: { verdict: 'inconclusive', diagnoses: [], cause: 'infrastructure' }, instanceType: 't2.micro', image: image60, boot: healthy60, faults: [{ kind: 'capacity' }],
  }),
  scenario(14, {
    id: 'fault-not-found-after-launch', title: 'Healthy 6.0; the new instance is InvalidInstanceID.NotFound for 20 simulated seconds',
    expect: pass, instanceType: 't2.micro', image: image60, boot: healthy60, faults: [{ kind: 'not-found-after-launch', simSeconds: 20 }],
  }),
  scenario(15, {
    id: 'fault-internal-error', title: 'Healthy 6.0; the first RunInstances call fails with a 500 InternalError',
    expect: pass, instanceType: 't2.micro', image: image60, boot: healthy60, faults: [{ kind: 'internal-error', calls: 1 }],
  }),
  scenario(16, {
    id: 'uefi-image', title: 'OpenBSD 7.6 registered as UEFI: refused on Xen types; on Nitro, no ENA',
    expect: { verdict: 'fail', diagnoses: ['nitro-no-ena'], cause: 'image' }, instanceType: 'm5.large',
    image: { ...image76, name: 'openbsd-amd64-7.6-uefi', description: 'OpenBSD 7.6 amd64, UEFI boot', bootMode: 'uefi' }, boot: healthy76,
  }),
  scenario(17, {
    id: 'graviton-arm64', title: 'Stock OpenBSD 7.6 arm64 on Graviton: nvme0 unable to create io q, no root disk',
    expect: { verdict: 'fail', diagnoses: ['root-not-found'], cause: 'image' }, instanceType: 't4g.nano',
    image: { name: 'openbsd-arm64-7.6', description: 'OpenBSD 7.6 arm64', architecture: 'arm64', bootMode: 'uefi', enaSupport: false },
    boot: { ...healthy76, arch: 'arm64', outcome: 'nvme-io-queue' },
  }),
  scenario(18, {
    id: 'sshd-not-listening', title: 'Healthy 7.6 console (sshd started, banner printed), but every connection to port 22 is refused',
    expect: { verdict: 'fail', diagnoses: ['sshd-not-listening'], cause: 'image' }, instanceType: 't2.micro', image: image76, boot: healthy76,
    port22: 'refused', launchFlags: ['--ssh-grace', '3s'],
  }),
  scenario(19, {
    id: 'ssh-port-filtered', title: 'Healthy 7.6 console, but a security group drops every SYN to port 22 (no answer at all)',
    expect: { verdict: 'fail', diagnoses: ['ssh-port-filtered'], cause: 'infrastructure' }, instanceType: 't2.micro', image: image76, boot: healthy76,
    port22: 'filtered', launchFlags: ['--ssh-grace', '3s'],
  }),
  scenario(20, {
    id: 'fake-public-ip', title: 'Healthy 6.0; DescribeInstances reports a made-up public address (203.0.113.0/24) that must never be connected to',
    expect: pass, instanceType: 't2.micro', image: image60, boot: healthy60, publicIp: 'fake', launchFlags: ['--ssh-address', 'private'],
  }),
  scenario(21, {
    id: 'long-first-boot', title: 'Healthy 7.6 whose first boot prints 72 KB of package installs before the banner: the last 64 KB no longer hold the kernel banner or the attach lines',
    expect: pass, instanceType: 't2.micro', image: image76, boot: { ...healthy76, firstBootOutputKb: 72 },
  }),
  scenario(22, {
    id: 'ec2-internal-error', title: 'EC2 gives up on the instance 20 simulated seconds into its boot (Server.InternalError): nobody\'s image is to blame',
    expect: { verdict: 'inconclusive', diagnoses: [], cause: 'infrastructure' }, instanceType: 't2.micro', image: image76, boot: healthy76,
    faults: [{ kind: 'ends-on-its-own', simSeconds: 20, code: 'Server.InternalError', message: 'Server.InternalError: Internal error on launch' }],
  }),
];

export function findScenario(amiId: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.amiId === amiId);
}

/**
 * What bootgate must conclude for a scenario launched on another type than it was written
 * for: an amd64 image on any Nitro type boots without a NIC (no ena(4) in OpenBSD).
 * Returns null when RunInstances refuses the combination.
 */
export function expectationOn(s: Scenario, type: { hypervisor: 'xen' | 'nitro'; arch: 'x86_64' | 'arm64'; bootModes: readonly string[] }): Scenario['expect'] | null {
  if (type.arch !== s.image.architecture || !type.bootModes.includes(s.image.bootMode)) return null;
  if (s.consoleNeverPosted || s.faults.some((f) => f.kind === 'capacity')) return s.expect;
  if (s.image.architecture === 'x86_64' && type.hypervisor === 'nitro') return { verdict: 'fail', diagnoses: ['nitro-no-ena'], cause: 'image' };
  if (s.id === 'nitro-no-ena' || s.id === 'uefi-image') return { verdict: 'pass', diagnoses: [] };
  return s.expect;
}
