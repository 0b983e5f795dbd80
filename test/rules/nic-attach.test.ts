import { nicAttach } from '../../src/rules/nic-attach.js';
import { ruleTester } from './rule-tester.js';
import { KVM_62_OK, NITRO_75, XEN_60_OK, lineOf, replaceLine, upTo } from './snippets.js';

const NITRO = NITRO_75;

const VIF = replaceLine(XEN_60_OK, /^xnf0 at/, '"vif" at xen0: device/vif/0 not configured');


ruleTester(nicAttach, {
  valid: [
    { name: 'xnf0 at xen0', code: XEN_60_OK },
    { name: 'vio0 at virtio0 on KVM', code: KVM_62_OK },
    { name: 'generic platform: any device with a MAC', code: KVM_62_OK, platform: 'generic' },
  ],
  invalid: [
    { name: 'vif not configured', code: VIF, reports: [{ status: 'fail', messageId: 'missing', line: lineOf(VIF, '"vif"') }], message: 'not configured' },
    { name: 'Nitro: ENA present, no driver', code: NITRO, reports: [{ status: 'fail', messageId: 'missing', line: lineOf(NITRO, '0x1d0f') }] },
    { name: 'Nitro while attaching (live)', code: upTo(NITRO, 'nvme0:'), inProgress: true, reports: [{ status: 'inconclusive', messageId: 'notYet' }] },
    { name: 'Nitro after root on (live) is decisive', code: NITRO, inProgress: true, reports: [{ status: 'fail', messageId: 'missing', line: lineOf(NITRO, '0x1d0f') }] },
    {
      name: 'xnf under the wrong parent',
      code: replaceLine(XEN_60_OK, /^xnf0 at/, 'xnf0 at pci0 dev 4 function 0: address 0a:1c:b6:97:68:01'),
      reports: [{ status: 'fail', messageId: 'misplaced', line: lineOf(XEN_60_OK, /^xnf0 at/) }],
    },
    {
      name: 'generic platform with no MAC anywhere',
      code: replaceLine(KVM_62_OK, /^vio0 at/, 'vioblk1 at virtio0'),
      platform: 'generic',
      reports: [{ status: 'inconclusive', messageId: 'unknownNic' }],
    },
  ],
});
