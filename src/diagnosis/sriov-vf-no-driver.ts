import type { DiagnosisRule } from './types.js';

export const sriovVfNoDriver: DiagnosisRule = {
  id: 'sriov-vf-no-driver',
  detect({ facts, status }) {
    const boot = facts.boot;
    if (boot === null || status('nic-attach') !== 'fail') return null;
    const vf = boot.unconfigured.filter(
      (u) => /82599 VF|X540 VF|Virtual Function/.test(u.name) || (u.vendorId?.toLowerCase() === '0x8086' && /^0x(10ed|1515|1565|15a8)$/i.test(u.productId ?? '')),
    );
    if (vf.length === 0) return null;
    return {
      summary: 'the NIC is an Intel 82599 virtual function (SR-IOV) and no driver configured it',
      remedy:
        'ixv(4) supports it only since OpenBSD 7.7: boot 7.7 or later, or register the AMI without sriovNetSupport (leave it unset) so the instance gets the xnf(4) netfront NIC.',
      evidence: vf,
    };
  },
};
