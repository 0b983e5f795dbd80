import type { Diagnosis } from '../verdict/types.js';
import type { ProgressPoint } from './progress-points.js';
import { formatDuration } from '../report/text-util.js';

export interface SettledPort {
  /** reset: every connection refused; silent: no answer at all. */
  readonly state: 'reset' | 'silent';
  readonly address: string;
  readonly port: number;
  readonly graceMs: number;
  /** The console line showing sshd started (evidence). */
  readonly sshdLine: ProgressPoint | null;
  /** Where bootgate connected from, when the socket said. */
  readonly from: string | null;
  /** The instance's security groups (the ones launched with, or DescribeInstances's). */
  readonly securityGroupIds: readonly string[];
}

/**
 * The live-only diagnoses for an SSH port that stayed shut after the console showed sshd
 * started: refused means the guest's network stack answers but sshd does not listen (the
 * image); silence means the packets never arrive (the network around the instance).
 */
export function sshPortDiagnosis(p: SettledPort): Diagnosis {
  const target = `${p.address}:${p.port}`;
  const grace = formatDuration(p.graceMs);
  const evidence = p.sshdLine ? [{ line: p.sshdLine.line, text: p.sshdLine.text }] : [];
  if (p.state === 'reset') {
    return {
      id: 'sshd-not-listening',
      summary: `the console shows sshd started, but ${target} refused every connection for ${grace}`,
      remedy:
        `The instance's network answers but nothing listens on port ${p.port}: check sshd_config(5) (Port, ListenAddress) and that sshd(8) stays up ` +
        '(rcctl check sshd; /var/log/authlog, /var/log/daemon). If the image runs sshd on another port, pass it with --ssh-port.',
      evidence,
    };
  }
  const groups = p.securityGroupIds.length > 0 ? `security group ${p.securityGroupIds.join(', ')}` : "the instance's security group";
  const from = p.from ? `${p.from} (the address bootgate connected from; behind NAT, its public address)` : 'the address bootgate runs from';
  return {
    id: 'ssh-port-filtered',
    summary: `no answer at all from ${target} for ${grace} although the console shows sshd started: the packets are dropped on the way`,
    remedy:
      `Allow TCP ${p.port} from ${from} to ${target} in ${groups} and in the subnet's network ACL (both directions); ` +
      'check that the instance has a public address (or use --ssh-address private from inside the VPC) and that the subnet routes to an internet gateway. ' +
      'If all of that is open, pf.conf(5) on the image may be dropping it.',
    evidence,
  };
}
