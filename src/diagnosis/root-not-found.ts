import { ec2Advice } from '../platform/ec2-advice.js';
import { nvmeFailure } from '../rules/root-device.js';
import type { DiagnosisRule } from './types.js';

export const rootNotFound: DiagnosisRule = {
  id: 'root-not-found',
  explainsStall: true,
  detect({ facts, status, finding, platform }) {
    const boot = facts.boot;
    if (boot === null || status('root-device') !== 'fail') return null;
    const advice = ec2Advice(boot, platform);
    const nvme = nvmeFailure(boot.devices);
    if (nvme && boot.root === null) {
      return {
        summary: `${nvme.device} cannot create I/O queues: the EBS root volume is unusable`,
        remedy: advice.deadNvme,
        evidence: [nvme.source],
      };
    }
    const prompt = boot.rootPrompts[0];
    const answered = prompt?.answer != null && boot.root !== null;
    return {
      summary: answered
        ? `the kernel asked for its root device and it was answered by hand (${prompt.answer})`
        : prompt
          ? 'the kernel asked for its root device interactively'
          : 'the boot ends without mounting a root device',
      remedy:
        'The kernel did not find the disk it was built to boot from. '
        + (platform.aws ? 'Check the AMI block device mapping (root device name, e.g. /dev/sda1 or /dev/xvda) and that ' : 'Check that ')
        + `the kernel has the disk driver for ${platform.name} (${platform.xen ? 'wd(4) on the emulated IDE, xbf(4) since 6.1' : 'e.g. nvme(4), sd(4), vioblk(4)'})`
        + (platform.aws ? '; on EC2 nobody can answer a `root device:` prompt.' : ', and the root device the boot loader passes.'),
      evidence: prompt ? [prompt] : finding('root-device')?.evidence ?? [],
    };
  },
};
