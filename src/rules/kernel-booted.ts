import { defineRule } from './types.js';

export const kernelBooted = defineRule({
  id: 'kernel-booted',
  meta: {
    description: 'The judged boot has an OpenBSD kernel banner.',
    severity: 'blocker',
    messages: {
      booted: { status: 'pass', text: 'OpenBSD {{release}} ({{name}}) booted' },
      bannerLost: { status: 'inconclusive', text: 'the log starts after the kernel banner (EC2 keeps only the last 64 KB): the kernel ran, its version is unknown' },
      notYet: { status: 'inconclusive', text: 'boot loader seen, no kernel banner yet' },
      noKernel: { status: 'fail', text: 'the boot loader ran but no kernel banner followed' },
    },
  },
  check(boot, ctx) {
    if (boot === null) return;
    const k = boot.kernel;
    if (k.line !== null) {
      ctx.report({
        messageId: 'booted',
        evidence: [{ line: k.line, text: k.text ?? '' }],
        data: { release: `${k.version ?? '?'}${k.suffix ?? ''}`, name: k.name ?? '?' },
      });
    } else if (boot.truncatedStart) {
      ctx.report({ messageId: 'bannerLost', evidence: firstLine(boot) });
    } else {
      ctx.report({ messageId: ctx.inProgress ? 'notYet' : 'noKernel', evidence: boot.loader.slice(-1) });
    }
  },
});

function firstLine(boot: { startLine: number; devices: readonly { line: number; text: string }[] }) {
  const d = boot.devices[0];
  return d ? [{ line: d.line, text: d.text }] : [];
}
