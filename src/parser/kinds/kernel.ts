import { head } from './head.js';
import { kind } from './kind.js';

export interface KernelFields {
  version: string;
  suffix: string | null;
  /** Null for the empty `()` of some old custom builds. */
  name: string | null;
  build: number | null;
  date: string | null;
}

/** `OpenBSD 6.0-current (GENERIC.MP) #2319: Tue Jul 26 13:00:43 MDT 2016` */
export function kernelBanner(text: string): KernelFields | null {
  const m = /^OpenBSD (\d+\.\d+)([^ ]{0,24}) \(([^)]{0,64})\) #(\d*)(?::\s*(.*))?$/.exec(text);
  if (!m) return null;
  return {
    version: m[1]!,
    suffix: m[2] ? m[2] : null,
    name: m[3] ? m[3] : null,
    build: m[4] ? Number(m[4]) : null,
    date: m[5]?.trim() || null,
  };
}

/** `deraadt@amd64.openbsd.org:/usr/src/sys/arch/amd64/compile/GENERIC.MP` */
export function builderPath(text: string): { builder: string; arch: string | null } | null {
  const m = /^(\S{1,128}@\S{0,128}?):(\/\S{0,256})$/.exec(text.trim());
  if (!m || !m[2]!.includes('/compile/')) return null;
  const arch = /\/arch\/([^/]+)\/compile\//.exec(m[2]!);
  return { builder: m[1]!, arch: arch ? arch[1]! : null };
}

/**
 * The kernel banner starts a boot: `OpenBSD 6.0 (GENERIC.MP) #2319: …`; old custom builds may
 * print an empty name: `OpenBSD 4.9 () #0: …`. The kernel's build path follows on the next line.
 */
export const KernelBanner = kind('KernelBanner', {
  head: head(/OpenBSD \d+\.\d+[^ \n]{0,24} \([^)\n]{0,64}\) #/),
  startsBoot: true,
  build: (_a, boot, line, text) => {
    const k = kernelBanner(text);
    boot.kernel.line = line;
    boot.kernel.text = text;
    if (k) Object.assign(boot.kernel, k);
  },
  claimsNextOther: (boot, line, text) => {
    if (boot.kernel.builder !== null) return false;
    const b = builderPath(text);
    if (!b) return false;
    boot.kernel.builder = b.builder;
    boot.kernel.arch = b.arch;
    boot.kernel.path = { line, text };
    return true;
  },
});

/** `real mem = 1056964608 (1008MB)`, `real mem  = 33161216`, `total memory = …` */
export function memory(text: string): { which: 'real' | 'avail'; bytes: number | null } | null {
  const m = /^(real|avail|total) mem(?:ory)?\s*=\s*(\d+)?/.exec(text);
  if (!m) return null;
  return { which: m[1] === 'avail' ? 'avail' : 'real', bytes: m[2] ? Number(m[2]) : null };
}

export const Memory = kind('Memory', {
  head: head(/(?:real|avail) mem\s*=|total memory\s*=/, ['r', 'a', 't']),
  build: (a, boot, line, text) => {
    const m = memory(text);
    if (m) {
      boot.memory[m.which] = m.bytes;
      boot.memory.lines.push({ line, text });
    } else a.other(boot, line, text);
  },
});
