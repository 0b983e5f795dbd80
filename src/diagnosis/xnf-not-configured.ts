import type { DiagnosisRule } from './types.js';

export const xnfNotConfigured: DiagnosisRule = {
  id: 'xnf-not-configured',
  detect({ facts, status }) {
    const boot = facts.boot;
    if (boot === null || status('nic-attach') !== 'fail' || status('xen-attach') !== 'pass') return null;
    const vif = boot.unconfigured.filter((u) => u.name === 'vif' && u.parent.startsWith('xen'));
    if (vif.length === 0) return null;
    return {
      summary: 'xen0 attached but its network device "vif" is not configured: the kernel lacks xnf(4)',
      remedy: 'Use a kernel with xnf(4) (GENERIC since 5.9); a custom kernel config needs `xnf* at xen?`.',
      evidence: vif,
    };
  },
};
