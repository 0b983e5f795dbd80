import { afterTag, DEVICE, guardedHead, head, holdsAt, LOWER } from './head.js';
import { eventKind, kind } from './kind.js';
import { wordAfter } from './text.js';

/*
 * dhclient(8): the DHCP exchange up to 6.2 (`DHCPDISCOVER on xnf0 …`, `bound to …`), and
 * the later one-line forms that begin like a device line (`xnf0: bound to 10.0.0.5 from …`).
 */

/** The tails Continuation (attach.ts) refuses after `dev0: `, so these kinds keep their priority. */
export const BOUND_FROM_TAIL = 'bound to ';
export const LEASE_ACCEPTED_TAIL = String.raw`\S{1,64} lease accepted from`;

/** An address as printed; anonymised (`xxx.xxx.xxx.xxx`) is kept, absent (`--`, `(mac)`) is null. */
export function addressOrNull(word: string | null): string | null {
  if (word === null || word === '--' || word.startsWith('(')) return null;
  return word;
}

/** `xnf0: bound to 10.0.0.5 from 10.0.0.1 (mac)` */
export function dhcpBoundFrom(text: string): { iface: string; address: string | null; server: string | null } | null {
  const m = /^([a-z][a-z0-9_]{0,24}?\d{1,4}): bound to (\S+)(?: from (\S+))?/.exec(text);
  return m ? { iface: m[1]!, address: addressOrNull(m[2]!), server: addressOrNull(m[3] ?? null) } : null;
}

export const DhcpBoundFrom = kind('DhcpBoundFrom', {
  head: guardedHead(new RegExp(`${DEVICE}: ${BOUND_FROM_TAIL}`), (t, o) => holdsAt(t, BOUND_FROM_TAIL, afterTag(t, o)), LOWER),
  build: (a, boot, line, text) => {
    const d = dhcpBoundFrom(text);
    if (!d) return a.other(boot, line, text);
    boot.events.push({ type: 'dhcp-lease', line, text, interface: d.iface, address: d.address, server: d.server, style: 'bound-from' });
  },
});

/** `xnf0: 10.0.0.5 lease accepted from 10.0.0.1 (mac)` */
export function dhcpLeaseAccepted(text: string): { iface: string; address: string | null; server: string | null } | null {
  const m = /^([a-z][a-z0-9_]{0,24}?\d{1,4}): (\S{1,64}) lease accepted from (\S+)/.exec(text);
  return m ? { iface: m[1]!, address: addressOrNull(m[2]!), server: addressOrNull(m[3]!) } : null;
}

export const DhcpLeaseAccepted = kind('DhcpLeaseAccepted', {
  head: guardedHead(new RegExp(`${DEVICE}: ${LEASE_ACCEPTED_TAIL}`), (t, o) => afterTag(t, o) !== -1, LOWER),
  build: (a, boot, line, text) => {
    const d = dhcpLeaseAccepted(text);
    if (!d) return a.other(boot, line, text);
    boot.events.push({ type: 'dhcp-lease', line, text, interface: d.iface, address: d.address, server: d.server, style: 'lease-accepted' });
  },
});

export const DhcpDiscover = kind('DhcpDiscover', {
  head: head(/DHCPDISCOVER on /),
  build: (a, boot, line, text) => {
    a.dhcpInterface = wordAfter(text, 'DHCPDISCOVER on ');
    boot.events.push({ type: 'dhcp-discover', line, text, interface: a.dhcpInterface ?? '' });
  },
});

export const DhcpOffer = eventKind('DhcpOffer', head(/DHCPOFFER from/), (line, text) => ({
  type: 'dhcp-offer',
  line,
  text,
  server: addressOrNull(wordAfter(text, 'DHCPOFFER from ')),
}));

export const DhcpRequest = kind('DhcpRequest', {
  head: head(/DHCPREQUEST on /),
  build: (a, boot, line, text) => {
    a.dhcpInterface = wordAfter(text, 'DHCPREQUEST on ');
    boot.events.push({ type: 'dhcp-request', line, text, interface: a.dhcpInterface ?? '' });
  },
});

export const DhcpAck = eventKind('DhcpAck', head(/DHCPACK from/), (line, text) => ({
  type: 'dhcp-ack',
  line,
  text,
  server: addressOrNull(wordAfter(text, 'DHCPACK from ')),
}));

export const DhcpNoOffer = kind('DhcpNoOffer', {
  head: head(/No acceptable DHCPOFFERS received/),
  build: (a, boot, line, text) => void boot.events.push({ type: 'dhcp-no-offer', line, text, interface: a.dhcpInterface }),
});

/** `bound to 10.0.0.251 -- renewal in 1800 seconds.` */
export function dhcpBound(text: string): string | null {
  return addressOrNull(wordAfter(text, 'bound to '));
}

export const DhcpBound = kind('DhcpBound', {
  head: head(/bound to /),
  build: (a, boot, line, text) =>
    void boot.events.push({ type: 'dhcp-lease', line, text, interface: a.dhcpInterface, address: dhcpBound(text), server: null, style: 'bound-renewal' }),
});
