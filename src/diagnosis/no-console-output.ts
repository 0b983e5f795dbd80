import type { DiagnosisRule } from './types.js';

export const noConsoleOutput: DiagnosisRule = {
  id: 'no-console-output',
  explainsStall: true,
  detect({ model, inProgress }) {
    if (model.boots.length > 0) return null;
    return {
      summary: model.lineCount === 0 ? 'the console output is empty' : `no OpenBSD boot in ${model.lineCount} line(s) of console output`,
      remedy: inProgress
        ? 'Nothing to judge yet: EC2 posts Xen console output late (minutes after start). Keep polling.'
        : 'Fetch the console again (on Xen it lags by minutes). If it stays empty, the boot loader does not reach the serial port: '
          + 'put `set tty com0` in /etc/boot.conf, and check the AMI boot mode (Xen types are legacy BIOS only, Graviton is UEFI only).',
      evidence: model.preamble.slice(0, 3),
    };
  },
};
