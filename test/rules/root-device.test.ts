import { rootDevice } from '../../src/rules/root-device.js';
import { ruleTester } from './rule-tester.js';
import { KVM_62_OK, XEN_60_OK, lineOf, replaceLine, upTo } from './snippets.js';

const PROMPT = replaceLine(XEN_60_OK, 'root on', 'root device: wd0a');
const NVME = replaceLine(XEN_60_OK, 'wd0 at pciide0', 'nvme0 at pci0 dev 4 function 0 vendor "Amazon.com", unknown product 0x8061 rev 0x00: msix, NVMe 1.0\nnvme0: Amazon Elastic Block Store, firmware 1.0, serial vol05819806715ee6988\nnvme0: unable to create io q');
const STOPS = upTo(XEN_60_OK, 'com0: console');
const KVM_DMESG = KVM_62_OK.split('\n').slice(0, lineOf(KVM_62_OK, 'root on')).join('\n');
const ANSWERED = replaceLine(KVM_DMESG, 'root on', 'root device: sd0c\\^H \\^Ha\nswap device (default sd0b): \nroot on sd0a swap on sd0b dump on sd0b');
const ANSWERED_EC2 = replaceLine(XEN_60_OK, 'root on', 'root device: wd0a\nroot on wd0a (2979aa8c169aafe5.a) swap on wd0b dump on wd0b');
const RAMDISK = replaceLine(NVME, 'root on', 'root on rd0a swap on rd0b dump on rd0b');
const ROOTDEV = replaceLine(KVM_DMESG, 'root on', 'rootdev=0x420 rrootdev=0xd20 rawdev=0xd22');
/** A pasted dmesg that stops mid-word, with nothing that says the kernel failed. */
const CUT = `${upTo(XEN_60_OK, 'xnf0 at xen0')}\npci0 at mainb`;
const PANICKED = `${STOPS}\npanic: xbf_attach: no ring`;
const TAIL = XEN_60_OK.split('\n').slice(lineOf(XEN_60_OK, 'root on')).join('\n');

ruleTester(rootDevice, {
  valid: [
    { name: 'root on wd0a', code: XEN_60_OK },
    // The log is a 64 KB tail that starts in rc output: rc runs from the root file system.
    { name: 'root line lost, rc ran', code: TAIL },
  ],
  // Passes whose message must say what happened (the tester's valid cases do not look at messages).
  invalid: [
    { name: 'a RAMDISK kernel mounted rd0a, though nvme0 failed', code: RAMDISK, reports: [{ status: 'pass', messageId: 'ramdisk', line: lineOf(RAMDISK, 'unable to create io q') }], message: 'a RAMDISK kernel booted' },
    { name: 'an old kernel names its root only as rootdev=', code: ROOTDEV, reports: [{ status: 'pass', messageId: 'rootdev', line: lineOf(ROOTDEV, 'rootdev=') }], message: 'rootdev=0x420' },
    { name: 'a root device prompt answered by hand, off EC2', code: ANSWERED, reports: [{ status: 'pass', messageId: 'answered', line: lineOf(ANSWERED, 'root device:') }], message: 'answered by hand (sd0a)' },
    { name: 'interactive root device prompt', code: PROMPT, reports: [{ status: 'fail', messageId: 'prompt', line: lineOf(PROMPT, 'root device:') }] },
    { name: 'nvme cannot create io q', code: NVME, reports: [{ status: 'fail', messageId: 'nvmeDead', line: lineOf(NVME, 'unable to create io q') }] },
    { name: 'nvme failure is decisive live', code: upTo(NVME, 'unable to create'), inProgress: true, reports: [{ status: 'fail', messageId: 'nvmeDead', line: lineOf(NVME, 'unable to create io q') }] },
    { name: 'a root device prompt answered by hand on EC2', code: ANSWERED_EC2, reports: [{ status: 'fail', messageId: 'answeredUnattended', line: lineOf(ANSWERED_EC2, 'root device:') }], message: 'answered by hand (wd0a)' },
    { name: 'a log that just ends before root: cannot tell', code: STOPS, reports: [{ status: 'inconclusive', messageId: 'cutShort', line: lineOf(STOPS, 'com0: console') }], message: `line ${lineOf(STOPS, 'com0: console')}` },
    { name: 'a dmesg cut mid-word: cannot tell', code: CUT, reports: [{ status: 'inconclusive', messageId: 'cutShort', line: lineOf(CUT, 'pci0 at mainb') }] },
    { name: 'a panic before root: the boot ended without one', code: PANICKED, reports: [{ status: 'fail', messageId: 'missing', line: lineOf(PANICKED, 'panic:') }] },
    { name: 'not yet (live)', code: STOPS, inProgress: true, reports: [{ status: 'inconclusive', messageId: 'notYet' }] },
  ],
});
