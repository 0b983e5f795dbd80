import { expectedDevices } from '../../src/rules/expected-devices.js';
import { ruleTester } from './rule-tester.js';
import { XEN_60_OK, lineOf, upTo } from './snippets.js';

ruleTester(expectedDevices, {
  valid: [
    { name: 'xnf required at xen0', code: XEN_60_OK, policy: { require: [{ name: 'xnf*', parent: 'xen0' }] } },
    { name: 'ena forbidden and absent', code: XEN_60_OK, policy: { forbid: ['ena*'] } },
    // vfb/console/vbd at xen0 are benign on Xen without being listed.
    { name: 'only benign unconfigured devices', code: XEN_60_OK, policy: { allowUnconfigured: [] } },
  ],
  invalid: [
    { name: 'no policy', code: XEN_60_OK, reports: [{ status: 'skip', messageId: 'noPolicy' }] },
    { name: 'required device missing', code: XEN_60_OK, policy: { require: [{ name: 'xbf*', parent: 'xen*' }] }, reports: [{ status: 'fail', messageId: 'violated' }], message: 'required but not attached: xbf* at xen*' },
    { name: 'required under another parent', code: XEN_60_OK, policy: { require: [{ name: 'xnf0', parent: 'pci*' }] }, reports: [{ status: 'fail', messageId: 'violated' }] },
    { name: 'required, still attaching (live)', code: upTo(XEN_60_OK, 'pvbus0 at'), inProgress: true, policy: { require: ['xnf*'] }, reports: [{ status: 'inconclusive', messageId: 'notYet' }] },
    { name: 'forbidden device present', code: XEN_60_OK, policy: { forbid: ['wd*'] }, reports: [{ status: 'fail', messageId: 'violated', line: lineOf(XEN_60_OK, 'wd0 at') }] },
    {
      name: 'unconfigured device not allowed',
      code: XEN_60_OK.replace('pci0 at mainbus0 bus 0', 'pci0 at mainbus0 bus 0\n"VMware VMCI" rev 0x10 at pci0 dev 7 function 7 not configured'),
      policy: { allowUnconfigured: ['PNP*'] },
      reports: [{ status: 'fail', messageId: 'violated', line: lineOf(XEN_60_OK, 'pci0 at mainbus0') + 1 }],
      message: '"VMware VMCI" at pci0',
    },
  ],
});
