// Hand-built boot models for unit tests that must not depend on the parser.
import type { Boot, BootModel, Device, RootInfo, Unconfigured } from '../../src/model/boot-model.js';
import type { BootEvent } from '../../src/model/events.js';

let line = 0;
const next = () => ++line;

export function dev(name: string, parent: string, description: string | null = null): Device {
  const m = /^([a-z]+)(\d+)$/.exec(name)!;
  const l = next();
  return {
    type: 'device', name, driver: m[1]!, unit: Number(m[2]), parent, locators: [], locatorText: null, product: null,
    description, details: [], afterRoot: false, detached: null, line: l,
    text: `${name} at ${parent}${description ? `: ${description}` : ''}`,
  };
}

export function unconf(name: string, parent: string): Unconfigured {
  return {
    type: 'unconfigured', name, parent, locatorText: null, vendorId: null, productId: null, vendorName: null,
    description: null, line: next(), text: `"${name}" at ${parent} not configured`,
  };
}

export function root(device: string): RootInfo {
  return { device, duid: null, swap: null, dump: null, nfs: false, line: next(), text: `root on ${device}` };
}

export interface BootSpec {
  version?: string | null;
  name?: string;
  devices?: Device[];
  unconfigured?: Unconfigured[];
  root?: RootInfo | null;
  events?: BootEvent[];
  panics?: Boot['panics'];
}

export function boot(spec: BootSpec = {}, index = 0): Boot {
  const version = spec.version === undefined ? '6.0' : spec.version;
  const kline = next();
  return {
    type: 'boot', index, startLine: kline, endLine: kline + 100, truncatedStart: version === null, loader: [],
    kernel: {
      version, suffix: null, name: spec.name ?? 'GENERIC.MP', build: 2319, date: 'Tue Jul 26 13:00:43 MDT 2016',
      builder: 'deraadt@amd64.openbsd.org', arch: 'amd64', line: version === null ? null : kline,
      text: version === null ? null : `OpenBSD ${version} (${spec.name ?? 'GENERIC.MP'}) #2319`,
      path: null,
    },
    memory: { real: 1056964608, avail: 1020514304, lines: [] },
    devices: spec.devices ?? [], unconfigured: spec.unconfigured ?? [], root: spec.root === undefined ? root('wd0a') : spec.root,
    rootPrompts: [], events: spec.events ?? [], panics: spec.panics ?? [], other: [],
  };
}

export function model(...boots: Boot[]): BootModel {
  return { schemaVersion: 1, framing: 'raw', instanceId: null, capturedAt: null, lineCount: line, preamble: [], boots };
}

export const ev = {
  lease: (): BootEvent => ({ type: 'dhcp-lease', interface: 'xnf0', address: '10.0.0.5', server: '10.0.0.1', style: 'bound-renewal', line: next(), text: 'bound to 10.0.0.5 -- renewal in 1800 seconds.' }),
  banner: (): BootEvent => ({ type: 'fingerprint-banner', tag: 'ec2', markers: true, complete: true, endLine: line + 3, keys: [], line: next(), text: 'ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----' }),
  login: (): BootEvent => ({ type: 'login-prompt', line: next(), text: 'login:' }),
};

/** A healthy Xen 6.0 boot (the shape of corpus 002). */
export function xen60(overrides: Partial<BootSpec> = {}): Boot {
  return boot({
    devices: [
      dev('mainbus0', 'root'), dev('pvbus0', 'mainbus0', 'Xen 4.2'), dev('xen0', 'pvbus0', 'features 0x705, 32 grant table frames, event channel 3'),
      dev('xnf0', 'xen0', 'backend 0, event channel 5, address 0a:1c:b6:97:68:01'), dev('pciide0', 'pci0', 'DMA'),
      dev('wd0', 'pciide0', '<QEMU HARDDISK>'), dev('cpu0', 'mainbus0', 'apid 0 (boot processor)'),
    ],
    unconfigured: [unconf('vfb', 'xen0'), unconf('vbd', 'xen0'), unconf('console', 'xen0')],
    events: [ev.lease(), ev.banner(), ev.login()],
    ...overrides,
  });
}
