import type { DiagnosisRule } from './types.js';

export const dhcpNoOffer: DiagnosisRule = {
  id: 'dhcp-no-offer',
  detect({ facts, finding }) {
    const f = finding('dhcp-lease');
    if (facts.boot === null || f?.status !== 'fail' || !/never got a lease/.test(f.message)) return null;
    return {
      summary: 'DHCP was attempted and never answered',
      remedy:
        "The VPC's DHCP did not answer: check the subnet's DHCP options set (associate the default one), "
        + 'that the network ACL allows UDP 67/68, and that the ENI has a private address. If other AMIs lease in the same subnet, suspect the NIC driver (xnf(4) MTU/offload).',
      evidence: f.evidence,
    };
  },
};
