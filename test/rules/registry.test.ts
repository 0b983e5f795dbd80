import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DIAGNOSES } from '../../src/diagnosis/index.js';
import { LIVE_ONLY, REPORT_ORDER, RULES } from '../../src/rules/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const docs = readFileSync(join(root, 'docs/rules.md'), 'utf8');

/** The text of one `## title` section of docs/rules.md. */
function sectionOf(title: string): string {
  const start = docs.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`docs/rules.md has no "## ${title}" section`);
  const end = docs.indexOf('\n## ', start + 1);
  return docs.slice(start, end < 0 ? undefined : end);
}

describe('rule registry', () => {
  const ids = RULES.map((r) => r.id);

  it('is sorted by id and has no duplicates', () => {
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  // The documented rules are the contract: a rule is neither dropped nor added without its entry.
  it('has exactly the rules docs/rules.md documents, each with its severity', () => {
    const documented = [...sectionOf('Rules').matchAll(/^### (\S+)\n\*(\w+)[.,]/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(documented.sort()).toEqual(RULES.map((r) => `${r.id} ${r.meta.severity}`).sort());
  });

  it('reports every rule exactly once in REPORT_ORDER', () => {
    expect([...REPORT_ORDER].sort()).toEqual(ids);
    for (const id of LIVE_ONLY) expect(ids).toContain(id);
  });

  for (const rule of RULES) {
    it(`${rule.id}: file, test and docs line`, () => {
      expect(existsSync(join(root, 'src/rules', `${rule.id}.ts`))).toBe(true);
      expect(existsSync(join(root, 'test/rules', `${rule.id}.test.ts`))).toBe(true);
      expect(docs).toContain(`### ${rule.id}\n`);
      expect(Object.values(rule.meta.messages).some((m) => m.status === 'pass')).toBe(true);
    });
  }
});

describe('diagnosis registry', () => {
  it('has no duplicates and exactly the diagnoses docs/rules.md documents', () => {
    const ids = DIAGNOSES.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...sectionOf('Diagnoses').matchAll(/^- `([a-z0-9-]+)`:/gm)].map((m) => m[1]).sort()).toEqual([...ids].sort());
  });
});
