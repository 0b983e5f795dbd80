import { ramdiskRoot } from '../model/queries.js';
import type { DiagnosisRule } from './types.js';

/**
 * The image booted a RAMDISK kernel (bsd.rd: the installer, or a custom RAMDISK with its own
 * script) instead of the installed system: its root is in the kernel image, it runs
 * install.sub or its script, and it never brings up the system on the disk, so there is no
 * multi-user boot, lease, banner or login to judge.
 */
export const ramdiskKernel: DiagnosisRule = {
  id: 'ramdisk-kernel',
  explainsStall: true,
  detect({ facts, finding }) {
    const boot = facts.boot;
    const root = boot === null ? null : ramdiskRoot(boot);
    if (boot === null || root === null) return null;
    // Not multi-user: failed, or the log ends in the RAMDISK's own output (the installer's question).
    const login = finding('login-prompt')?.status;
    if (login !== 'fail' && login !== 'inconclusive') return null;
    const last = facts.lastLine;
    const kernel = boot.kernel.name ? ` (${boot.kernel.name})` : '';
    return {
      summary:
        `a RAMDISK kernel${kernel} booted, root on ${root.device}: it runs the installer or its own script from the kernel image, never the system on the disk`
        + (last ? `; its output ends at line ${last.line}: \`${last.text.trim()}\`` : ''),
      remedy:
        'The image boots bsd.rd (or another RAMDISK kernel) instead of the installed kernel: make /bsd the GENERIC (GENERIC.MP) kernel, '
        + 'check that /etc/boot.conf does not `boot` bsd.rd, and rebuild the image. If booting the installer is the point (an autoinstall image), gate the image it installs.',
      evidence: last && last.line !== root.line ? [root, last] : [root],
    };
  },
};
