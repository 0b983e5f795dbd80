import { faultingFunction } from '../model/crash-title.js';
import type { DiagnosisRule } from './types.js';

/**
 * The kernel stopped in ddb(4) without a readable panic: witness(4) found a lock order
 * reversal (ddb's `show panic` answers "the kernel did not panic"), or the `panic:` line was
 * cut by another CPU's output. Either way the machine sits at the `ddb>` prompt: no userland.
 * A WITNESS kernel without WITNESS_WATCH prints the reversal and goes on; the summary says so.
 */
export const kernelDebugger: DiagnosisRule = {
  id: 'kernel-debugger',
  explainsStall: true,
  detect({ facts, status }) {
    const boot = facts.boot;
    if (boot === null || status('no-panic') !== 'fail') return null;
    const p = boot.panics[0];
    if (!p || (p.kind !== 'debugger' && p.kind !== 'witness')) return null;
    const fn = p.kind === 'debugger' ? faultingFunction(p) : null;
    const frames = p.frames.slice(0, 3).map((f) => f.text.trim().replace(/\s+at\s+.*$/, ''));
    const why = p.kind === 'witness' ? `witness(4) ${p.message}` : p.message !== '' ? `last kernel line before it (line ${p.line}): \`${p.message}\`` : 'no kernel line before it';
    // Without WITNESS_WATCH a reversal is printed with its stack and the kernel goes on.
    const stopped = p.kind !== 'witness' || p.stoppedAt !== null || p.ddb;
    const what = stopped ? `the kernel stopped in ddb(4)${p.stoppedAt ? ` at ${p.stoppedAt}` : ''}` : 'the kernel reported a lock order reversal and went on (no ddb stop on the console)';
    return {
      summary:
        `${what}${fn !== null && !(p.stoppedAt ?? '').startsWith(`${fn}+`) ? ` (in ${fn})` : ''}: ${why}`
        + `${frames.length ? `; trace: ${frames.join(' < ')}` : ''}`,
      remedy:
        (p.kind === 'witness'
          ? 'A kernel built with WITNESS reports lock order reversals (and with WITNESS_WATCH stops in ddb at one); a release kernel does not have it. Boot the GENERIC kernel, or report the reversal with both stacks (sendbug(1)). '
          : 'The panic message was lost (another CPU printed over it, or the capture missed it). ')
        + (stopped
          ? 'In ddb, `show panic`, `trace` and `ps` say more; on EC2 nobody can type there: reproduce it on a console you can reach, or set ddb.panic=0 (sysctl(8)) so the kernel reboots and the next boot can save a dump.'
          : 'The stacks printed with it are what a report needs.'),
      evidence: [{ line: p.line, text: p.text }, ...p.frames.slice(0, 3)],
    };
  },
};
