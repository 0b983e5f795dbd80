import type { Boot, Device } from '../model/boot-model.js';
import type { NicExpectation, PlatformProfile } from './profiles.js';
import { driverOf } from './detect.js';

export interface NicMatch {
  readonly device: Device;
  readonly expectation: NicExpectation | null;
}

/** A MAC as printed, including the anonymised forms in shared dmesgs. */
const ADDRESS = /\baddress (?:[0-9a-f]{2}(?::[0-9a-f]{2}){5}|x{2}(?::x{2}){5}|XXX)\b/i;

/**
 * NICs the platform expects that attached (and did not detach). With no expectation
 * (generic platform) any device that prints a MAC address counts.
 */
export function platformNics(boot: Boot, profile: PlatformProfile): NicMatch[] {
  const live = boot.devices.filter((d) => d.detached === null);
  if (profile.nics.length === 0) {
    // dhclient names the interface it runs on: that is a NIC whatever its driver.
    const dhcp = new Set(boot.events.map((e) => ('interface' in e ? e.interface : null)).filter((n) => n !== null));
    return live
      .filter((d) => dhcp.has(d.name) || ADDRESS.test(d.description ?? '') || d.details.some((s) => ADDRESS.test(s.text)))
      .map((device) => ({ device, expectation: null }));
  }
  const out: NicMatch[] = [];
  for (const d of live) {
    const expectation = profile.nics.find((e) => e.driver === d.driver && e.parents.includes(driverOf(d.parent)));
    if (expectation) out.push({ device: d, expectation });
  }
  return out;
}

/** Platform NIC drivers that attached under a parent the platform does not use. */
export function misplacedNics(boot: Boot, profile: PlatformProfile): Device[] {
  return boot.devices.filter((d) => {
    const byDriver = profile.nics.filter((e) => e.driver === d.driver);
    return byDriver.length > 0 && !byDriver.some((e) => e.parents.includes(driverOf(d.parent)));
  });
}

export function describeNics(profile: PlatformProfile): string {
  return profile.nics.map((e) => `${e.driver} at ${e.parents.join('/')} (${e.man})`).join(' or ');
}
