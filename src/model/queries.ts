import type { Boot, BootModel, Device, Panic, RootInfo, Unconfigured } from './boot-model.js';
import type { BootEventType, EventOf } from './events.js';

/** The boot being judged: the latest in the buffer, or null when there is none. */
export function judgedBoot(model: BootModel): Boot | null {
  return model.boots.length > 0 ? model.boots[model.boots.length - 1]! : null;
}

export function eventsOf<T extends BootEventType>(boot: Boot, type: T): EventOf<T>[] {
  return boot.events.filter((e): e is EventOf<T> => e.type === type);
}

export function firstEvent<T extends BootEventType>(boot: Boot, type: T): EventOf<T> | undefined {
  return boot.events.find((e): e is EventOf<T> => e.type === type);
}

/** The first crash of a boot before the judged one, if any (the buffer's earlier boots). */
export function earlierPanic(model: BootModel): Panic | undefined {
  return model.boots.slice(0, -1).flatMap((b) => b.panics)[0];
}

/** rd(4): a RAMDISK kernel's root file system is inside the kernel image (`root on rd0a swap on rd0b`). */
const RAMDISK_ROOT = /^rd\d+[a-p]$/;

/** The root line when the root is on rd(4), i.e. a RAMDISK kernel (bsd.rd) booted; else null. */
export function ramdiskRoot(boot: Boot): RootInfo | null {
  return boot.root !== null && RAMDISK_ROOT.test(boot.root.device) ? boot.root : null;
}

export function findDevice(boot: Boot, name: string): Device | undefined {
  return boot.devices.find((d) => d.name === name);
}

export function devicesByDriver(boot: Boot, driver: string): Device[] {
  return boot.devices.filter((d) => d.driver === driver);
}

export function childrenOf(boot: Boot, parent: string): { devices: Device[]; unconfigured: Unconfigured[] } {
  return {
    devices: boot.devices.filter((d) => d.parent === parent),
    unconfigured: boot.unconfigured.filter((u) => u.parent === parent),
  };
}

/** The hypervisor named by `pvbus0 at mainbus0: Xen 4.2` ("Xen 4.2", "KVM", …), or null. */
export function pvbusHypervisor(boot: Boot): string | null {
  const pvbus = boot.devices.find((d) => d.driver === 'pvbus');
  return pvbus?.description?.trim() || null;
}

/** All continuation lines of the device named `name` (e.g. every `bios0: …`). */
export function detailsOf(boot: Boot, name: string): string[] {
  return findDevice(boot, name)?.details.map((d) => d.text) ?? [];
}
