import { xenAttach } from '../../src/rules/xen-attach.js';
import { ruleTester } from './rule-tester.js';
import { KVM_62_OK, XEN_60_OK, lineOf, replaceLine, upTo, withoutLines } from './snippets.js';

const NO_XEN = withoutLines(XEN_60_OK, /at xen0|^xen0 at/);

ruleTester(xenAttach, {
  valid: [{ name: 'xen0 at pvbus0', code: XEN_60_OK }],
  invalid: [
    { name: 'KVM guest: not Xen', code: KVM_62_OK, reports: [{ status: 'skip', messageId: 'notXen' }] },
    {
      name: 'Xen domU without xen0 (6.0 kernel built without xen(4))',
      code: NO_XEN,
      // Evidence starts at the bios0 Xen lines that make this a Xen guest.
      reports: [{ status: 'fail', messageId: 'missing', line: lineOf(NO_XEN, 'vendor Xen') }],
    },
    {
      name: 'Xen domU on 5.8: predates xen(4)',
      code: replaceLine(NO_XEN, /^OpenBSD 6\.0/, 'OpenBSD 5.8 (GENERIC.MP) #1236: Sun Aug 16 02:31:04 MDT 2015'),
      reports: [{ status: 'fail', messageId: 'tooOld', line: lineOf(NO_XEN, 'vendor Xen') }],
      message: 'OpenBSD 5.8 predates xen(4) (5.9)',
    },
    { name: 'still attaching (live)', code: upTo(NO_XEN, 'pvbus0 at'), inProgress: true, reports: [{ status: 'inconclusive', messageId: 'notYet' }] },
    {
      // `axen0 at uhub0` contains "xen0 at": it is a USB NIC, not xen(4).
      name: 'axen0 is not xen0',
      code: replaceLine(NO_XEN, 'isa0 at pcib0', 'axen0 at uhub0 port 1 configuration 1 interface 0 "ASIX AX88179" rev 3.00/1.00 addr 2'),
      reports: [{ status: 'fail', messageId: 'missing', line: lineOf(NO_XEN, 'vendor Xen') }],
    },
  ],
});
