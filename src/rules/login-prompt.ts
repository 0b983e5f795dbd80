import { eventsOf } from '../model/queries.js';
import { nvmeFailure } from './root-device.js';
import { defineRule } from './types.js';

export const loginPrompt = defineRule({
  id: 'login-prompt',
  meta: {
    description: 'The boot reached multi-user: the `OpenBSD/<arch> (host) (tty)` banner or `login:`.',
    severity: 'blocker',
    messages: {
      reached: { status: 'pass', text: 'multi-user reached' },
      notYet: { status: 'inconclusive', text: 'not multi-user yet' },
      lost: { status: 'inconclusive', text: 'no login prompt in the log, which starts after the kernel banner: it may have scrolled out' },
      dmesgOnly: { status: 'inconclusive', text: 'the log ends at the kernel root line: a dmesg excerpt, or a boot that stalled before rc(8)' },
      rebooted: { status: 'inconclusive', text: 'the boot rebooted at line {{line}} before multi-user (an installer or a shutdown): what came after is not in the log' },
      cutShort: { status: 'inconclusive', text: 'the log ends at line {{line}} before the kernel root line: cut short, or the kernel stopped there; the log cannot tell' },
      noConsole: { status: 'fail', text: 'init cannot open /dev/console: the serial console never attached, no login is possible on it' },
      stopped: { status: 'fail', text: 'output stops at line {{line}} before multi-user' },
    },
  },
  check(boot, ctx) {
    if (boot === null) return;
    const f = ctx.facts;
    if (f.multiUser) return ctx.report({ messageId: 'reached', evidence: [f.multiUser] });
    const noConsole = eventsOf(boot, 'console-open-failed')[0];
    if (noConsole && !ctx.inProgress) return ctx.report({ messageId: 'noConsole', evidence: [noConsole] });
    if (ctx.inProgress) return ctx.report({ messageId: 'notYet' });
    // Only the tail is here: a login prompt may have scrolled out before it.
    if (boot.truncatedStart) return ctx.report({ messageId: 'lost' });
    const failed =
      boot.panics.length > 0 || boot.rootPrompts.some((p) => p.answer === null || boot.root === null) || nvmeFailure(boot.devices) !== null || boot.events.some((e) => e.type === 'panic' || e.type === 'trap');
    const rootdev = boot.events.find((e) => e.type === 'root-dev');
    const root = boot.root ?? rootdev;
    if (root && !f.rcStarted && !failed) return ctx.report({ messageId: 'dmesgOnly', evidence: [root] });
    const last = f.lastLine;
    const reboot = eventsOf(boot, 'rebooting')[0];
    if (reboot && !failed && !boot.events.some((e) => e.type === 'init-died')) return ctx.report({ messageId: 'rebooted', evidence: [reboot], data: { line: reboot.line } });
    const stopped = failed || boot.events.some((e) => e.type === 'init-died' || e.type === 'rebooting');
    if (!root && !f.rcStarted && !stopped) return ctx.report({ messageId: 'cutShort', evidence: last ? [last] : [], data: { line: last?.line ?? boot.endLine } });
    ctx.report({ messageId: 'stopped', evidence: last ? [last] : [], data: { line: last?.line ?? boot.endLine } });
  },
});
