import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KINDS, OtherLine } from '../../src/parser/kinds/index.js';

/*
 * A console-line kind is described once: one entry, `export const <Name> = kind('<Name>', …)`
 * (or eventKind), in a file of src/parser/kinds/, found from the kind's name; the assembler
 * dispatches by the entry, never by a kind's name.
 */
const parserDir = fileURLToPath(new URL('../../src/parser/', import.meta.url));
const kindsDir = join(parserDir, 'kinds');
const sources = readdirSync(kindsDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f, text: readFileSync(join(kindsDir, f), 'utf8') }));

describe('console-line kinds', () => {
  it('each has one entry, a constant of its own name, and a unique name', () => {
    const names = KINDS.map((k) => k.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      const entry = new RegExp(String.raw`export const ${name}(?::[^=]+)? = (?:kind|eventKind)\('${name}'`);
      const where = sources.filter((s) => entry.test(s.text)).map((s) => s.file);
      expect(where, name).toHaveLength(1);
    }
  });

  it('every entry made in kinds/ is in the priority list', () => {
    const made = sources.flatMap((s) => [...s.text.matchAll(/export const (\w+)(?::[^=]+)? = (?:kind|eventKind)\('/g)].map((m) => m[1]!));
    expect(made.sort()).toEqual(KINDS.map((k) => k.name).sort());
  });

  it('ends with the catch-all; a loader line never starts a boot itself', () => {
    expect(KINDS.at(-1)).toBe(OtherLine);
    for (const k of KINDS) {
      if (k.loader !== null) expect(k.startsBoot, k.name).toBe(false);
      expect(typeof k.build, k.name).toBe('function');
    }
  });

  it('are not named in the assembler or the item feed (they dispatch by the entry)', () => {
    for (const file of ['assemble.ts', 'to-model.ts', 'index.ts', 'grammar.ts']) {
      const text = readFileSync(join(parserDir, file), 'utf8');
      const literals = KINDS.filter((k) => text.includes(`'${k.name}'`) || text.includes(`"${k.name}"`)).map((k) => k.name);
      expect(literals, file).toEqual([]);
    }
  });
});
