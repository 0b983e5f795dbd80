import { atLeast } from '../model/release.js';
import { driverOf } from '../platform/detect.js';
import { defineRule } from './types.js';

export const xenAttach = defineRule({
  id: 'xen-attach',
  meta: {
    description: 'xen(4) attached at pvbus0 on a Xen HVM instance (since OpenBSD 5.9).',
    severity: 'blocker',
    messages: {
      attached: { status: 'pass', text: 'xen0 at pvbus0' },
      notXen: { status: 'skip', text: 'not a Xen platform ({{platform}})' },
      lost: { status: 'inconclusive', text: 'no xen0 line, but the log starts after the kernel banner: it may be in the lost part' },
      notYet: { status: 'inconclusive', text: 'no xen0 at pvbus0 yet' },
      tooOld: { status: 'fail', text: 'no xen0 at pvbus0: OpenBSD {{release}} predates xen(4) (5.9), so there is no xnf(4) NIC' },
      missing: { status: 'fail', text: 'no xen0 at pvbus0 on a Xen HVM domU: the kernel lacks xen(4), so there is no xnf(4) NIC' },
    },
  },
  check(boot, ctx) {
    if (boot === null) return;
    if (!ctx.platform.xen) return ctx.report({ messageId: 'notXen', data: { platform: ctx.platform.name } });
    const xen = boot.devices.find((d) => d.driver === 'xen' && driverOf(d.parent) === 'pvbus');
    if (xen) return ctx.report({ messageId: 'attached', evidence: [xen] });
    if (boot.truncatedStart) return ctx.report({ messageId: 'lost' });
    if (ctx.inProgress && !ctx.facts.attachOver) return ctx.report({ messageId: 'notYet' });
    // Show why we believe this is Xen: the bios0 and XenSource platform device lines.
    const evidence = [
      ...boot.devices.filter((d) => d.driver === 'xspd' || d.driver === 'pvbus'),
      ...boot.devices.filter((d) => d.driver === 'bios').flatMap((d) => d.details.filter((s) => /Xen/.test(s.text))),
    ].sort((a, b) => a.line - b.line);
    const release = ctx.facts.release;
    if (release !== null && !atLeast(release, '5.9')) return ctx.report({ messageId: 'tooOld', evidence, data: { release: release.text } });
    ctx.report({ messageId: 'missing', evidence });
  },
});
