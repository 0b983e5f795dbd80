import type { DiagnosisRule } from './types.js';

export const kernelLacksXen: DiagnosisRule = {
  id: 'kernel-lacks-xen',
  detect({ facts, status, finding }) {
    if (facts.boot === null || status('xen-attach') !== 'fail') return null;
    const release = facts.release;
    const old = release !== null && (release.major < 5 || (release.major === 5 && release.minor < 9));
    return {
      summary: old
        ? `Xen HVM domU, but OpenBSD ${release.text} predates xen(4) and xnf(4) (5.9): no network interface`
        : 'Xen HVM domU (bios0 and the XenSource platform device say so), but no xen0: the kernel was built without xen(4), so there is no xnf(4) NIC',
      remedy: 'Boot a kernel with xen(4) and xnf(4): OpenBSD 5.9 or later, GENERIC or GENERIC.MP (a custom config must keep `xen* at pvbus?` and `xnf* at xen?`).',
      evidence: finding('xen-attach')?.evidence ?? [],
    };
  },
};
