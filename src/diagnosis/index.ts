import type { Diagnosis } from '../verdict/types.js';
import { bannerMissing } from './banner-missing.js';
import { bootStalled } from './boot-stalled.js';
import { consoleNotSerial } from './console-not-serial.js';
import { consoleTruncated } from './console-truncated.js';
import { dhcpNoOffer } from './dhcp-no-offer.js';
import { kernelDebugger } from './kernel-debugger.js';
import { kernelLacksXen } from './kernel-lacks-xen.js';
import { kernelPanic } from './kernel-panic.js';
import { nitroNoEna } from './nitro-no-ena.js';
import { noConsoleOutput } from './no-console-output.js';
import { noDhcpAttempt } from './no-dhcp-attempt.js';
import { ramdiskKernel } from './ramdisk-kernel.js';
import { rootNotFound } from './root-not-found.js';
import { sriovVfNoDriver } from './sriov-vf-no-driver.js';
import { xnfNotConfigured } from './xnf-not-configured.js';
import type { DiagnosisInput, DiagnosisRule } from './types.js';

/**
 * Likelihood order, root cause first: a panic or a missing disk explains everything
 * after it; a missing NIC explains the missing lease; truncation only explains gaps.
 */
export const DIAGNOSES: readonly DiagnosisRule[] = [
  noConsoleOutput,
  kernelPanic,
  kernelDebugger,
  rootNotFound,
  kernelLacksXen,
  nitroNoEna,
  sriovVfNoDriver,
  xnfNotConfigured,
  noDhcpAttempt,
  dhcpNoOffer,
  bannerMissing,
  consoleNotSerial,
  ramdiskKernel,
  bootStalled,
  consoleTruncated,
];

export function diagnose(input: Omit<DiagnosisInput, 'found' | 'stallExplained'>): Diagnosis[] {
  const found = new Set<string>();
  let stallExplained = false;
  const full: DiagnosisInput = {
    ...input,
    found,
    get stallExplained() {
      return stallExplained;
    },
  };
  const out: Diagnosis[] = [];
  for (const d of DIAGNOSES) {
    const hit = d.detect(full);
    if (hit === null) continue;
    found.add(d.id);
    if (d.explainsStall) stallExplained = true;
    out.push({ id: d.id, summary: hit.summary, remedy: hit.remedy, evidence: hit.evidence.map((e) => ({ line: e.line, text: e.text })) });
  }
  return out;
}

export type { DiagnosisRule, DiagnosisInput, DiagnosisHit } from './types.js';
