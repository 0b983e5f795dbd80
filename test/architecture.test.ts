import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layer order is written once, in docs/architecture.md (the fenced `layers` block, highest
// layer first); this test reads it from there, so the picture and the code cannot drift apart.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** Layers bottom first; each a list of src/ folders (or files directly in src/). */
function readLayers(doc: string): string[][] {
  const block = /```layers\n([\s\S]*?)```/.exec(doc);
  if (!block) throw new Error('docs/architecture.md has no ```layers block');
  return block[1]!
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((l) => l.split(/\s+/))
    .reverse();
}

/** Every relative import/export/dynamic import in a source file, as the src/ path it names. */
function importsOf(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:import|export)\s[^'";]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) {
    out.push(relative(src, resolve(dirname(file), m[1] ?? m[2]!)));
  }
  return out;
}

/** The unit a path belongs to: its top folder in src/, or the file itself when it sits in src/. */
const unitOf = (p: string): string => p.split('/')[0]!.replace(/\.js$/, '.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

/** Folder-level edges "from -> to" with the file imports behind each. */
function folderEdges(files: ReadonlyArray<{ file: string; text: string }>): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const { file, text } of files) {
    const from = unitOf(relative(src, file));
    for (const target of importsOf(file, text)) {
      const to = unitOf(target);
      if (to === from) continue;
      const key = `${from} -> ${to}`;
      edges.set(key, [...(edges.get(key) ?? []), `${relative(src, file)} imports ${target}`]);
    }
  }
  return edges;
}

/** Imports that go up the order or sideways within one layer (peers stay independent). */
function upwardImports(layers: readonly string[][], edges: ReadonlyMap<string, string[]>): string[] {
  const level = new Map(layers.flatMap((names, n) => names.map((name) => [name, n] as const)));
  const bad: string[] = [];
  for (const [key, why] of edges) {
    const [from, to] = key.split(' -> ') as [string, string];
    const a = level.get(from);
    const b = level.get(to);
    if (a === undefined || b === undefined) bad.push(`${key}: ${a === undefined ? from : to} is not in the layers block`);
    else if (b >= a) bad.push(`${key} (layer ${b} from layer ${a}): ${why.join('; ')}`);
  }
  return bad;
}

/** Each folder cycle once, as "a -> b -> a". */
function folderCycles(edges: ReadonlyMap<string, string[]>): string[] {
  const next = new Map<string, string[]>();
  for (const key of edges.keys()) {
    const [from, to] = key.split(' -> ') as [string, string];
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  const cycles = new Set<string>();
  const walk = (path: string[]): void => {
    for (const to of next.get(path.at(-1)!) ?? []) {
      const at = path.indexOf(to);
      if (at >= 0) {
        const loop = path.slice(at);
        const start = loop.indexOf([...loop].sort()[0]!);
        const canon = [...loop.slice(start), ...loop.slice(0, start)];
        cycles.add([...canon, canon[0]].join(' -> '));
      } else {
        walk([...path, to]);
      }
    }
  };
  for (const from of next.keys()) walk([from]);
  return [...cycles].sort();
}

const layers = readLayers(readFileSync(join(root, 'docs', 'architecture.md'), 'utf8'));
const files = sourceFiles(src).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
const edges = folderEdges(files);

describe('architecture (docs/architecture.md layers)', () => {
  it('names every folder and file of src/ exactly once', () => {
    const named = layers.flat();
    expect(new Set(named).size).toBe(named.length);
    const present = [...new Set(files.map(({ file }) => unitOf(relative(src, file))))].sort();
    expect([...named].sort()).toEqual(present);
  });

  it('has no folder importing its own layer or one above it', () => {
    expect(upwardImports(layers, edges)).toEqual([]);
  });

  it('has no folder cycle', () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it('cites no document outside the repository (DOMAIN.md): comments state the fact or a man page', () => {
    expect(files.filter(({ text }) => text.includes('DOMAIN.md')).map(({ file }) => relative(src, file))).toEqual([]);
  });

  it('has nothing outside src/cli importing src/cli', () => {
    expect([...edges].filter(([key]) => key.endsWith(' -> cli')).flatMap(([, why]) => why)).toEqual([]);
  });
});

describe('architecture checks themselves', () => {
  const f = (path: string, text: string) => ({ file: join(src, path), text });
  const sample = folderEdges([
    f('model/a.ts', "import type { X } from '../verdict/types.js';"),
    f('verdict/types.ts', "import { y } from '../model/a.js';\nexport { z } from './z.js';"),
    f('launcher/b.ts', "const m = await import('../cli/main.js');"),
    f('cli/main.ts', "import {\n  a,\n} from '../launcher/b.js';"),
  ]);

  it('reads imports of every shape: multi-line, type-only, re-export, dynamic', () => {
    expect([...sample.keys()].sort()).toEqual(['cli -> launcher', 'launcher -> cli', 'model -> verdict', 'verdict -> model']);
  });

  it('finds an upward import, a peer import, an unplaced folder and a cycle', () => {
    expect(upwardImports([['model'], ['verdict'], ['launcher', 'cli']], sample)).toEqual([
      expect.stringMatching(/^model -> verdict \(layer 1 from layer 0\)/),
      expect.stringMatching(/^launcher -> cli \(layer 2 from layer 2\)/),
      expect.stringMatching(/^cli -> launcher \(layer 2 from layer 2\)/),
    ]);
    expect(upwardImports([['verdict']], new Map([['verdict -> sim', ['x']]]))).toEqual(['verdict -> sim: sim is not in the layers block']);
    expect(folderCycles(sample)).toEqual(['cli -> launcher -> cli', 'model -> verdict -> model']);
  });

  it('reads the layers block highest first', () => {
    expect(readLayers('x\n```layers\ncli   # top\nreport diff\n\nmodel\n```\n')).toEqual([['model'], ['report', 'diff'], ['cli']]);
  });
});
