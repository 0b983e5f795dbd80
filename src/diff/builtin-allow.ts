import type { AllowEntry } from './allow.js';

/**
 * Release-to-release changes that are known and harmless, shipped with bootgate. Each entry is
 * one step of OpenBSD's history on EC2 Xen; `subject`, `from` and `to` may use `*` (any run of
 * characters). `requires` names a device the new boot must attach for the entry to apply, so a
 * step is recognised by its evidence and not only by the version (a -current kernel between two
 * releases has the new driver already). An `--allow FILE` entry wins over these; the file can turn
 * them off (`"builtin": false`, or a list of ids to keep out: `"builtin": {"disable": ["xbf-wd0"]}`).
 * `bootgate diff --explain-allow` lists them.
 */
export const BUILTIN_ALLOW: readonly AllowEntry[] = [
  // acpi(4) in 6.0 prints the ACPI devices it has no driver for; they were there before, unprinted.
  { id: 'acpi-pnp-6.0', step: '5.9 → 6.0', kind: 'unconfigured-added', subject: '"PNP*"@acpi*', since: '6.0', reason: '6.0 acpi(4) lists the PNP devices it leaves to other drivers (pckbc, com, fdc)' },
  { id: 'acpi-processor-6.0', step: '5.9 → 6.0', kind: 'unconfigured-added', subject: '"ACPI0007"@acpi*', since: '6.0', reason: '6.0 acpi(4) lists ACPI processor objects it has no driver for' },
  // xnf(4) attach text: `event channel 5, address …` (5.9), `backend 0, event channel 5, address …` (6.0), `backend 0 chan 69: address …` (6.0-current/6.1).
  { id: 'xnf-attach-format', step: '5.9 → 6.0 → 6.1', kind: 'device-changed', subject: 'xnf*', since: '6.0', reason: 'xnf(4) changed its attach line format in 6.0 and again in 6.0-current (backend and event channel)' },
  // vmm(4) needs VMX with EPT, which a Xen guest does not get.
  { id: 'vmm-unconfigured', step: '6.0 → 6.1', kind: 'unconfigured-added', subject: '"vmm"@mainbus*', since: '6.0', reason: 'vmm(4) is in GENERIC and is listed as not configured where the CPU offers no VMX/EPT, as in a Xen guest' },
  // xbf(4), the Xen block frontend, arrived in 6.0-current (6.1): the root disk moves from the emulated IDE wd(4) to sd(4) on xbf.
  { id: 'xbf-wd0', step: '6.0 → 6.1', kind: 'device-removed', subject: 'wd*', from: 'pciide*', requires: 'xbf0', reason: 'xbf(4) (6.1) takes the disk from the emulated IDE controller: wd0 becomes sd0 on xbf0' },
  { id: 'xbf-root', step: '6.0 → 6.1', kind: 'root-changed', from: 'wd*', to: 'sd*', requires: 'xbf0', reason: 'xbf(4) (6.1): the root disk is sd0 on xbf0, no longer wd0 on pciide' },
  { id: 'xbf-vbd', step: '6.0 → 6.1', kind: 'unconfigured-removed', subject: '"vbd"@xen*', requires: 'xbf0', reason: 'xbf(4) (6.1) now drives the "vbd" Xen device' },
  // dhcpleased(8) (6.9, the default from 7.0) logs the lease to syslog, not to the console.
  { id: 'dhcpleased-lease', step: '6.8 → 6.9/7.x', kind: 'milestone-lost', subject: 'dhcp-lease', since: '6.9', reason: 'dhcpleased(8) (6.9; the default from 7.0) prints no lease on the console' },
  { id: 'dhcpleased-rule', step: '6.8 → 6.9/7.x', kind: 'rule-changed', subject: 'dhcp-lease', from: 'pass', to: 'inconclusive', since: '6.9', reason: 'dhcpleased(8) (6.9; the default from 7.0) prints no lease on the console, so the rule cannot tell' },
];
