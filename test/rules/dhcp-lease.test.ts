import { dhcpLease } from '../../src/rules/dhcp-lease.js';
import { ruleTester } from './rule-tester.js';
import { KVM_62_OK, NITRO_75, XEN_60_OK, lineOf, replaceLine, upTo, withoutLines } from './snippets.js';

const V7 = 'OpenBSD 7.4 (GENERIC.MP) #1397: Tue Oct 10 09:02:37 MDT 2023';
const NO_DHCP = withoutLines(XEN_60_OK, /^(DHCP|bound to)/);
const V7_SILENT = replaceLine(NO_DHCP, /^OpenBSD 6\.0/, V7);
const V7_ANON = withoutLines(V7_SILENT.replace(/ip-172-30-1-103\.eu-west-1\.compute\.internal/g, 'openbsd'), /^ec2: \d/);
const NO_DHCP_ANON = NO_DHCP.replace(/ip-172-30-1-103\.eu-west-1\.compute\.internal/g, 'openbsd');
const NO_OFFER = upTo(XEN_60_OK, 'DHCPDISCOVER').concat('\nDHCPDISCOVER on xnf0 - interval 7\nDHCPDISCOVER on xnf0 - interval 12\n', XEN_60_OK.split('\n').slice(lineOf(XEN_60_OK, 'bound to')).join('\n'));
const NO_OFFER_LINES = withoutLines(NO_OFFER, /^$/);

ruleTester(dhcpLease, {
  valid: [
    { name: 'dhclient ≤6.2 bound line', code: XEN_60_OK },
    { name: 'lease with the address stripped (seed)', code: replaceLine(XEN_60_OK, 'bound to', 'bound to -- renewal in 1800 seconds.') },
    {
      name: '6.6 lease accepted',
      code: replaceLine(replaceLine(NO_DHCP, /^OpenBSD 6\.0/, 'OpenBSD 6.6 (GENERIC.MP) #372: Sat Oct 12 10:56:27 MDT 2019'), 'starting network', 'starting network\nxnf0: 172.30.1.103 lease accepted from 172.30.1.1 (0a:19:74:ac:55:91)'),
    },
    { name: '7.x silent, hostname from metadata', code: V7_SILENT },
  ],
  invalid: [
    { name: '7.x silent, nothing else', code: V7_ANON, reports: [{ status: 'inconclusive', messageId: 'silentEra', line: lineOf(V7_ANON, 'starting network') }] },
    {
      name: '7.x silent, SSH answered (live): the network was up',
      code: V7_ANON,
      live: { ssh: { tcp: 'open', handshake: true, hostKeySha256: null, address: '198.51.100.7', error: null } },
      reports: [{ status: 'pass', messageId: 'sshAnswered', line: lineOf(V7_ANON, 'starting network') }],
      message: 'SSH answered at 198.51.100.7',
    },
    {
      name: '7.x silent, port 22 silent (live): still no proof',
      code: V7_ANON,
      live: { ssh: { tcp: 'silent', handshake: false, hostKeySha256: null, address: '198.51.100.7', error: 'timeout' } },
      reports: [{ status: 'inconclusive', messageId: 'silentEra', line: lineOf(V7_ANON, 'starting network') }],
    },
    {
      name: 'DISCOVER repeated, rc carried on',
      code: NO_OFFER,
      reports: [{ status: 'fail', messageId: 'noOffer', line: lineOf(NO_OFFER, 'DHCPDISCOVER') }],
      message: 'asked 3 time(s) on xnf0',
    },
    {
      name: 'old dhclient: No acceptable DHCPOFFERS',
      code: replaceLine(NO_OFFER_LINES, 'interval 12', 'No acceptable DHCPOFFERS received.'),
      reports: [{ status: 'fail', messageId: 'noOffer', line: lineOf(NO_OFFER_LINES, 'interval 7') }],
    },
    {
      name: 'DISCOVER with nothing after it yet (live)',
      code: upTo(NO_OFFER, 'interval 12'),
      inProgress: true,
      reports: [{ status: 'inconclusive', messageId: 'waiting', line: lineOf(NO_OFFER, 'interval 12') }],
    },
    { name: '6.0: network started, no DHCP at all', code: NO_DHCP_ANON, reports: [{ status: 'fail', messageId: 'noAttempt', line: lineOf(NO_DHCP_ANON, 'starting network') }] },
    { name: '6.0: no DHCP yet right after starting network (live)', code: upTo(NO_DHCP_ANON, 'starting network'), inProgress: true, reports: [{ status: 'inconclusive', messageId: 'notYet' }] },
    { name: 'log ends before the network (dmesg)', code: upTo(XEN_60_OK, 'root on'), reports: [{ status: 'inconclusive', messageId: 'beforeNetwork' }] },
    { name: 'not there yet (live)', code: upTo(XEN_60_OK, 'root on'), inProgress: true, reports: [{ status: 'inconclusive', messageId: 'notYet' }] },
    {
      name: 'KVM without DHCP may be static',
      code: withoutLines(KVM_62_OK, /^(DHCP|bound)/),
      reports: [{ status: 'inconclusive', messageId: 'maybeStatic', line: lineOf(withoutLines(KVM_62_OK, /^(DHCP|bound)/), 'starting network') }],
    },
    {
      name: 'panic right after starting network',
      code: `${upTo(NO_DHCP_ANON, 'starting network')}\npanic: xnf_rxeof: mbuf has no cluster\nddb{0}>`,
      reports: [{ status: 'inconclusive', messageId: 'interrupted', line: lineOf(NO_DHCP_ANON, 'starting network') + 1 }],
    },
    { name: 'Nitro: no NIC, no lease', code: NITRO_75, reports: [{ status: 'fail', messageId: 'noNic' }] },
  ],
});
