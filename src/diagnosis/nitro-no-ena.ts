import { ec2Advice } from '../platform/ec2-advice.js';
import type { DiagnosisRule } from './types.js';

/** ENA PCI device ids (vendor 0x1d0f): PF, VF, and the LLQ variants. */
const ENA_PRODUCTS = new Set(['0xec20', '0xec21', '0x0ec2', '0x1ec2']);

export const nitroNoEna: DiagnosisRule = {
  id: 'nitro-no-ena',
  detect({ facts, status, platform }) {
    const boot = facts.boot;
    if (boot === null || (platform.id !== 'nitro-x86' && platform.id !== 'graviton') || status('nic-attach') !== 'fail') return null;
    const ena = boot.unconfigured.filter(
      (u) =>
        (u.vendorId?.toLowerCase() === '0x1d0f' || u.vendorName === 'Amazon.com')
        && (ENA_PRODUCTS.has(u.productId?.toLowerCase() ?? '') || /\bclass network\b/.test(u.description ?? '') || /Elastic Network Adapter/.test(u.name)),
    );
    return {
      summary: ena.length > 0
        ? 'Nitro instance: the Amazon ENA NIC is present but not configured'
        : 'Nitro instance: no NIC attached (its only NIC is the Amazon ENA)',
      remedy: ec2Advice(boot, platform).noNic,
      evidence: ena,
    };
  },
};
