import { eventsOf } from '../model/queries.js';
import type { DiagnosisRule } from './types.js';

/** Without a network the agent cannot reach instance metadata: those explain a missing banner. */
const NETWORK_CAUSES = ['kernel-lacks-xen', 'nitro-no-ena', 'sriov-vf-no-driver', 'xnf-not-configured', 'no-dhcp-attempt', 'dhcp-no-offer'];

export const bannerMissing: DiagnosisRule = {
  id: 'banner-missing',
  detect({ facts, finding, found }) {
    const boot = facts.boot;
    const f = finding('fingerprint-banner');
    if (boot === null || f?.status !== 'fail' || !/^no fingerprint banner/.test(f.message)) return null;
    if (NETWORK_CAUSES.some((c) => found.has(c)) || finding('nic-attach')?.status === 'fail') return null;
    const sshd = eventsOf(boot, 'daemons').find((d) => d.names.includes('sshd'));
    if (!sshd) return null;
    return {
      summary: 'sshd started but no first-boot agent printed the host key fingerprints',
      remedy:
        'Install the first-boot agent (ec2-init: it prints the fingerprints through `logger -s -t ec2` from rc.firsttime). '
        + 'If it is installed, it probably could not reach instance metadata: with IMDSv2 required (HttpTokens=required) its plain GETs get 401 — '
        + 'launch with --metadata-options HttpTokens=optional, or use an agent that speaks IMDSv2. If the image prints it under another logger tag (or not at all), say so in a policy file — {"banner":{"tag":…}} or {"banner":false} — passed to `check --expect FILE` or `launch --expect FILE` (with the rule off, launch can prove the SSH host key only from an sshd fingerprint line; or judge the console alone with --no-ssh).',
      evidence: [sshd, ...f.evidence],
    };
  },
};
