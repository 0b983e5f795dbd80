import type { PlatformId } from '../platform/types.js';
import type { ImageFacts, InstanceTypeFacts } from './ec2.js';

export interface PreflightProblem {
  /** error: cannot work, never launched; warning: will launch, but say so (refused with --strict-preflight). */
  readonly severity: 'error' | 'warning';
  readonly id: string;
  readonly message: string;
}

export interface Preflight {
  readonly platform: PlatformId;
  readonly hypervisor: string | null;
  /** GetConsoleOutput Latest=true only works on Nitro; on Xen it errors. */
  readonly consoleLatest: boolean;
  readonly problems: readonly PreflightProblem[];
}

/**
 * The OpenBSD release an AMI says it carries: "OpenBSD 7.6" in its description, or a name
 * like "openbsd-amd64-7.6" / "OpenBSD-7.7-amd64". Null when neither says it plainly.
 */
export function releaseOfImage(image: Pick<ImageFacts, 'name' | 'description'>): string | null {
  for (const text of [image.description ?? '', image.name ?? '']) {
    const m = /openbsd[\s_/-]*(?:(?:amd64|arm64|x86_64|i386)[\s_/-]*)?v?(\d+\.\d)(?!\d)/i.exec(text);
    if (m) return m[1]!;
  }
  return null;
}

/** "7.6" ≥ "7.7"? Releases compare as major.minor numbers. */
function releaseAtLeast(release: string, min: string): boolean {
  const [a, b] = release.split('.').map(Number);
  const [c, d] = min.split('.').map(Number);
  return a! > c! || (a === c && b! >= d!);
}

/**
 * What the image and instance type say before anything is launched (boot mode, architecture,
 * hypervisor, ENA and SR-IOV support).
 * Decided from DescribeImages and DescribeInstanceTypes, never from family names.
 */
export function preflight(image: ImageFacts, type: InstanceTypeFacts, launch: { readonly imdsTokens?: 'required' | 'optional' } = {}): Preflight {
  const problems: PreflightProblem[] = [];
  const arm = image.architecture === 'arm64';
  const platform: PlatformId = type.hypervisor === 'xen' ? 'xen-hvm' : type.hypervisor === 'nitro' ? (arm ? 'graviton' : 'nitro-x86') : 'unknown';

  if (image.architecture && type.architectures.length > 0 && !type.architectures.includes(image.architecture)) {
    problems.push({
      severity: 'error',
      id: 'architecture',
      message: `${image.id} is ${image.architecture} but ${type.type} runs ${type.architectures.join('/')}`,
    });
  }
  if (image.bootMode === 'uefi' && type.bootModes.length > 0 && !type.bootModes.includes('uefi')) {
    problems.push({
      severity: 'error',
      id: 'boot-mode',
      message: `${image.id} boots UEFI only but ${type.type} (${type.hypervisor ?? 'unknown hypervisor'}) supports ${type.bootModes.join('/')}: EC2 refuses the launch`,
    });
  }
  if (image.bootMode === 'legacy-bios' && type.bootModes.length > 0 && !type.bootModes.includes('legacy-bios')) {
    problems.push({ severity: 'error', id: 'boot-mode', message: `${image.id} boots legacy BIOS only but ${type.type} supports ${type.bootModes.join('/')}` });
  }
  if (type.enaSupport === 'required' && !image.enaSupport) {
    // EC2 decides; it may refuse with InvalidParameterCombination, which then fails fast with its own code.
    problems.push({
      severity: 'warning',
      id: 'ena-required',
      message: `${type.type} requires ENA but ${image.id} is registered with EnaSupport=false: EC2 may refuse the launch`,
    });
  }
  if (platform === 'nitro-x86') {
    problems.push({
      severity: 'warning',
      id: 'nitro-no-ena',
      message: `${type.type} is a Nitro type: its NIC is ENA, and OpenBSD has no ena(4) driver, so a stock image boots without network and SSH cannot work`,
    });
  }
  if (platform === 'graviton') {
    problems.push({
      severity: 'warning',
      id: 'graviton',
      message: `${type.type} is Graviton: stock OpenBSD kernels fail on its NVMe (unable to create io q) and never attach the serial console`,
    });
  }
  const release = releaseOfImage(image);
  // ixv(4), the Intel 82599 VF driver, is in OpenBSD since 7.7: from the release the image names, the warning is decided.
  if (platform === 'xen-hvm' && image.sriovNetSupport === 'simple' && !(release !== null && releaseAtLeast(release, '7.7'))) {
    problems.push({
      severity: 'warning',
      id: 'sriov-ixv',
      message:
        release !== null
          ? `${image.id} is registered with sriovNetSupport=simple and carries OpenBSD ${release}: the NIC on ${type.type} may be an Intel 82599 VF, and ixv(4) drives it only since OpenBSD 7.7, so it would boot without network`
          : `${image.id} is registered with sriovNetSupport=simple: the NIC on ${type.type} may be an Intel 82599 VF, driven by ixv(4) only since OpenBSD 7.7`,
    });
  }
  if (launch.imdsTokens === 'required') {
    // ec2-init and cloud-agent fetch metadata with plain IMDSv1 GETs: with HttpTokens=required they
    // get 401, so no SSH key is installed and no user-data runs.
    problems.push({
      severity: 'warning',
      id: 'imdsv2-required',
      message: 'IMDSv2 is required (HttpTokens=required): the OpenBSD metadata agents speak IMDSv1 only and get 401, so no SSH key is installed, no user-data runs and no fingerprint banner is printed, though sshd still answers',
    });
  }
  if (type.hypervisor === null) {
    problems.push({ severity: 'warning', id: 'hypervisor-unknown', message: `EC2 does not say which hypervisor ${type.type} uses; expectations are not derived` });
  }
  return { platform, hypervisor: type.hypervisor, consoleLatest: type.hypervisor === 'nitro', problems };
}
