import type { Source } from '../model/source.js';
import { RC_EVENTS } from '../model/boot-facts.js';
import { ramdiskRoot } from '../model/queries.js';
import { defineRule } from './types.js';

export const rootDevice = defineRule({
  id: 'root-device',
  meta: {
    description: 'The kernel found its root device by itself; the interactive `root device:` prompt or an unusable NVMe disk is a fail.',
    severity: 'blocker',
    messages: {
      found: { status: 'pass', text: 'root on {{device}}' },
      ramdisk: { status: 'pass', text: 'root on {{device}}: a RAMDISK kernel booted (its root file system is in the kernel image, not on a disk){{disk}}' },
      rootdev: { status: 'pass', text: 'the kernel names its root only as rootdev={{dev}} (a kernel too old to print `root on`)' },
      answered: { status: 'pass', text: 'root on {{device}}: the kernel asked `root device:` and it was answered by hand ({{answer}})' },
      answeredUnattended: { status: 'fail', text: 'the kernel asked `root device:` and it was answered by hand ({{answer}}): unattended, it waits there for ever' },
      impliedByRc: { status: 'pass', text: 'no `root on` line in the log, but rc(8) ran from the root file system' },
      prompt: { status: 'fail', text: 'the kernel asked `root device:` — it did not find its root disk' },
      nvmeDead: { status: 'fail', text: '{{device}}: unable to create io q: the EBS disk is unusable' },
      notYet: { status: 'inconclusive', text: 'no root device yet' },
      lost: { status: 'inconclusive', text: 'no `root on` line, but the log starts after the kernel banner: it may be in the lost part' },
      cutShort: { status: 'inconclusive', text: 'the log ends at line {{line}} before any `root on` line: cut short, or the kernel stopped there; the log cannot tell' },
      missing: { status: 'fail', text: 'the boot ends (line {{line}}) without mounting a root device' },
    },
  },
  check(boot, ctx) {
    if (boot === null) return;
    const prompt = boot.rootPrompts[0];
    if (prompt) {
      if (prompt.answer === null || boot.root === null) return ctx.report({ messageId: 'prompt', evidence: [prompt] });
      // A person typed the answer: the boot went on, but an image on EC2 has nobody to type it.
      const data = { device: boot.root.device, answer: prompt.answer };
      return ctx.report({ messageId: ctx.platform.aws ? 'answeredUnattended' : 'answered', evidence: [prompt, boot.root], data });
    }
    const nvme = nvmeFailure(boot.devices);
    // A RAMDISK kernel needs no disk for its root; any other root on a dead NVMe disk cannot be.
    const ramdisk = ramdiskRoot(boot);
    if (ramdisk) {
      const disk = nvme ? `; ${nvme.device}, the EBS disk, is unusable (unable to create io q)` : '';
      return ctx.report({ messageId: 'ramdisk', evidence: nvme ? [ramdisk, nvme.source] : [ramdisk], data: { device: ramdisk.device, disk } });
    }
    if (nvme) return ctx.report({ messageId: 'nvmeDead', evidence: [nvme.source], data: { device: nvme.device } });
    if (boot.root) return ctx.report({ messageId: 'found', evidence: [boot.root], data: { device: boot.root.device } });
    const rootdev = boot.events.find((e) => e.type === 'root-dev');
    if (rootdev && rootdev.type === 'root-dev') return ctx.report({ messageId: 'rootdev', evidence: [rootdev], data: { dev: rootdev.dev } });
    const rc = boot.events.find((e) => RC_EVENTS.has(e.type));
    if (rc) return ctx.report({ messageId: 'impliedByRc', evidence: [rc] });
    if (ctx.inProgress) return ctx.report({ messageId: 'notYet' });
    if (boot.truncatedStart) return ctx.report({ messageId: 'lost' });
    const last = ctx.facts.lastLine;
    const data = { line: last?.line ?? boot.endLine };
    // A crash or init failing explains the missing root; without one, a log that just ends
    // (a pasted dmesg cut short, sometimes mid-word) cannot say whether the kernel got further.
    const stopped = boot.panics.length > 0 || boot.events.some((e) => e.type === 'panic' || e.type === 'trap' || e.type === 'init-died' || e.type === 'rebooting');
    ctx.report({ messageId: stopped ? 'missing' : 'cutShort', evidence: last ? [last] : [], data });
  },
});

/** `nvme0: unable to create io q` (stock kernels on Graviton). */
export function nvmeFailure(devices: readonly { driver: string; name: string; details: readonly Source[] }[]): { device: string; source: Source } | null {
  for (const d of devices) {
    if (d.driver !== 'nvme') continue;
    const s = d.details.find((x) => /unable to create io q/.test(x.text));
    if (s) return { device: d.name, source: s };
  }
  return null;
}
