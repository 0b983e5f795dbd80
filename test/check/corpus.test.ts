import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import type { RuleStatus, Verdict } from '../../src/verdict/types.js';
import { parseBootLog } from '../../src/parser/index.js';
import { REPORT_ORDER } from '../../src/rules/index.js';
import { corpusDir, corpusFiles } from '../helpers/corpus.js';

/**
 * What each AWS log's content implies, read by hand:
 * - 001, 002: complete EC2 consoles (5.9, 6.0): loader → xnf0 at xen0 → lease → ec2 banner →
 *   login. Nothing wrong: pass.
 * - 003, 005, 006 (5.9-beta t2.nano, c4.8xlarge, m4.10xlarge) and 008 (6.0-current, xbf root on
 *   sd0f): dmesg.boot excerpts that end at `root on`. All the hardware is there (xen0, xnf0,
 *   root), but rc output is not: lease, banner and login cannot be judged: inconclusive.
 * - 010-014 (Graviton t4g, 7.9): `nvme0: unable to create io q` — the EBS disk is unusable, the
 *   boot never reaches multi-user: fail. 010 (GENERIC) never mounts a root: root-not-found, with
 *   arm64 advice. 012-014 boot a RAMDISK kernel: `root on rd0a` is a root (in memory), so
 *   root-device passes; 012 then cannot open /dev/console (console-not-serial), 013 panics (init
 *   died), 014 runs its script and syncs the disks before multi-user (boot-stalled).
 */
const AWS: Record<string, { verdict: Verdict; rules?: Record<string, RuleStatus>; diagnoses?: string[] }> = {
  '001-aws-xen-5.9-ec2-console-full.txt': { verdict: 'pass' },
  '002-aws-xen-6.0-ec2-console-full.txt': { verdict: 'pass' },
  '003-aws-xen-5.9beta-t2nano.txt': { verdict: 'inconclusive', rules: { 'xen-attach': 'pass', 'nic-attach': 'pass', 'root-device': 'pass', 'login-prompt': 'inconclusive' } },
  '005-aws-xen-5.9beta-c4.8xlarge.txt': { verdict: 'inconclusive', rules: { 'xen-attach': 'pass', 'nic-attach': 'pass', 'dhcp-lease': 'inconclusive' } },
  '006-aws-xen-5.9beta-m4.10xlarge.txt': { verdict: 'inconclusive', rules: { 'xen-attach': 'pass', 'nic-attach': 'pass', 'fingerprint-banner': 'inconclusive' } },
  '008-aws-xen-6.0current-m4.10xlarge-xbf.txt': { verdict: 'inconclusive', rules: { 'nic-attach': 'pass', 'root-device': 'pass' } },
  '010-aws-nitro-arm64-7.9-t4g-nano-raw-cr-ansi.txt': { verdict: 'fail', rules: { 'root-device': 'fail', 'pvbus-attach': 'skip' }, diagnoses: ['root-not-found'] },
  '012-aws-nitro-arm64-7.9-ramdisk-init-no-console.txt': { verdict: 'fail', rules: { 'root-device': 'pass', 'login-prompt': 'fail' }, diagnoses: ['console-not-serial', 'ramdisk-kernel'] },
  '013-aws-nitro-arm64-7.9-ramdisk-debug-panic-init-died.txt': { verdict: 'fail', rules: { 'no-panic': 'fail', 'root-device': 'pass' }, diagnoses: ['kernel-panic', 'ramdisk-kernel'] },
  '014-aws-nitro-arm64-7.9-ramdisk-autorun-dmesg-prefixed.txt': { verdict: 'fail', rules: { 'root-device': 'pass', 'login-prompt': 'fail' }, diagnoses: ['ramdisk-kernel'] },
};

const files = corpusFiles();

describe.skipIf(corpusDir() === null)('corpus', () => {
  it('has the AWS logs this suite reads', () => {
    for (const name of Object.keys(AWS)) expect(files.map((f) => f.name)).toContain(name);
  });

  for (const f of files) {
    it(`${f.name}: a report, no crash`, () => {
      const report = checkModel(parseBootLog(f.bytes).model, { file: f.name });
      expect(report.findings.map((x) => x.rule)).toEqual(REPORT_ORDER);
      expect(JSON.parse(JSON.stringify(report))).toEqual(report);
      const expected = AWS[f.name];
      if (expected) {
        expect(report.verdict).toBe(expected.verdict);
        expect(report.platform.id).toBe(f.name.includes('nitro-arm64') ? 'graviton' : 'xen-hvm');
        const status = Object.fromEntries(report.findings.map((x) => [x.rule, x.status]));
        for (const [rule, s] of Object.entries(expected.rules ?? {})) expect(`${rule} ${status[rule]}`).toBe(`${rule} ${s}`);
        expect(report.diagnoses.map((d) => d.id)).toEqual(expected.diagnoses ?? []);
        // An arm64 image is never sent to an x86 instance family.
        if (f.name.includes('arm64')) for (const d of report.diagnoses) expect(`${d.id}: ${d.remedy}`).not.toMatch(/\b(?:t2|m4|c4|t3|m5|c5)\b/);
      }
      if (!f.kind.startsWith('aws') && !/-aws-/.test(f.name)) {
        // Not EC2: never judged by Xen or EC2 expectations.
        const status = Object.fromEntries(report.findings.map((x) => [x.rule, x.status]));
        expect(report.platform.id).not.toMatch(/^(xen-hvm|nitro-x86|graviton)$/);
        expect(status['xen-attach']).toBe('skip');
        expect(status['fingerprint-banner']).toBe('skip');
      }
    });
  }

  it('detects the hypervisor of the labelled VM logs', () => {
    const byName = new Map(files.map((f) => [f.name, f]));
    const want: Record<string, string> = {
      '021-kvm-vultr-6.2.txt': 'kvm',
      '031-vmware-glesys-6.2.txt': 'vmware',
      '033-vmware-esxi4-5.0-vmt-at-mainbus.txt': 'vmware',
      '040-hyperv-6.1beta.txt': 'hyperv',
      '045-bhyve-6.1-ramdisk-then-generic.txt': 'bhyve',
      '048-bhyve-5.7-root-device-prompt.txt': 'bhyve',
      '051-vmm-openbsd-amsterdam-6.3.txt': 'vmm',
      '056-virtualbox-6.1-pvbus-kvm.txt': 'virtualbox',
      // axen0 (a USB NIC) must not read as Xen.
      '088-baremetal-amd64-6.9-xps-axen-negative.txt': 'generic',
    };
    for (const [name, id] of Object.entries(want)) {
      const f = byName.get(name);
      if (!f) continue;
      expect(`${name} ${checkModel(parseBootLog(f.bytes).model).platform.id}`).toBe(`${name} ${id}`);
    }
  });
});
