/**
 * How a scenario's image boots, as data. src/sim/console-script.ts turns a spec plus
 * the instance it runs on (hypervisor, address, host key) into a timed console script.
 */
export interface BootSpec {
  /** OpenBSD release in the kernel banner; 6.0 uses dhclient(8) (lease lines), 7.6 dhcpleased(8) (silent). */
  readonly release: '6.0' | '7.6';
  readonly arch: 'amd64' | 'arm64';
  /** Where the boot ends on the platform the scenario was written for. */
  readonly outcome: 'login' | 'panic-in-attach' | 'root-device-prompt' | 'nvme-io-queue';
  /** Kernel built with xen(4) and xnf(4); without them a Xen guest has no NIC. */
  readonly xenDrivers: boolean;
  /** Whether the VPC's DHCP server answers (it always does on AWS unless the subnet is broken). */
  readonly dhcp: 'answered' | 'no-offer';
  /** Image carries ec2-init, which prints the `ec2: ` fingerprint banner on first boot. */
  readonly fingerprintBanner: boolean;
  /** Which key the banner lists: the one sshd presents, or another one (man in the middle, wrong instance). */
  readonly bannerKey: 'presented' | 'other';
  /**
   * KB that rc.firsttime prints (packages installed on first boot) before the fingerprint banner,
   * 4 KB every 40 simulated seconds. Past 64 KB, GetConsoleOutput no longer holds the kernel banner.
   */
  readonly firstBootOutputKb?: number;
}
