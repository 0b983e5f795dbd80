import { crashTitle, faultingFunction } from '../model/crash-title.js';
import { earlierPanic, eventsOf } from '../model/queries.js';
import { defineRule } from './types.js';

/** Single lines that mean the kernel crashed or stopped in ddb(4), should no crash block hold them. */
const CRASH_EVENTS: ReadonlySet<string> = new Set(['panic', 'trap', 'stopped-at', 'ddb-prompt']);

export const noPanic = defineRule({
  id: 'no-panic',
  meta: {
    description: 'The judged boot did not panic, trap, fail an assertion, report KASAN or witness trouble, or stop in ddb(4).',
    severity: 'blocker',
    messages: {
      clean: { status: 'pass', text: 'no panic in the judged boot' },
      cleanAfterEarlier: { status: 'pass', text: 'no panic in the judged boot (an earlier boot in the buffer panicked at line {{line}})' },
      earlierBoot: { status: 'fail', text: 'an earlier boot of this instance crashed ({{title}}), then it rebooted' },
      panic: { status: 'fail', text: '{{title}}' },
      debugger: { status: 'fail', text: 'the kernel stopped in ddb(4){{at}} and no panic message is readable' },
      initDied: { status: 'fail', text: 'init died: the kernel panics without a working userland' },
    },
  },
  check(boot, ctx) {
    if (boot === null) return;
    const p = boot.panics[0];
    if (p) {
      const evidence = [{ line: p.line, text: p.text }, ...p.frames.slice(0, 3)];
      if (p.kind === 'debugger') {
        const fn = faultingFunction(p);
        const at = `${p.stoppedAt ? ` at ${p.stoppedAt}` : ''}${fn !== null && !(p.stoppedAt ?? '').startsWith(`${fn}+`) ? ` (in ${fn})` : ''}`;
        return ctx.report({ messageId: 'debugger', evidence, data: { at } });
      }
      return ctx.report({ messageId: 'panic', evidence, data: { title: crashTitle(p) } });
    }
    // Defence in depth: the parser puts these lines in crash blocks, but a lone one still fails.
    const loose = boot.events.find((e) => CRASH_EVENTS.has(e.type));
    if (loose) {
      const message = 'message' in loose ? loose.message : loose.text.trim();
      return ctx.report({ messageId: 'panic', evidence: [loose], data: { title: message } });
    }
    const died = eventsOf(boot, 'init-died')[0];
    if (died) return ctx.report({ messageId: 'initDied', evidence: [died] });
    const earlier = earlierPanic(ctx.model);
    if (earlier && ctx.ownInstance) return ctx.report({ messageId: 'earlierBoot', evidence: [{ line: earlier.line, text: earlier.text }, ...earlier.frames.slice(0, 3)], data: { title: crashTitle(earlier) } });
    if (earlier) return ctx.report({ messageId: 'cleanAfterEarlier', evidence: [{ line: earlier.line, text: earlier.text }], data: { line: earlier.line } });
    ctx.report({ messageId: 'clean' });
  },
});
