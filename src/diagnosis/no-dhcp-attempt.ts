import { platformNics } from '../platform/nics.js';
import type { DiagnosisRule } from './types.js';

export const noDhcpAttempt: DiagnosisRule = {
  id: 'no-dhcp-attempt',
  detect({ facts, finding, platform }) {
    const f = finding('dhcp-lease');
    if (facts.boot === null || f?.status !== 'fail' || !/no DHCP activity/.test(f.message)) return null;
    const nic = platformNics(facts.boot, platform)[0]?.device.name ?? 'xnf0';
    return {
      summary: 'the network was started but nothing asked for DHCP',
      remedy: `Create /etc/hostname.${nic} containing \`dhcp\` (\`inet autoconf\` on 7.x) in the image.`,
      evidence: f.evidence,
    };
  },
};
