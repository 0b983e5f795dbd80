import { kernelBooted } from '../../src/rules/kernel-booted.js';
import { ruleTester } from './rule-tester.js';
import { XEN_60_OK, lineOf } from './snippets.js';

const LOADER = `>> OpenBSD/amd64 BOOT 3.31
boot>
booting hd0a:/bsd: 6892100+2179088+267272+0+663552 [72+726576+483179]=0xab3868
entry point at 0x1001000 [7205c766, 34000004, 24448b12, 3be0a304]`;
const TAIL = XEN_60_OK.split('\n').slice(lineOf(XEN_60_OK, 'pci0 at mainbus0') - 1).join('\n');

ruleTester(kernelBooted, {
  valid: [{ name: 'Xen 6.0 banner', code: XEN_60_OK }],
  invalid: [
    { name: 'boot loader, no kernel (final log)', code: LOADER, reports: [{ status: 'fail', messageId: 'noKernel', line: 4 }] },
    { name: 'boot loader, no kernel yet (live)', code: LOADER, inProgress: true, reports: [{ status: 'inconclusive', messageId: 'notYet', line: 4 }] },
    { name: '64 KB tail without the banner', code: TAIL, reports: [{ status: 'inconclusive', messageId: 'bannerLost', line: 1 }] },
  ],
});
