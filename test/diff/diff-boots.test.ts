import { configErrorMessage } from '../helpers/config-error-message.js';
import { describe, expect, it } from 'vitest';
import { diffBoots } from '../../src/diff/diff-boots.js';
import { parseAllowFile } from '../../src/diff/allow.js';
import { normalizeVolatile } from '../../src/diff/normalize-volatile.js';
import type { CheckReport } from '../../src/verdict/types.js';
import type { BootModel } from '../../src/model/boot-model.js';
import { InputError } from '../../src/errors.js';
import { boot, dev, ev, model, root, unconf, xen60 } from './build-model.js';

const kinds = (d: ReturnType<typeof diffBoots>) => d.changes.map((c) => `${c.kind}:${c.subject}${c.regression ? '!' : ''}`).sort();

describe('diffBoots', () => {
  it('two healthy boots of the same image diff clean, whatever their MACs and sizes', () => {
    const a = model(xen60());
    const b = model(xen60({
      devices: [
        dev('mainbus0', 'root'), dev('pvbus0', 'mainbus0', 'Xen 4.2'), dev('xen0', 'pvbus0', 'features 0x705, 32 grant table frames, event channel 3'),
        dev('xnf0', 'xen0', 'backend 0, event channel 5, address 0e:99:12:ab:cd:ef'), dev('pciide0', 'pci0', 'DMA'),
        dev('wd0', 'pciide0', '<QEMU HARDDISK>'), dev('cpu0', 'mainbus0', 'apid 0 (boot processor)'),
      ],
    }));
    const d = diffBoots(a, b);
    expect(d.changes).toEqual([]);
    expect(d.regression).toBe(false);
  });

  it('xnf0 lost is a regression with the old evidence line', () => {
    const a = model(xen60());
    const old = a.boots[0]!.devices.find((x) => x.name === 'xnf0')!;
    const b = model(xen60({ devices: a.boots[0]!.devices.filter((x) => x.name !== 'xnf0'), events: [ev.login()] }));
    const d = diffBoots(a, b);
    expect(kinds(d)).toEqual(['device-removed:xnf0!', 'milestone-lost:dhcp-lease!', 'milestone-lost:fingerprint-banner!']);
    expect(d.regression).toBe(true);
    const removed = d.changes.find((c) => c.kind === 'device-removed')!;
    expect(removed.old).toEqual({ line: old.line, text: old.text });
    expect(removed.new).toBeNull();
  });

  it('a newly unconfigured device is a regression; a newly configured one is not', () => {
    const a = model(xen60());
    const b = model(xen60({ unconfigured: [unconf('vfb', 'xen0'), unconf('console', 'xen0'), unconf('unknown vendor 0x1d0f product 0xec20', 'pci0')] }));
    const d = diffBoots(a, b);
    expect(kinds(d)).toEqual(['unconfigured-added:"unknown vendor 0x1d0f product 0xec20"@pci0!', 'unconfigured-removed:"vbd"@xen0']);
  });

  it('wd0 → sd0 via xbf0 reports root change and moves; an allow file covers them from 6.1 only', () => {
    const a = model(xen60());
    const devs = a.boots[0]!.devices.filter((x) => x.name !== 'wd0');
    const newer = (version: string) => model(xen60({
      version,
      devices: [...devs, dev('xbf0', 'xen0', 'disk'), dev('scsibus1', 'xbf0', '2 targets'), dev('sd0', 'scsibus1', '<Xen, phy hda 768, 0000> SCSI3 0/direct fixed')],
      root: root('sd0a'),
    }));
    const allow = parseAllowFile({
      allow: [
        { kind: 'device-removed', subject: 'wd0', since: '6.1', reason: 'xbf(4) replaces emulated IDE' },
        { kind: 'root-changed', from: 'wd0a', to: 'sd0a', since: '6.1', reason: 'root is on xbf0 now' },
      ],
    }, 'allow.json');
    // Without the built-in list (its xbf entries would cover this change on any release with xbf0).
    const d61 = diffBoots(a, newer('6.1'), { allow, builtin: [] });
    expect(kinds(d61)).toEqual(['device-added:scsibus1', 'device-added:sd0', 'device-added:xbf0', 'device-removed:wd0!', 'kernel-version:kernel', 'root-changed:root!']);
    expect(d61.regression).toBe(false);
    expect(d61.changes.find((c) => c.kind === 'root-changed')!.allowed).toEqual({ reason: 'root is on xbf0 now', source: 'file', id: null });
    // The same change on 6.0 is not covered: `since` is honoured.
    expect(diffBoots(a, newer('6.0'), { allow, builtin: [] }).regression).toBe(true);
    // The built-in entries recognise the step by xbf0 attaching (a 6.0-current kernel has it), and the file wins.
    const b60 = diffBoots(a, newer('6.0'), { allow });
    expect(b60.regression).toBe(false);
    expect(b60.changes.find((c) => c.kind === 'root-changed')!.allowed).toMatchObject({ source: 'builtin', id: 'xbf-root' });
    expect(d61.changes.find((c) => c.kind === 'root-changed')!.allowed).toMatchObject({ source: 'file' });
  });

  it('reports kernel version and name changes as changes, not regressions', () => {
    const d = diffBoots(model(xen60({ version: '5.9', name: 'GENERIC' })), model(xen60({ version: '6.0', name: 'GENERIC.MP' })));
    expect(kinds(d)).toEqual(['kernel-name:kernel', 'kernel-version:kernel']);
    expect(d.changes.map((c) => [c.from, c.to])).toEqual([['5.9', '6.0'], ['GENERIC', 'GENERIC.MP']]);
  });

  it('a banner lost to the 64 KB console limit is not a change', () => {
    expect(diffBoots(model(xen60()), model(xen60({ version: null }))).changes).toEqual([]);
  });

  it('moved devices and changed attach text are changes; a lost root is a lost milestone', () => {
    const a = model(boot({ devices: [dev('xnf0', 'xen0', 'event channel 5, address 0a:1c:b6:97:68:01'), dev('com0', 'isa0')] }));
    const b = model(boot({ devices: [dev('xnf0', 'xen0', 'backend 0, event channel 5, address 0a:1c:b6:97:68:02'), dev('com0', 'puc0')], root: null }));
    const d = diffBoots(a, b);
    expect(kinds(d)).toEqual(['device-changed:xnf0', 'device-moved:com0', 'milestone-lost:root-mounted!']);
  });

  it('a new panic is a regression; the same panic at another address is not new', () => {
    const panic = (msg: string) => ({ kind: 'panic' as const, message: msg, line: 90, text: `panic: ${msg}`, stoppedAt: null, frames: [], ddb: true });
    const a = model(boot({ panics: [panic('pool_do_get: mbufpl free list modified: page 0xffff8000; item addr 0xffff8010')] }));
    const same = model(boot({ panics: [panic('pool_do_get: mbufpl free list modified: page 0xdead0000; item addr 0xdead0010')] }));
    expect(diffBoots(a, same).changes).toEqual([]);
    const b = model(boot({ panics: [panic('init died (signal 0, exit 0)')] }));
    expect(kinds(diffBoots(model(boot()), b))).toEqual(['panic-added:init died (signal 0, exit 0)!']);
  });

  it('a new buffer with no boot at all loses every milestone; an old one with none is an input error', () => {
    const d = diffBoots(model(xen60()), model());
    expect(kinds(d)).toEqual(['milestone-lost:dhcp-lease!', 'milestone-lost:fingerprint-banner!', 'milestone-lost:kernel-booted!', 'milestone-lost:login-prompt!', 'milestone-lost:root-mounted!']);
    expect(() => diffBoots(model(), model(xen60()))).toThrow(InputError);
  });

  it('compares the latest boot only', () => {
    const earlier = boot({ devices: [dev('em0', 'pci0')] }, 0);
    const d = diffBoots(model(earlier, xen60()), model(xen60()));
    expect(d.changes).toEqual([]);
  });

  describe('rule verdicts', () => {
    const report = (verdict: CheckReport['verdict'], statuses: Record<string, CheckReport['findings'][number]['status']>): CheckReport => ({
      schemaVersion: 1, verdict, platform: { id: 'xen-hvm', source: 'detected', evidence: [] }, diagnoses: [],
      findings: Object.entries(statuses).map(([rule, status]) => ({ rule, status, message: rule, evidence: [{ line: 3, text: 'x' }] })),
    });

    it('a worse verdict is a regression, a better one is not', () => {
      const m = model(xen60());
      const worse = diffBoots({ label: 'a', model: m, report: report('pass', { 'nic-attach': 'pass', 'dhcp-lease': 'pass' }) },
        { label: 'b', model: m, report: report('fail', { 'nic-attach': 'fail', 'dhcp-lease': 'pass' }) });
      expect(kinds(worse)).toEqual(['rule-changed:nic-attach!', 'verdict-changed:verdict!']);
      const better = diffBoots({ label: 'a', model: m, report: report('inconclusive', { 'dhcp-lease': 'inconclusive' }) },
        { label: 'b', model: m, report: report('pass', { 'dhcp-lease': 'pass' }) });
      expect(kinds(better)).toEqual(['rule-changed:dhcp-lease', 'verdict-changed:verdict']);
    });

    it('runs the injected check on sides that have only a model', () => {
      const seen: BootModel[] = [];
      const a = model(xen60());
      const b = model(xen60());
      const d = diffBoots(a, b, { check: (m) => { seen.push(m); return report(m === a ? 'pass' : 'fail', {}); } });
      expect(seen).toEqual([a, b]);
      expect(kinds(d)).toEqual(['verdict-changed:verdict!']);
    });

    it('says what it could not compare when a side is a report without a model', () => {
      const d = diffBoots({ label: 'old.json', model: null, report: report('pass', {}) }, model(xen60()));
      expect(d.notes.join('\n')).toMatch(/old\.json is a check report without a boot model/);
      expect(d.notes.join('\n')).toMatch(/rule verdicts not compared/);
    });
  });
});

