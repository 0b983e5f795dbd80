import type { Boot } from '../../model/boot-model.js';
import type { BootDiff } from '../../diff/types.js';
import { esc } from './escape.js';

interface Node {
  readonly id: string;
  readonly line: number | null;
  readonly text: string;
  readonly cls: 'device' | 'unconfigured' | 'missing';
  readonly children: Node[];
}

/**
 * The judged boot's attach tree as nested <details> (no script needed to fold it). Unconfigured
 * hardware and devices the diff says went missing are marked, under the parent they hung from.
 */
export function renderDeviceTree(boot: Boot, diff?: BootDiff | null, idPrefix = ''): string {
  const nodes = new Map<string, Node>();
  for (const d of boot.devices) {
    if (!nodes.has(d.name)) nodes.set(d.name, { id: d.name, line: d.line, text: d.text, cls: 'device', children: [] });
  }
  const roots: Node[] = [];
  const orphans: Node = { id: '(parent not attached)', line: null, text: '', cls: 'device', children: [] };
  const place = (parent: string, n: Node) => {
    const p = nodes.get(parent);
    if (p && p !== n) p.children.push(n);
    else if (parent === 'root' || !p) (parent === 'root' ? roots : orphans.children).push(n);
  };
  for (const d of boot.devices) {
    const n = nodes.get(d.name)!;
    if (n.line === d.line) place(d.parent, n);
  }
  for (const u of boot.unconfigured) {
    place(u.parent, { id: `"${u.name}"`, line: u.line, text: u.text, cls: 'unconfigured', children: [] });
  }
  for (const c of diff?.changes ?? []) {
    if (c.kind === 'device-removed' && c.from) {
      place(c.from, { id: c.subject, line: null, text: `${c.subject} at ${c.from} — missing (was line ${c.old?.line ?? '?'} in the old boot)`, cls: 'missing', children: [] });
    }
  }
  if (orphans.children.length > 0) roots.push(orphans);
  const seen = new Set<Node>();
  const render = (n: Node, depth: number): string => {
    // A parent cycle in a damaged log must not recurse forever.
    if (seen.has(n) || depth > 64) return '';
    seen.add(n);
    const label = n.line !== null
      ? `<a class="ln" href="#${idPrefix}L${n.line}">L${n.line}</a> <span class="dev ${n.cls}">${esc(n.text)}</span>`
      : `<span class="dev ${n.cls}">${esc(n.text || n.id)}</span>`;
    if (n.children.length === 0) return `<li>${label}</li>`;
    const flagged = hasFlag(n);
    return `<li><details${depth < 2 || flagged ? ' open' : ''}><summary>${label}${flagged ? ' <span class="flag">!</span>' : ''}</summary><ul>${n.children.map((c) => render(c, depth + 1)).join('')}</ul></details></li>`;
  };
  return `<ul class="tree">${roots.map((r) => render(r, 0)).join('')}</ul>`;
}

function hasFlag(n: Node, depth = 0): boolean {
  return depth < 64 && n.children.some((c) => c.cls !== 'device' || hasFlag(c, depth + 1));
}
