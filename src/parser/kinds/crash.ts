import type { BootEvent } from '../../model/events.js';
import { FRAME_START, guardedHead, head, wordRunEnd } from './head.js';
import { kind } from './kind.js';

/*
 * panic(9), traps and ddb(4). Each line that starts a crash hands the assembler its panic
 * kind and message; the assembler groups a crash with its trace and ddb session.
 */

/** `panic: init died (signal 0, exit 1)` */
export const Panic = kind('Panic', {
  head: head(/panic: /),
  continues: 'crash',
  build: (a, boot, line, text) => {
    const message = text.replace(/^panic:\s*/, '');
    const events: BootEvent[] = [{ type: 'panic', line, text, message }];
    if (/^init died\b/.test(message)) events.push({ type: 'init-died', line, text });
    a.crash(boot, 'panic', line, text, message, events);
  },
});

/** A ddb trace frame: `panic() at panic+0x10b`; precedes Trap because `uvm_fault(…) at …` is a frame. */
export const TraceFrame = kind('TraceFrame', {
  head: guardedHead(/[\w.]{1,80}\([^\n]{0,400}?\) at [\w.]{1,80}\+0x/, (t, o) => t.charCodeAt(wordRunEnd(t, o)) === 40, FRAME_START),
  continues: 'crash',
  build: (a, boot, line, text) => a.traceFrame(boot, line, text),
});

/** amd64/i386 trap(), arm64 `Fatal kernel mode data abort`. */
export const Trap = kind('Trap', {
  head: head(/uvm_fault\(|kernel: [\w ]{1,40} trap|fatal [\w ]{1,40} (?:fault|trap)|Fatal kernel mode /, ['u', 'k', 'f', 'F']),
  continues: 'crash',
  build: (a, boot, line, text) => a.crash(boot, 'trap', line, text, text, [{ type: 'trap', line, text, message: text }]),
});

const NO_EVENTS: readonly BootEvent[] = [];

/** witness(4): `witness: lock order reversal:`, then the two locks and where each order was first seen. */
export const Witness = kind('Witness', {
  head: head(/witness: lock order reversal/),
  continues: 'crash',
  build: (a, boot, line, text) => a.crash(boot, 'witness', line, text, text.replace(/^witness:\s*/, '').trim(), NO_EVENTS),
});

/** A KASAN report: `KASAN: invalid write of 20 bytes at 0x… from pc 0x…`, `KASAN: pc: f+0x636`, … */
export const Kasan = kind('Kasan', {
  head: head(/KASAN: /),
  continues: 'crash',
  build: (a, boot, line, text) => a.crash(boot, 'kasan', line, text, text, NO_EVENTS),
});

/** assert(9) without its `panic: ` prefix (cut off by another CPU's output): `kernel diagnostic assertion "…" failed`. */
export const Assertion = kind('Assertion', {
  head: head(/kernel (?:diagnostic )?assertion "/),
  continues: 'crash',
  build: (a, boot, line, text) => a.crash(boot, 'assertion', line, text, text, NO_EVENTS),
});

/** `Stopped at      db_enter+0x18:  addq    $0x8,%rsp` → "db_enter+0x18" */
export function stoppedAt(text: string): string {
  const m = /^Stopped at\s+([^\s:]+)/.exec(text);
  return m ? m[1]! : '';
}

export const StoppedAt = kind('StoppedAt', {
  head: head(/Stopped at\s/),
  continues: 'crash',
  build: (a, boot, line, text) => {
    const symbol = stoppedAt(text);
    boot.events.push({ type: 'stopped-at', line, text, symbol });
    a.stoppedAt(boot, line, text, symbol);
  },
});

/** `ddb{1}>` → 1, `ddb>` → null */
export function ddbCpu(text: string): number | null {
  const m = /^ddb\{(\d+)\}>/.exec(text);
  return m ? Number(m[1]) : null;
}

export const DdbPrompt = kind('DdbPrompt', {
  head: head(/ddb(?:\{\d+\})?>/),
  continues: 'crash',
  build: (a, boot, line, text) => {
    boot.events.push({ type: 'ddb-prompt', line, text, cpu: ddbCpu(text) });
    a.ddbPrompt(boot, line, text);
  },
});
