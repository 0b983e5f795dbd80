import type { Source } from '../model/source.js';
import { RC_EVENTS } from '../model/boot-facts.js';
import { defineRule } from './types.js';

export const rootDevice = defineRule({
  id: 'root-device',
  meta: {
    description: 'The kernel found its root device by itself; the interactive `root device:` prompt or an unusable NVMe disk is a fail.',
    severity: 'blocker',
    messages: {
      found: { status: 'pass', text: 'root on {{device}}' },
      impliedByRc: { status: 'pass', text: 'no `root on` line in the log, but rc(8) ran from the root file system' },
      prompt: { status: 'fail', text: 'the kernel asked `root device:` — it did not find its root disk' },
      nvmeDead: { status: 'fail', text: '{{device}}: unable to create io q: the EBS disk is unusable' },
      notYet: { status: 'inconclusive', text: 'no root device yet' },
      lost: { status: 'inconclusive', text: 'no `root on` line, but the log starts after the kernel banner: it may be in the lost part' },
      missing: { status: 'fail', text: 'the boot ends (line {{line}}) without mounting a root device' },
    },
  },
  check(boot, ctx) {
    if (boot === null) return;
    const prompt = boot.rootPrompts[0];
    if (prompt) return ctx.report({ messageId: 'prompt', evidence: [prompt] });
    const nvme = nvmeFailure(boot.devices);
    if (nvme) return ctx.report({ messageId: 'nvmeDead', evidence: [nvme.source], data: { device: nvme.device } });
    if (boot.root) return ctx.report({ messageId: 'found', evidence: [boot.root], data: { device: boot.root.device } });
    const rc = boot.events.find((e) => RC_EVENTS.has(e.type));
    if (rc) return ctx.report({ messageId: 'impliedByRc', evidence: [rc] });
    if (ctx.inProgress) return ctx.report({ messageId: 'notYet' });
    if (boot.truncatedStart) return ctx.report({ messageId: 'lost' });
    const last = ctx.facts.lastLine;
    ctx.report({ messageId: 'missing', evidence: last ? [last] : [], data: { line: last?.line ?? boot.endLine } });
  },
});

/** `nvme0: unable to create io q` (stock kernels on Graviton, DOMAIN.md §2). */
export function nvmeFailure(devices: readonly { driver: string; name: string; details: readonly Source[] }[]): { device: string; source: Source } | null {
  for (const d of devices) {
    if (d.driver !== 'nvme') continue;
    const s = d.details.find((x) => /unable to create io q/.test(x.text));
    if (s) return { device: d.name, source: s };
  }
  return null;
}
