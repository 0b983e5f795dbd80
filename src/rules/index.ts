import type { Rule } from './types.js';
import { dhcpLease } from './dhcp-lease.js';
import { expectedDevices } from './expected-devices.js';
import { fingerprintBanner } from './fingerprint-banner.js';
import { hostKeyMatch } from './host-key-match.js';
import { kernelBooted } from './kernel-booted.js';
import { loginPrompt } from './login-prompt.js';
import { nicAttach } from './nic-attach.js';
import { noPanic } from './no-panic.js';
import { pvbusAttach } from './pvbus-attach.js';
import { rootDevice } from './root-device.js';
import { sshReachable } from './ssh-reachable.js';
import { xenAttach } from './xen-attach.js';

/** Every rule, sorted by id (test/rules/registry.test.ts keeps it so). */
export const RULES: readonly Rule[] = [
  dhcpLease,
  expectedDevices,
  fingerprintBanner,
  hostKeyMatch,
  kernelBooted,
  loginPrompt,
  nicAttach,
  noPanic,
  pvbusAttach,
  rootDevice,
  sshReachable,
  xenAttach,
];

/** The order findings are reported in: the order a boot gets there. */
export const REPORT_ORDER: readonly string[] = [
  'kernel-booted',
  'no-panic',
  'pvbus-attach',
  'xen-attach',
  'nic-attach',
  'root-device',
  'expected-devices',
  'dhcp-lease',
  'fingerprint-banner',
  'login-prompt',
  'ssh-reachable',
  'host-key-match',
];

/** Rules that need a live instance; `skip` offline. */
export const LIVE_ONLY: readonly string[] = ['host-key-match', 'ssh-reachable'];

export type { Rule, RuleContext, RuleMeta, RuleMessage, RuleReport } from './types.js';
