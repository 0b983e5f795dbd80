import { crashTitle } from '../model/crash-title.js';
import { earlierPanic } from '../model/queries.js';
import type { DiagnosisRule } from './types.js';

/** Kinds that are a crash with a message of its own; `debugger` and `witness` are kernel-debugger's. */
const PANIC_KINDS: ReadonlySet<string> = new Set(['panic', 'trap', 'assertion', 'kasan']);

export const kernelPanic: DiagnosisRule = {
  id: 'kernel-panic',
  explainsStall: true,
  detect({ model, facts, status, finding }) {
    const boot = facts.boot;
    if (boot === null || status('no-panic') !== 'fail') return null;
    const first = finding('no-panic')?.evidence[0];
    // A live run holds an earlier boot's crash against the instance (it rebooted and came up again):
    // no-panic then failed on that crash, its evidence the crash's line.
    const crashBefore = boot.panics.length === 0 ? earlierPanic(model) : undefined;
    const earlier = crashBefore !== undefined && crashBefore.line === first?.line ? crashBefore : undefined;
    const p = boot.panics[0] ?? earlier;
    if (p && !PANIC_KINDS.has(p.kind)) return null;
    const frames = p ? p.frames.slice(0, 3).map((f) => f.text.trim().replace(/\s+at\s+.*$/, '')) : [];
    const what = p ? crashTitle(p).replace(/^panic: /, '') : first?.text ?? '(message not in the log)';
    return {
      summary:
        `the kernel panicked${earlier ? ' in an earlier boot of this instance, which then rebooted' : ''}: ${what}`
        + `${p?.stoppedAt ? ` (stopped at ${p.stoppedAt})` : ''}${frames.length ? `; trace: ${frames.join(' < ')}` : ''}`,
      remedy:
        'Read the panic message and the first trace frames: a driver name there (xnf, nvme, ena, vio …) points at the device this instance type presents. '
        + (earlier ? 'The next boot came up, so it may not crash every time: launch it several times before publishing. ' : '')
        + 'Try the errata kernel (syspatch) or a newer snapshot, or another instance type; report it with the full trace and dmesg (sendbug(1)).',
      evidence: [...(p ? [{ line: p.line, text: p.text }, ...p.frames.slice(0, 3)] : finding('no-panic')?.evidence ?? [])],
    };
  },
};
