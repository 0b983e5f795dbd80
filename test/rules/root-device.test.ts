import { rootDevice } from '../../src/rules/root-device.js';
import { ruleTester } from './rule-tester.js';
import { XEN_60_OK, lineOf, replaceLine, upTo } from './snippets.js';

const PROMPT = replaceLine(XEN_60_OK, 'root on', 'root device: wd0a');
const NVME = replaceLine(XEN_60_OK, 'wd0 at pciide0', 'nvme0 at pci0 dev 4 function 0 vendor "Amazon.com", unknown product 0x8061 rev 0x00: msix, NVMe 1.0\nnvme0: Amazon Elastic Block Store, firmware 1.0, serial vol05819806715ee6988\nnvme0: unable to create io q');
const STOPS = upTo(XEN_60_OK, 'com0: console');
const TAIL = XEN_60_OK.split('\n').slice(lineOf(XEN_60_OK, 'root on')).join('\n');

ruleTester(rootDevice, {
  valid: [
    { name: 'root on wd0a', code: XEN_60_OK },
    // The log is a 64 KB tail that starts in rc output: rc runs from the root file system.
    { name: 'root line lost, rc ran', code: TAIL },
  ],
  invalid: [
    { name: 'interactive root device prompt', code: PROMPT, reports: [{ status: 'fail', messageId: 'prompt', line: lineOf(PROMPT, 'root device:') }] },
    { name: 'nvme cannot create io q', code: NVME, reports: [{ status: 'fail', messageId: 'nvmeDead', line: lineOf(NVME, 'unable to create io q') }] },
    { name: 'nvme failure is decisive live', code: upTo(NVME, 'unable to create'), inProgress: true, reports: [{ status: 'fail', messageId: 'nvmeDead', line: lineOf(NVME, 'unable to create io q') }] },
    { name: 'ends before root (final)', code: STOPS, reports: [{ status: 'fail', messageId: 'missing', line: lineOf(STOPS, 'com0: console') }], message: `line ${lineOf(STOPS, 'com0: console')}` },
    { name: 'not yet (live)', code: STOPS, inProgress: true, reports: [{ status: 'inconclusive', messageId: 'notYet' }] },
  ],
});
