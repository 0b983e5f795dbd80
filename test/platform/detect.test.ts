import { describe, expect, it } from 'vitest';
import { parseBootLog } from '../../src/parser/index.js';
import { detectPlatform } from '../../src/platform/detect.js';
import { PLATFORM_IDS, PROFILES, isPlatformId } from '../../src/platform/profiles.js';
import { KVM_62_OK, NITRO_75, XEN_60_OK, lineOf, withoutLines } from '../rules/snippets.js';

const detect = (text: string, override?: Parameters<typeof detectPlatform>[1], preflight?: Parameters<typeof detectPlatform>[2]) =>
  detectPlatform(parseBootLog(text).model, override, preflight);

const GRAVITON = `OpenBSD 7.9 (GENERIC.MP) #1: Thu Jun 18 20:27:23 EDT 2026
    user@host:/usr/src/sys/arch/arm64/compile/GENERIC.MP
mainbus0 at root: ACPI
efi0 at mainbus0: UEFI 2.7
smbios0 at efi0: SMBIOS 3.0.0
smbios0: vendor Amazon EC2 version "1.0" date 11/1/2018
smbios0: Amazon EC2 t4g.nano`;

describe('detectPlatform', () => {
  it('Xen HVM from pvbus, with the pvbus line as evidence', () => {
    const p = detect(XEN_60_OK);
    expect(p).toEqual({ id: 'xen-hvm', source: 'detected', evidence: [{ line: lineOf(XEN_60_OK, 'pvbus0 at'), text: 'pvbus0 at mainbus0: Xen 4.2' }] });
  });

  it('Xen HVM from bios0 alone (a kernel without pvbus)', () => {
    const text = withoutLines(XEN_60_OK, /^(pvbus0|xen0|xspd0) at/);
    expect(detect(text)).toMatchObject({ id: 'xen-hvm', evidence: [{ line: lineOf(text, 'vendor Xen') }] });
  });

  it('Nitro x86 from pvbus KVM plus Amazon PCI ids', () => {
    expect(detect(NITRO_75).id).toBe('nitro-x86');
  });

  it('a plain KVM guest is not Nitro', () => {
    expect(detect(KVM_62_OK).id).toBe('kvm');
  });

  it('Graviton from smbios Amazon EC2 on arm64', () => {
    expect(detect(GRAVITON)).toMatchObject({ id: 'graviton', evidence: [{ line: 6 }] });
  });

  it('smbios Amazon EC2 on another arch is not Graviton', () => {
    expect(detect(GRAVITON.replace('arch/arm64', 'arch/amd64')).id).not.toBe('graviton');
  });

  it('does not read axen0 (a USB NIC) as Xen', () => {
    const text = `OpenBSD 6.9 (GENERIC.MP) #473: Mon Apr 26 10:55:13 MDT 2021
mainbus0 at root
uhub0 at usb0 configuration 1 interface 0 "Intel xHCI root hub" rev 3.00/1.00 addr 1
axen0 at uhub0 port 1 configuration 1 interface 0 "ASIX AX88179" rev 3.00/1.00 addr 2
axen0: AX88179, address 00:0e:c6:00:00:01`;
    expect(detect(text).id).toBe('generic');
  });

  it('--platform overrides, preflight fills in when the log cannot tell', () => {
    expect(detect(XEN_60_OK, 'kvm')).toEqual({ id: 'kvm', source: 'override', evidence: [] });
    expect(detect('OpenBSD 7.4 (GENERIC.MP) #1: Tue Oct 10 09:02:37 MDT 2023\nmainbus0 at root', undefined, 'nitro-x86')).toMatchObject({ id: 'nitro-x86', source: 'preflight' });
    expect(detect(XEN_60_OK, undefined, 'nitro-x86').id).toBe('xen-hvm');
  });

  it('unknown without a boot', () => {
    expect(detect('nothing here\n').id).toBe('unknown');
  });
});

describe('profiles', () => {
  it('every id has a profile keyed by itself', () => {
    for (const id of PLATFORM_IDS) expect(PROFILES[id].id).toBe(id);
    expect(isPlatformId('xen-hvm')).toBe(true);
    expect(isPlatformId('toString')).toBe(false);
  });
  it('only EC2 platforms expect the banner and only Xen expects xen(4)', () => {
    expect(PLATFORM_IDS.filter((id) => PROFILES[id].aws).sort()).toEqual(['graviton', 'nitro-x86', 'xen-hvm']);
    expect(PLATFORM_IDS.filter((id) => PROFILES[id].xen)).toEqual(['xen-hvm']);
  });
});
