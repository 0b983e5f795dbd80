import { eventsOf } from '../model/queries.js';
import { defineRule } from './types.js';

export const noPanic = defineRule({
  id: 'no-panic',
  meta: {
    description: 'The judged boot did not panic or trap into ddb(4).',
    severity: 'blocker',
    messages: {
      clean: { status: 'pass', text: 'no panic in the judged boot' },
      cleanAfterEarlier: { status: 'pass', text: 'no panic in the judged boot (an earlier boot in the buffer panicked at line {{line}})' },
      panic: { status: 'fail', text: '{{kind}}: {{message}}' },
      initDied: { status: 'fail', text: 'init died: the kernel panics without a working userland' },
    },
  },
  check(boot, ctx) {
    if (boot === null) return;
    const p = boot.panics[0];
    if (p) {
      return ctx.report({
        messageId: 'panic',
        evidence: [{ line: p.line, text: p.text }, ...p.frames.slice(0, 3)],
        data: { kind: p.kind === 'trap' ? 'kernel trap' : 'panic', message: p.message },
      });
    }
    // The parser puts lone panic/trap lines in events when no ddb context follows.
    const loose = boot.events.find((e) => e.type === 'panic' || e.type === 'trap');
    if (loose && (loose.type === 'panic' || loose.type === 'trap')) {
      return ctx.report({ messageId: 'panic', evidence: [loose], data: { kind: loose.type === 'trap' ? 'kernel trap' : 'panic', message: loose.message } });
    }
    const died = eventsOf(boot, 'init-died')[0];
    if (died) return ctx.report({ messageId: 'initDied', evidence: [died] });
    const earlier = ctx.model.boots.slice(0, -1).flatMap((b) => b.panics)[0];
    if (earlier) return ctx.report({ messageId: 'cleanAfterEarlier', evidence: [{ line: earlier.line, text: earlier.text }], data: { line: earlier.line } });
    ctx.report({ messageId: 'clean' });
  },
});
