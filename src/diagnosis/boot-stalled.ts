import type { DiagnosisRule } from './types.js';

export const bootStalled: DiagnosisRule = {
  id: 'boot-stalled',
  detect({ facts, finding, stallExplained }) {
    const f = finding('login-prompt');
    // Said only when nothing found above it explains the stop (a panic, no root, no console, …).
    if (facts.boot === null || f?.status !== 'fail' || stallExplained) return null;
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
