import type { Boot, Unconfigured } from '../model/boot-model.js';
import { describeNics, misplacedNics, platformNics } from '../platform/nics.js';
import { defineRule } from './types.js';

export const nicAttach = defineRule({
  id: 'nic-attach',
  meta: {
    description: "The platform's NIC attached under the right parent (xnf0 at xen0 on Xen).",
    severity: 'blocker',
    messages: {
      attached: { status: 'pass', text: '{{nic}} attached at {{parent}}' },
      anyNic: { status: 'pass', text: '{{nic}} attached at {{parent}} (no platform NIC table: any device with a MAC counts)' },
      misplaced: { status: 'fail', text: '{{nic}} attached at {{parent}}, expected {{expected}}' },
      unknownNic: { status: 'inconclusive', text: 'no device printed a MAC address, and {{platform}} has no NIC table to check against' },
      lost: { status: 'inconclusive', text: 'no {{expected}}, but the log starts after the kernel banner: it may be in the lost part' },
      notYet: { status: 'inconclusive', text: 'no NIC attached yet (expected {{expected}})' },
      missing: { status: 'fail', text: 'no NIC attached: expected {{expected}}{{why}}' },
    },
  },
  check(boot, ctx) {
    if (boot === null) return;
    const nics = platformNics(boot, ctx.platform);
    const first = nics[0];
    if (first) {
      return ctx.report({
        messageId: first.expectation === null ? 'anyNic' : 'attached',
        evidence: nics.map((n) => n.device),
        data: { nic: nics.map((n) => n.device.name).join(', '), parent: first.device.parent },
      });
    }
    if (ctx.platform.nics.length === 0) {
      if (ctx.inProgress && !ctx.facts.attachOver) return ctx.report({ messageId: 'notYet', data: { expected: 'a device with a MAC address' } });
      return ctx.report({ messageId: 'unknownNic', data: { platform: ctx.platform.name } });
    }
    const expected = describeNics(ctx.platform);
    const wrong = misplacedNics(boot, ctx.platform)[0];
    if (wrong) return ctx.report({ messageId: 'misplaced', evidence: [wrong], data: { nic: wrong.name, parent: wrong.parent, expected } });
    if (boot.truncatedStart) return ctx.report({ messageId: 'lost', data: { expected } });
    if (ctx.inProgress && !ctx.facts.attachOver) return ctx.report({ messageId: 'notYet', data: { expected } });
    const suspects = unconfiguredNics(boot);
    ctx.report({
      messageId: 'missing',
      evidence: suspects,
      data: { expected, why: suspects.length > 0 ? `; the NIC hardware is present but not configured` : '' },
    });
  },
});

/** Unconfigured devices that are NICs: a Xen `vif`, a PCI network-class device. */
function unconfiguredNics(boot: Boot): Unconfigured[] {
  return boot.unconfigured.filter(
    (u) => u.name === 'vif' || /\bclass network\b/.test(u.description ?? '') || /\b(Ethernet|Network Adapter|82599 VF)\b/i.test(u.name),
  );
}
