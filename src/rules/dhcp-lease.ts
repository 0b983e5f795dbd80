import { atLeast } from '../model/release.js';
import type { Boot } from '../model/boot-model.js';
import type { Source } from '../model/source.js';
import { eventsOf } from '../model/queries.js';
import { platformNics } from '../platform/nics.js';
import { defineRule } from './types.js';

export const dhcpLease = defineRule({
  id: 'dhcp-lease',
  meta: {
    description: 'The NIC got a DHCP lease (by era: dhclient lines up to 6.9; on 7.x dhcpleased is silent, so other evidence or inconclusive).',
    severity: 'major',
    messages: {
      leased: { status: 'pass', text: '{{iface}} leased {{address}}' },
      metadataHost: { status: 'pass', text: 'no lease line (dhcpleased(8) is silent), but hostname {{host}} came from instance metadata: the network was up' },
      sshAnswered: { status: 'pass', text: 'no lease line (dhcpleased(8) is silent), but SSH answered at {{address}}: the network was up' },
      silentEra: { status: 'inconclusive', text: 'OpenBSD {{release}} prints no lease (dhcpleased(8)) and nothing else in the log proves one' },
      noNic: { status: 'fail', text: 'no NIC attached: nothing could lease an address' },
      noOffer: { status: 'fail', text: 'DHCP asked {{count}} time(s) on {{iface}} and never got a lease' },
      noAttempt: { status: 'fail', text: 'network started but no DHCP activity on the console (dhclient prints it up to 6.9)' },
      maybeStatic: { status: 'inconclusive', text: 'network started with no DHCP activity: the address may be static' },
      interrupted: { status: 'inconclusive', text: 'the kernel panicked before a lease could be seen' },
      waiting: { status: 'inconclusive', text: 'DHCP asked on {{iface}}, no lease yet' },
      notYet: { status: 'inconclusive', text: 'the network has not been started yet' },
      beforeNetwork: { status: 'inconclusive', text: 'the log ends before rc(8) started the network' },
    },
  },
  check(boot, ctx) {
    if (boot === null) return;
    const leases = eventsOf(boot, 'dhcp-lease');
    const lease = leases[0];
    if (lease) {
      return ctx.report({
        messageId: 'leased',
        evidence: leases,
        // An address stripped from the log (the seed's `bound to -- renewal`) is still a lease.
        data: { iface: lease.interface ?? 'the NIC', address: lease.address ?? 'an address (not shown in the log)' },
      });
    }
    const nics = platformNics(boot, ctx.platform);
    if (nics.length === 0 && ctx.platform.nics.length > 0 && ctx.facts.attachOver && !boot.truncatedStart) {
      return ctx.report({ messageId: 'noNic' });
    }
    const panic = boot.panics[0] ?? boot.events.find((e) => e.type === 'panic' || e.type === 'trap');
    if (panic) return ctx.report({ messageId: 'interrupted', evidence: [panic] });
    const noOffer = eventsOf(boot, 'dhcp-no-offer');
    const asks = [...eventsOf(boot, 'dhcp-discover'), ...eventsOf(boot, 'dhcp-request')];
    const iface = asks[0]?.interface ?? noOffer[0]?.interface ?? nics[0]?.device.name ?? 'the NIC';
    if (noOffer.length > 0) return ctx.report({ messageId: 'noOffer', evidence: [...asks.slice(-1), ...noOffer], data: { count: asks.length, iface } });
    if (asks.length > 0) {
      const lastAsk = asks.reduce((a, b) => (b.line > a.line ? b : a));
      // rc carries on once dhclient gives up: later rc output means no lease is coming.
      const gaveUp = boot.events.some((e) => e.line > lastAsk.line && !e.type.startsWith('dhcp-'));
      if (ctx.inProgress && !gaveUp) return ctx.report({ messageId: 'waiting', evidence: [lastAsk], data: { iface } });
      return ctx.report({ messageId: 'noOffer', evidence: [asks[0]!, ...(asks.length > 1 ? [lastAsk] : [])], data: { count: asks.length, iface } });
    }
    const host = metadataHostname(boot);
    if (host) return ctx.report({ messageId: 'metadataHost', evidence: [host.source], data: { host: host.name } });
    // dhcpleased(8) (7.x) prints no lease on the console: an SSH connection to the instance is the proof the console cannot give.
    const ssh = ctx.live?.ssh;
    if (ssh && (ssh.handshake || ssh.tcp === 'open' || ssh.tcp === 'reset')) {
      return ctx.report({ messageId: 'sshAnswered', evidence: eventsOf(boot, 'network-start').slice(0, 1), data: { address: ssh.address ?? 'the instance' } });
    }
    const network = eventsOf(boot, 'network-start')[0];
    if (!network) {
      if (ctx.inProgress) return ctx.report({ messageId: 'notYet' });
      return ctx.report({ messageId: 'beforeNetwork' });
    }
    const release = ctx.facts.release;
    if (release === null || atLeast(release, '7.0')) {
      if (ctx.inProgress && ctx.facts.multiUser === null) return ctx.report({ messageId: 'notYet' });
      return ctx.report({ messageId: 'silentEra', evidence: [network], data: { release: release?.text ?? '(unknown release)' } });
    }
    const after = boot.events.some((e) => e.line > network.line);
    if (ctx.inProgress && !after) return ctx.report({ messageId: 'notYet' });
    // Off EC2 a static address is normal; on EC2 the image must ask DHCP.
    ctx.report({ messageId: ctx.platform.aws ? 'noAttempt' : 'maybeStatic', evidence: [network] });
  },
});

/**
 * EC2 hostnames come from instance metadata (`ip-10-0-0-251.…`): seeing one in the
 * login banner or a banner key comment means the instance reached the network.
 */
export function metadataHostname(boot: Boot): { name: string; source: Source } | null {
  const pattern = /\bip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}\b[\w.-]*/;
  for (const e of eventsOf(boot, 'login-banner')) {
    const m = e.host ? pattern.exec(e.host) : null;
    if (m) return { name: m[0], source: e };
  }
  for (const b of eventsOf(boot, 'fingerprint-banner')) {
    for (const k of b.keys) {
      const m = k.comment ? pattern.exec(k.comment) : null;
      if (m) return { name: m[0], source: k };
    }
  }
  return null;
}
