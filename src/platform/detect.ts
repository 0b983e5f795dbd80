import type { Boot, BootModel } from '../model/boot-model.js';
import type { Evidence } from '../model/source.js';
import type { PlatformId, PlatformInfo } from './types.js';
import { judgedBoot, pvbusHypervisor } from '../model/queries.js';

/**
 * A signal is a question about the parsed model (a device by driver and parent, a
 * continuation line of one named device), never a substring of the whole log:
 * `axen0 at uhub0` must not read as Xen.
 */
type Signal = (boot: Boot) => Evidence[];

function device(driver: string, parentDriver?: string): Signal {
  return (boot) =>
    boot.devices.filter((d) => d.driver === driver && (parentDriver === undefined || driverOf(d.parent) === parentDriver)).slice(0, 1);
}

function pvbus(name: RegExp): Signal {
  return (boot) => {
    const hv = pvbusHypervisor(boot);
    if (hv === null || !name.test(hv)) return [];
    return boot.devices.filter((d) => d.driver === 'pvbus').slice(0, 1);
  };
}

/** A continuation line (`bios0: vendor Xen …`) of the device with the given driver. */
function detail(driver: string, pattern: RegExp): Signal {
  return (boot) => {
    for (const d of boot.devices) {
      if (d.driver !== driver) continue;
      const hit = d.details.find((s) => pattern.test(stripPrefix(s.text, d.name)));
      if (hit) return [hit];
    }
    return [];
  };
}

/** A configured PCI device whose quoted product matches, or an unconfigured one whose name/vendor does. */
function pciProduct(pattern: RegExp): Signal {
  return (boot) => {
    const d = boot.devices.find((x) => x.product !== null && pattern.test(x.product));
    if (d) return [d];
    const u = boot.unconfigured.find((x) => pattern.test(x.name) || (x.vendorName !== null && pattern.test(x.vendorName)));
    return u ? [u] : [];
  };
}

function amazonPci(boot: Boot): Evidence[] {
  const u = boot.unconfigured.find((x) => x.vendorId?.toLowerCase() === '0x1d0f' || x.vendorName === 'Amazon.com');
  if (u) return [u];
  const d = boot.devices.find((x) => /\bAmazon\b/.test(x.product ?? '') || /vendor "Amazon\.com"/.test(x.locatorText ?? ''));
  if (d) return [d];
  return detail('nvme', /^Amazon Elastic Block Store/)(boot);
}

const anyOf = (...signals: Signal[]): Signal => (boot) => {
  for (const s of signals) {
    const e = s(boot);
    if (e.length > 0) return e;
  }
  return [];
};

const allOf = (...signals: Signal[]): Signal => (boot) => {
  const out: Evidence[] = [];
  for (const s of signals) {
    const e = s(boot);
    if (e.length === 0) return [];
    out.push(...e);
  }
  return out;
};

function notArch(arch: string, s: Signal): Signal {
  return (boot) => (boot.kernel.arch !== null && boot.kernel.arch !== arch ? [] : s(boot));
}

/**
 * Detection order matters: the first entry with evidence wins. Amazon signals come
 * before the generic hypervisors they resemble (Nitro x86 is KVM underneath; a
 * VirtualBox guest also says KVM).
 */
export const DETECTORS: readonly { readonly id: PlatformId; readonly signal: Signal }[] = [
  {
    id: 'xen-hvm',
    signal: anyOf(pvbus(/^Xen\b/), detail('bios', /^vendor Xen\b/), detail('bios', /^Xen HVM domU/), device('xen', 'pvbus'), device('xspd', 'pci')),
  },
  { id: 'graviton', signal: notArch('arm64', detail('smbios', /^(vendor )?Amazon EC2\b/)) },
  { id: 'nitro-x86', signal: anyOf(allOf(pvbus(/^KVM\b/), amazonPci), detail('bios', /^vendor Amazon EC2\b/)) },
  { id: 'virtualbox', signal: anyOf(detail('bios', /VirtualBox/), pciProduct(/VirtualBox/)) },
  { id: 'vmware', signal: anyOf(pvbus(/^VMware\b/), device('vmt'), detail('bios', /^VMware\b/)) },
  { id: 'hyperv', signal: anyOf(pvbus(/^Hyper-V\b/), device('hyperv', 'pvbus'), detail('bios', /^Microsoft Corporation Virtual Machine/)) },
  { id: 'bhyve', signal: anyOf(pvbus(/^bhyve\b/), detail('bios', /^vendor BHYVE\b/)) },
  { id: 'vmm', signal: anyOf(pvbus(/^OpenBSD\b/), device('vmmci'), detail('bios', /^OpenBSD VMM/)) },
  { id: 'kvm', signal: anyOf(pvbus(/^KVM\b/), detail('bios', /^QEMU\b/), device('virtio')) },
];

/** Decides the platform: --platform wins, then the log, then the preflight guess. */
export function detectPlatform(model: BootModel, override?: PlatformId, preflight?: PlatformId): PlatformInfo {
  if (override !== undefined) return { id: override, source: 'override', evidence: [] };
  const boot = judgedBoot(model);
  if (boot !== null) {
    for (const { id, signal } of DETECTORS) {
      const evidence = signal(boot);
      if (evidence.length > 0) return { id, source: 'detected', evidence: evidence.map((e) => ({ line: e.line, text: e.text })) };
    }
  }
  if (preflight !== undefined) return { id: preflight, source: 'preflight', evidence: [] };
  return { id: boot === null ? 'unknown' : 'generic', source: 'detected', evidence: [] };
}

/** "xen0" → "xen", "pci12" → "pci", "root" → "root". */
export function driverOf(name: string): string {
  return name.replace(/\d+$/, '');
}

function stripPrefix(text: string, name: string): string {
  const t = text.trimStart();
  return t.startsWith(`${name}:`) ? t.slice(name.length + 1).trimStart() : t;
}

