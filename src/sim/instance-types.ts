/**
 * The simulator's instance-type catalogue, as DescribeInstanceTypes reports it.
 * Values follow the AWS documentation for these types; only the fields bootgate reads
 * (hypervisor, ENA support, architectures, boot modes) matter to the launcher.
 */
export interface SimInstanceType {
  readonly name: string;
  readonly hypervisor: 'xen' | 'nitro';
  readonly arch: 'x86_64' | 'arm64';
  readonly vcpus: number;
  readonly memoryMiB: number;
  /** NetworkInfo.EnaSupport. */
  readonly ena: 'unsupported' | 'supported' | 'required';
  readonly bootModes: readonly ('legacy-bios' | 'uefi')[];
  readonly currentGeneration: boolean;
  readonly freeTier: boolean;
  readonly network: string;
}

const xen = (name: string, vcpus: number, memoryMiB: number, ena: SimInstanceType['ena'], network: string, currentGeneration = true): SimInstanceType => ({
  name, hypervisor: 'xen', arch: 'x86_64', vcpus, memoryMiB, ena, bootModes: ['legacy-bios'], currentGeneration, freeTier: name === 't2.micro', network,
});
const nitro = (name: string, vcpus: number, memoryMiB: number, network: string): SimInstanceType => ({
  name, hypervisor: 'nitro', arch: 'x86_64', vcpus, memoryMiB, ena: 'required', bootModes: ['legacy-bios', 'uefi'], currentGeneration: true, freeTier: name === 't3.micro', network,
});
// Graviton is UEFI only (Xen types are legacy-BIOS only).
const graviton = (name: string, vcpus: number, memoryMiB: number, network: string): SimInstanceType => ({
  name, hypervisor: 'nitro', arch: 'arm64', vcpus, memoryMiB, ena: 'required', bootModes: ['uefi'], currentGeneration: true, freeTier: false, network,
});

export const INSTANCE_TYPES: readonly SimInstanceType[] = [
  xen('t2.nano', 1, 512, 'unsupported', 'Low to Moderate'),
  xen('t2.micro', 1, 1024, 'unsupported', 'Low to Moderate'),
  xen('t2.small', 1, 2048, 'unsupported', 'Low to Moderate'),
  xen('t2.medium', 2, 4096, 'unsupported', 'Low to Moderate'),
  xen('t2.large', 2, 8192, 'unsupported', 'Low to Moderate'),
  xen('m4.large', 2, 8192, 'unsupported', 'Moderate'),
  xen('m4.xlarge', 4, 16384, 'unsupported', 'High'),
  xen('m4.10xlarge', 40, 163840, 'unsupported', '10 Gigabit'),
  xen('m4.16xlarge', 64, 262144, 'supported', '25 Gigabit'),
  xen('c4.large', 2, 3840, 'unsupported', 'Moderate'),
  xen('c4.xlarge', 4, 7680, 'unsupported', 'High'),
  xen('c4.8xlarge', 36, 61440, 'unsupported', '10 Gigabit'),
  xen('r4.large', 2, 15616, 'supported', 'Up to 10 Gigabit'),
  xen('i3.large', 2, 15616, 'supported', 'Up to 10 Gigabit'),
  xen('d2.xlarge', 4, 31232, 'unsupported', 'Moderate'),
  nitro('t3.nano', 2, 512, 'Up to 5 Gigabit'),
  nitro('t3.micro', 2, 1024, 'Up to 5 Gigabit'),
  nitro('t3.small', 2, 2048, 'Up to 5 Gigabit'),
  nitro('t3a.micro', 2, 1024, 'Up to 5 Gigabit'),
  nitro('m5.large', 2, 8192, 'Up to 10 Gigabit'),
  nitro('m5.xlarge', 4, 16384, 'Up to 10 Gigabit'),
  nitro('c5.large', 2, 4096, 'Up to 10 Gigabit'),
  nitro('c5.xlarge', 4, 8192, 'Up to 10 Gigabit'),
  nitro('r5.large', 2, 16384, 'Up to 10 Gigabit'),
  nitro('m6i.large', 2, 8192, 'Up to 12.5 Gigabit'),
  nitro('c6i.large', 2, 4096, 'Up to 12.5 Gigabit'),
  nitro('m7i.large', 2, 8192, 'Up to 12.5 Gigabit'),
  graviton('t4g.nano', 2, 512, 'Up to 5 Gigabit'),
  graviton('t4g.micro', 2, 1024, 'Up to 5 Gigabit'),
  graviton('m6g.medium', 1, 4096, 'Up to 10 Gigabit'),
  graviton('c7g.medium', 1, 2048, 'Up to 12.5 Gigabit'),
];

export function findInstanceType(name: string): SimInstanceType | undefined {
  return INSTANCE_TYPES.find((t) => t.name === name);
}
