import type { Boot, Device, Unconfigured } from '../model/boot-model.js';

export interface RenderTreeOptions {
  /** Cut descriptions to this many characters (0 = no description). */
  readonly width?: number;
}

type Node = { kind: 'device'; dev: Device } | { kind: 'unconfigured'; u: Unconfigured };

function kernelTitle(boot: Boot): string {
  const k = boot.kernel;
  if (k.version === null) return boot.truncatedStart ? '(kernel banner not in the log: it starts after the boot began)' : '(no kernel banner)';
  const parts = [`OpenBSD ${k.version}${k.suffix ?? ''}`, `(${k.name ?? '?'})`];
  if (k.build !== null) parts.push(`#${k.build}`);
  if (k.arch) parts.push(k.arch);
  return parts.join(' ');
}

function label(node: Node, width: number): string {
  const cut = (s: string | null): string => {
    if (!s || width <= 0) return '';
    const t = s.length > width ? `${s.slice(0, width - 1)}…` : s;
    return ` — ${t}`;
  };
  if (node.kind === 'unconfigured') {
    const u = node.u;
    const ids = u.vendorId ? ` [${u.vendorId}:${u.productId ?? '?'}]` : '';
    return `"${u.name}"${ids} NOT CONFIGURED  (line ${u.line})`;
  }
  const d = node.dev;
  const flags = [d.afterRoot ? 'after root' : '', d.detached ? `detached line ${d.detached.line}` : ''].filter(Boolean);
  return `${d.name}  (line ${d.line}${flags.length ? `; ${flags.join('; ')}` : ''})${cut(d.description ?? (d.product ? `"${d.product}"` : null))}`;
}

/**
 * The device tree of one boot as tree(1)-style text: configured devices under
 * their parents, unconfigured hardware under its parent and marked, devices
 * whose parent never attached (truncated log) listed under "(parent not seen)".
 */
export function renderDeviceTree(boot: Boot, options: RenderTreeOptions = {}): string {
  const width = options.width ?? 60;
  const children = new Map<string, Node[]>();
  const add = (parent: string, n: Node): void => {
    const list = children.get(parent);
    if (list) list.push(n);
    else children.set(parent, [n]);
  };
  const names = new Set(boot.devices.map((d) => d.name));
  for (const dev of boot.devices) add(dev.parent, { kind: 'device', dev });
  for (const u of boot.unconfigured) add(u.parent, { kind: 'unconfigured', u });
  for (const list of children.values()) list.sort((a, b) => (a.kind === 'device' ? a.dev.line : a.u.line) - (b.kind === 'device' ? b.dev.line : b.u.line));

  const out: string[] = [];
  out.push(`boot ${boot.index + 1}: ${kernelTitle(boot)}  [lines ${boot.startLine}-${boot.endLine}]`);
  const seen = new Set<string>();
  const walk = (parent: string, prefix: string): void => {
    const list = children.get(parent) ?? [];
    list.forEach((n, i) => {
      const last = i === list.length - 1;
      out.push(`${prefix}${last ? '└── ' : '├── '}${label(n, width)}`);
      if (n.kind === 'device' && !seen.has(n.dev.name)) {
        seen.add(n.dev.name);
        walk(n.dev.name, prefix + (last ? '    ' : '│   '));
      }
    });
  };
  out.push('root');
  walk('root', '');
  const orphanParents = [...children.keys()].filter((p) => p !== 'root' && !names.has(p));
  for (const p of orphanParents) {
    out.push(`${p}  (parent not seen)`);
    walk(p, '');
  }
  const r = boot.root;
  out.push(r ? `root on ${r.device}${r.duid ? ` (${r.duid})` : ''}  (line ${r.line})` : 'root: not found');
  return out.join('\n');
}
