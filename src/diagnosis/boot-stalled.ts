import type { DiagnosisRule } from './types.js';

/** Diagnoses that already explain a boot that did not reach multi-user. */
const CAUSES = ['no-console-output', 'kernel-panic', 'kernel-debugger', 'root-not-found', 'console-not-serial', 'ramdisk-kernel'];

export const bootStalled: DiagnosisRule = {
  id: 'boot-stalled',
  detect({ facts, finding, found }) {
    const f = finding('login-prompt');
    if (facts.boot === null || f?.status !== 'fail' || CAUSES.some((c) => found.has(c))) return null;
    const last = facts.lastLine;
    return {
      summary: `output stops at line ${last?.line ?? '?'} before multi-user${last ? `: \`${last.text.trim()}\`` : ''}`,
      remedy:
        'Look at what the boot does right after that line (fsck of a dirty disk waits for a human; a daemon waits for the network or DNS). '
        + 'If the capture was taken early, fetch the console again: on Xen it is posted in snapshots that lag by minutes.',
      evidence: last ? [last] : [],
    };
  },
};
