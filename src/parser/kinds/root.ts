import type { RootInfo, RootPrompt as RootPromptNode } from '../../model/boot-model.js';
import { head } from './head.js';
import { eventKind, kind } from './kind.js';

/*
 * Where the kernel mounts its root (setroot(9)): `root on …`, the interactive prompt, and
 * what old kernels say instead.
 */

/** `root on wd0a (38fc71f7831e63c6.a) swap on wd0b dump on wd0b`, NFS `root on host:/path`. */
export function rootOn(text: string): { device: string; duid: string | null; swap: string | null; dump: string | null } | null {
  const m = /^root on (\S+)(?: \(([0-9a-f]{16})\.[a-p]\))?(?:.*? swap on (\S+))?(?:.*? dump on (\S+))?/.exec(text);
  if (!m) return null;
  return { device: m[1]!, duid: m[2] ?? null, swap: m[3] ?? null, dump: m[4] ?? null };
}

/** The first `root on` line of a boot is its root. */
export const RootOn = kind('RootOn', {
  head: head(/root on /),
  build: (a, boot, line, text) => {
    const r = rootOn(text);
    if (r && boot.root === null) boot.root = { line, text, ...r, nfs: r.device.includes(':') } satisfies RootInfo;
    else a.other(boot, line, text);
  },
});

/** Old kernels: `rootdev=0x420 rrootdev=0xd20 rawdev=0xd22` is all they say about the root. */
export const RootDev = eventKind('RootDev', head(/rootdev=0x[0-9a-f]/), (line, text) => ({
  type: 'root-dev',
  line,
  text,
  dev: /^rootdev=(0x[0-9a-f]+)/.exec(text)?.[1] ?? text,
}));

/** `root device: sd0a`, `root device : le0`, echoed erase as the literal `\^H \^H`. */
export function rootPromptAnswer(text: string): string | null {
  const m = /^root device(?: \(default [^)]{1,40}\))? ?:\s*(.*)$/.exec(text);
  if (!m) return null;
  let typed = m[1]!;
  const erase = '\\^H \\^H';
  let i: number;
  while ((i = typed.indexOf(erase)) !== -1) typed = typed.slice(0, Math.max(0, i - 1)) + typed.slice(i + erase.length);
  typed = typed.trim();
  return typed === '' ? null : typed;
}

/** setroot(): `root device: `, `root device : le0` (m88k), `root device (default sd0a): `. */
export const RootPrompt = kind('RootPrompt', {
  head: head(/root device(?: \(default [^)\n]{1,40}\))? ?:/),
  build: (_a, boot, line, text) => void boot.rootPrompts.push({ line, text, answer: rootPromptAnswer(text) } satisfies RootPromptNode),
});
