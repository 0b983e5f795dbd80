import type { DiagnosisRule } from './types.js';

export const kernelPanic: DiagnosisRule = {
  id: 'kernel-panic',
  detect({ facts, status, finding }) {
    const boot = facts.boot;
    if (boot === null || status('no-panic') !== 'fail') return null;
    const p = boot.panics[0];
    const first = finding('no-panic')?.evidence[0];
    const frames = p ? p.frames.slice(0, 3).map((f) => f.text.trim().replace(/\s+at\s+.*$/, '')) : [];
    return {
      summary: `the kernel panicked: ${p ? p.message : first?.text ?? '(message not in the log)'}${p?.stoppedAt ? ` (stopped at ${p.stoppedAt})` : ''}${frames.length ? `; trace: ${frames.join(' < ')}` : ''}`,
      remedy:
        'Read the panic message and the first trace frames: a driver name there (xnf, nvme, ena, vio …) points at the device this instance type presents. '
        + 'Try the errata kernel (syspatch) or a newer snapshot, or another instance type; report it with the full trace and dmesg (sendbug(1)).',
      evidence: [...(p ? [{ line: p.line, text: p.text }, ...p.frames.slice(0, 3)] : finding('no-panic')?.evidence ?? [])],
    };
  },
};
