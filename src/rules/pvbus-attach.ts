import { atLeast } from '../model/release.js';
import { pvbusHypervisor } from '../model/queries.js';
import type { Boot } from '../model/boot-model.js';
import type { Source } from '../model/source.js';
import { defineRule } from './types.js';

const PVBUS_ARCHES = ['amd64', 'i386'];

export const pvbusAttach = defineRule({
  id: 'pvbus-attach',
  meta: {
    description: 'pvbus(4) attached at mainbus0 and names the hypervisor the platform runs on.',
    severity: 'blocker',
    messages: {
      attached: { status: 'pass', text: 'pvbus0 at mainbus0 names {{hypervisor}}' },
      wrongHypervisor: { status: 'fail', text: 'pvbus0 names "{{hypervisor}}", expected {{expected}} on {{platform}}' },
      noPvbusHere: { status: 'skip', text: '{{platform}} has no pvbus(4)' },
      noPvbusArch: { status: 'skip', text: 'pvbus(4) exists only on amd64 and i386, not {{arch}}' },
      predates: { status: 'skip', text: 'OpenBSD {{release}} predates pvbus(4) (5.8)' },
      noHvFlag: { status: 'skip', text: 'cpu0 does not show the HV flag: the VM hides the hypervisor CPUID bit, so pvbus(4) cannot attach; a VM setting (its paravirtualization interface), not the image' },
      lost: { status: 'inconclusive', text: 'no pvbus0 line, but the log starts after the kernel banner: it may be in the lost part' },
      notYet: { status: 'inconclusive', text: 'no pvbus0 at mainbus0 yet' },
      missing: { status: 'fail', text: 'no pvbus0 at mainbus0: the kernel does not see the {{platform}} hypervisor' },
    },
  },
  check(boot, ctx) {
    if (boot === null) return;
    const expected = ctx.platform.pvbus;
    if (expected === null) return ctx.report({ messageId: 'noPvbusHere', data: { platform: ctx.platform.name } });
    const arch = boot.kernel.arch;
    if (arch !== null && !PVBUS_ARCHES.includes(arch)) return ctx.report({ messageId: 'noPvbusArch', data: { arch } });
    const release = ctx.facts.release;
    if (release !== null && !atLeast(release, '5.8')) return ctx.report({ messageId: 'predates', data: { release: release.text } });
    const pvbus = boot.devices.find((d) => d.driver === 'pvbus');
    if (pvbus) {
      const hypervisor = pvbusHypervisor(boot) ?? '(nothing)';
      return expected.test(hypervisor)
        ? ctx.report({ messageId: 'attached', evidence: [pvbus], data: { hypervisor } })
        : ctx.report({ messageId: 'wrongHypervisor', evidence: [pvbus], data: { hypervisor, expected: expected.source.replace(/^\^|\\b$/g, ''), platform: ctx.platform.name } });
    }
    if (boot.truncatedStart) return ctx.report({ messageId: 'lost' });
    if (ctx.inProgress && !ctx.facts.attachOver) return ctx.report({ messageId: 'notYet' });
    const flags = cpuFlags(boot);
    if (flags !== null && !flags.has('HV')) return ctx.report({ messageId: 'noHvFlag', evidence: [flags.source] });
    ctx.report({ messageId: 'missing', data: { platform: ctx.platform.name } });
  },
});

/** cpu0's CPUID feature line (`cpu0: FPU,VME,DE,…,HV,NXE,…`), as a set, or null when not printed. */
function cpuFlags(boot: Boot): (Set<string> & { source: Source }) | null {
  const cpu0 = boot.devices.find((d) => d.name === 'cpu0');
  const line = cpu0?.details.find((d) => /^cpu0: (?:[A-Z0-9_.]+,){8,}/.test(d.text));
  if (!line) return null;
  return Object.assign(new Set(line.text.slice('cpu0: '.length).split(',').map((x) => x.trim())), { source: line });
}
