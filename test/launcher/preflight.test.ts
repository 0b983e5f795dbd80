import { describe, expect, it } from 'vitest';
import { preflight, releaseOfImage } from '../../src/launcher/preflight.js';
import type { ImageFacts, InstanceTypeFacts } from '../../src/launcher/ec2.js';

const image = (over: Partial<ImageFacts> = {}): ImageFacts => ({
  id: 'ami-1',
  name: 'openbsd-7.6',
  architecture: 'x86_64',
  bootMode: 'legacy-bios',
  enaSupport: false,
  sriovNetSupport: null,
  ...over,
});
const xen: InstanceTypeFacts = { type: 't2.micro', hypervisor: 'xen', enaSupport: 'unsupported', architectures: ['x86_64'], bootModes: ['legacy-bios'] };
const nitro: InstanceTypeFacts = { type: 't3.micro', hypervisor: 'nitro', enaSupport: 'required', architectures: ['x86_64'], bootModes: ['legacy-bios', 'uefi'] };
const graviton: InstanceTypeFacts = { type: 't4g.nano', hypervisor: 'nitro', enaSupport: 'required', architectures: ['arm64'], bootModes: ['uefi'] };

describe('preflight', () => {
  it('a BIOS x86 image on Xen: platform xen-hvm, no problems, no Latest console', () => {
    const p = preflight(image(), xen);
    expect(p).toEqual({ platform: 'xen-hvm', hypervisor: 'xen', consoleLatest: false, problems: [] });
  });

  it('IMDSv2 required: a warning that the OpenBSD agents get 401 (no key, no banner); optional says nothing', () => {
    const p = preflight(image(), xen, { imdsTokens: 'required' });
    expect(p.problems.map((x) => [x.severity, x.id])).toEqual([['warning', 'imdsv2-required']]);
    expect(p.problems[0]!.message).toMatch(/IMDSv1 only and get 401/);
    expect(preflight(image(), xen, { imdsTokens: 'optional' }).problems).toEqual([]);
  });

  it('a UEFI image on a Xen type cannot work', () => {
    const p = preflight(image({ bootMode: 'uefi' }), xen);
    expect(p.problems.map((x) => [x.severity, x.id])).toEqual([['error', 'boot-mode']]);
  });

  it('Nitro x86: warns there will be no NIC, and uses Latest', () => {
    const p = preflight(image({ enaSupport: true }), nitro);
    expect(p.platform).toBe('nitro-x86');
    expect(p.consoleLatest).toBe(true);
    expect(p.problems.map((x) => [x.severity, x.id])).toEqual([['warning', 'nitro-no-ena']]);
    expect(p.problems[0]!.message).toMatch(/no ena\(4\)/);
  });

  it('an EnaSupport=false image on an ENA-required type: a warning, EC2 has the last word', () => {
    expect(preflight(image(), nitro).problems.map((x) => [x.severity, x.id])).toEqual([['warning', 'ena-required'], ['warning', 'nitro-no-ena']]);
  });

  it('an x86 image on Graviton is an architecture error; an arm64 one is a graviton warning', () => {
    expect(preflight(image(), graviton).problems.map((x) => x.id)).toContain('architecture');
    const arm = preflight(image({ architecture: 'arm64', bootMode: 'uefi', enaSupport: true }), graviton);
    expect(arm.platform).toBe('graviton');
    expect(arm.problems.map((x) => [x.severity, x.id])).toEqual([['warning', 'graviton']]);
    expect(preflight(image({ architecture: 'arm64', bootMode: 'uefi' }), graviton).problems.map((x) => x.id)).toEqual(['ena-required', 'graviton']);
  });

  it('SR-IOV on Xen warns about ixv(4)', () => {
    expect(preflight(image({ sriovNetSupport: 'simple' }), xen).problems.map((x) => x.id)).toEqual(['sriov-ixv']);
  });
});

describe('the release an AMI names', () => {
  it('is read from the description or the name', () => {
    expect(releaseOfImage({ name: 'openbsd-amd64-7.6', description: null })).toBe('7.6');
    expect(releaseOfImage({ name: 'my-image', description: 'OpenBSD 7.7 amd64 (ec2-init)' })).toBe('7.7');
    expect(releaseOfImage({ name: 'OpenBSD-7.8-amd64-20251201', description: '' })).toBe('7.8');
    expect(releaseOfImage({ name: 'openbsd_arm64_v7.5', description: null })).toBe('7.5');
    expect(releaseOfImage({ name: 'debian-12-amd64', description: 'Debian 12.4' })).toBeNull();
    expect(releaseOfImage({ name: null, description: null })).toBeNull();
  });

  it('decides the ixv(4) warning for an SR-IOV image on Xen: none from 7.7, a firm one before, the hedged one when unknown', () => {
    const sriov = (name: string) => preflight(image({ sriovNetSupport: 'simple', name, description: null }), xen);
    expect(sriov('openbsd-amd64-7.7').problems.map((x) => x.id)).toEqual([]);
    expect(sriov('openbsd-amd64-7.6').problems[0]?.message).toMatch(/carries OpenBSD 7\.6: .*ixv\(4\) drives it only since OpenBSD 7\.7, so it would boot without network/);
    expect(sriov('custom-image').problems[0]?.message).toMatch(/may be an Intel 82599 VF, driven by ixv\(4\) only since OpenBSD 7\.7$/);
  });
});
