import type { DiagnosisRule } from './types.js';

export const consoleTruncated: DiagnosisRule = {
  id: 'console-truncated',
  detect({ facts }) {
    const boot = facts.boot;
    if (boot === null || !boot.truncatedStart) return null;
    const first = boot.devices[0] ?? boot.events[0] ?? boot.other[0];
    return {
      summary: 'the judged boot has no start: the log begins after its kernel banner (EC2 keeps only the last 64 KB)',
      remedy:
        'Capture the console from the start: `bootgate launch` polls from the first byte; on Nitro `get-console-output --latest` gives the live tail. '
        + 'Fewer CPUs (shorter cpuN attach blocks) also keep the start inside 64 KB.',
      evidence: first ? [{ line: first.line, text: first.text }] : [],
    };
  },
};