describe('parseAllowFile', () => {
  const err = (json: unknown) => configErrorMessage(() => parseAllowFile(json, 'a.json'));
  it('names the bad field', () => {
    expect(err({ allow: [{ kind: 'device-removed', subject: 'wd0', reason: 'x', devcie: 'y' }] })).toBe('allow file a.json: allow[0].devcie: unknown field (known: kind, subject, from, to, since, reason)');
    expect(err({ allow: [{ kind: 'device-gone', subject: 'wd0', reason: 'x' }] })).toMatch(/^allow file a\.json: allow\[0\]\.kind: expected one of/);
    expect(err({ allow: [{ kind: 'device-removed', subject: 'wd0' }] })).toMatch(/allow\[0\]\.reason: required/);
    expect(err({ allow: [{ kind: 'device-removed', reason: 'everything' }] })).toMatch(/allow\[0\]: needs subject, from or to/);
    expect(err({ allow: [{ kind: 'device-removed', subject: 'wd0', reason: 'r', since: 'six' }] })).toMatch(/allow\[0\]\.since: expected a release/);
    expect(err({ allows: [] })).toMatch(/allows: unknown field/);
    expect(err([])).toMatch(/\(top level\)/);
  });
  it('accepts the documented example', async () => {
    const { readFileSync } = await import('node:fs');
    const json = JSON.parse(readFileSync(new URL('../../docs/allow.example.json', import.meta.url), 'utf8'));
    expect(parseAllowFile(json, 'docs/allow.example.json').length).toBeGreaterThan(0);
  });
});

describe('normalizeVolatile', () => {
  it('masks addresses, sizes and redaction tokens alike', () => {
    expect(normalizeVolatile('backend 0, event channel 5, address 0a:1c:b6:97:68:01')).toBe(normalizeVolatile('backend 0, event channel 5, address <mac:3f9a1c>'));
    expect(normalizeVolatile('16-sector PIO, LBA48, 8192MB, 16777216 sectors')).toBe(normalizeVolatile('16-sector PIO, LBA48, 16384MB, 33554432 sectors'));
    expect(normalizeVolatile('backend 0, event channel 5')).not.toBe(normalizeVolatile('event channel 5'));
  });
});
