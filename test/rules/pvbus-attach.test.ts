import { pvbusAttach } from '../../src/rules/pvbus-attach.js';
import { ruleTester } from './rule-tester.js';
import { KVM_62_OK, XEN_60_OK, lineOf, replaceLine, upTo, withoutLines } from './snippets.js';

const NO_PVBUS = withoutLines(XEN_60_OK, /^(pvbus0|xen0) at/);

ruleTester(pvbusAttach, {
  valid: [
    { name: 'Xen 4.2 on xen-hvm', code: XEN_60_OK },
    { name: 'KVM on a KVM guest', code: KVM_62_OK },
  ],
  invalid: [
    {
      name: 'pvbus names KVM on a Xen platform (override)',
      code: KVM_62_OK,
      platform: 'xen-hvm',
      reports: [{ status: 'fail', messageId: 'wrongHypervisor', line: lineOf(KVM_62_OK, 'pvbus0') }],
      message: '"KVM", expected Xen',
    },
    { name: 'no pvbus at all (final)', code: NO_PVBUS, reports: [{ status: 'fail', messageId: 'missing' }] },
    { name: 'no pvbus yet while attaching (live)', code: upTo(NO_PVBUS, 'acpi0 at bios0'), inProgress: true, reports: [{ status: 'inconclusive', messageId: 'notYet' }] },
    { name: 'no pvbus after root on (live) is decisive', code: NO_PVBUS, inProgress: true, reports: [{ status: 'fail', messageId: 'missing' }] },
    {
      name: 'pre-5.8 kernel predates pvbus',
      code: replaceLine(NO_PVBUS, /^OpenBSD 6\.0/, 'OpenBSD 5.7 (GENERIC.MP) #881: Sun Mar  8 11:04:17 MDT 2015'),
      reports: [{ status: 'skip', messageId: 'predates' }],
    },
    {
      name: 'arm64 has no pvbus',
      code: replaceLine(XEN_60_OK, 'compile/GENERIC.MP', '    deraadt@arm64.openbsd.org:/usr/src/sys/arch/arm64/compile/GENERIC.MP'),
      platform: 'kvm',
      reports: [{ status: 'skip', messageId: 'noPvbusArch' }],
    },
    { name: 'Graviton has no pvbus', code: XEN_60_OK, platform: 'graviton', reports: [{ status: 'skip', messageId: 'noPvbusHere' }] },
  ],
});
