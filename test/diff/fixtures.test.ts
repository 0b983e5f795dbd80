import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffBoots, parseAllowFile } from '../../src/diff/index.js';
import { parseBootLog } from '../../src/parser/index.js';

const dir = resolve(__dirname, '../../fixtures/diff');
const KEYS = new Set(['ROLE', 'NOTE', 'DIFF-OLD', 'ALLOW', 'EXPECT', 'CHANGES', 'BUILTIN']);

/** Header lines (`KEY: value`) up to the first blank line, then the console. */
export function readFixture(name: string): { header: Map<string, string>; console: string } {
  const text = readFileSync(join(dir, name), 'utf8');
  const cut = text.indexOf('\n\n');
  const header = new Map<string, string>();
  for (const l of text.slice(0, cut).split('\n')) {
    const m = /^([A-Z-]+): (.*)$/.exec(l);
    if (!m || !KEYS.has(m[1]!)) throw new Error(`${name}: unknown header line "${l}"`);
    header.set(m[1]!, m[2]!);
  }
  return { header, console: text.slice(cut + 2) };
}

const cases = readdirSync(dir).filter((f) => f.endsWith('.log')).sort();

describe('diff fixtures', () => {
  it('has the pairs the issue asks for', () => {
    expect(cases).toEqual(expect.arrayContaining(['healthy-b.log', 'xnf0-lost.log', 'new-unconfigured.log', 'wd0-to-sd0.log', 'upgrade-6.0.log']));
    // One fixture per release step of the built-in allow list.
    expect(cases).toEqual(expect.arrayContaining(['step-6.0current-xbf-m4.log', 'step-7.0-dhcpleased.log']));
  });

  for (const name of cases) {
    const { header, console } = readFixture(name);
    if (header.get('ROLE') === 'old') {
      it(`${name} (old side) parses to a boot with root and login`, () => {
        const boot = parseBootLog(console).model.boots.at(-1)!;
        expect(boot.root).not.toBeNull();
        expect(boot.events.some((e) => e.type === 'login-prompt')).toBe(true);
      });
      continue;
    }
    it(`${name}: ${header.get('EXPECT')}`, () => {
      const oldName = header.get('DIFF-OLD')!;
      const old = parseBootLog(readFixture(oldName).console).model;
      const neu = parseBootLog(console).model;
      const allowFile = header.get('ALLOW');
      const allow = allowFile ? parseAllowFile(JSON.parse(readFileSync(join(dir, allowFile), 'utf8')), allowFile) : [];
      // A fixture with an allow file tests the file alone; one without tests the built-in list, and
      // BUILTIN names exactly the built-in entries that must apply.
      const d = diffBoots({ label: oldName, model: old, report: null }, { label: name, model: neu, report: null }, { allow, ...(allowFile ? { builtin: [] } : {}) });
      const builtinIds = (header.get('BUILTIN') ?? '').split(/,\s*/).filter(Boolean).sort();
      expect([...new Set(d.changes.filter((c) => c.allowed?.source === 'builtin').map((c) => c.allowed!.id))].sort()).toEqual(builtinIds);
      expect(d.regression).toBe(header.get('EXPECT') === 'regression');
      // CHANGES (comma-separated kind:subject) lists every regression the diff must find, allowed or not: no more, no fewer.
      const expected = (header.get('CHANGES') ?? '').split(/,\s*/).filter(Boolean).sort();
      const got = d.changes.filter((c) => c.regression).map((c) => `${c.kind}:${c.subject}`).sort();
      expect(got).toEqual(expected);
      if (header.get('EXPECT') === 'clean' && !allowFile && builtinIds.length === 0) expect(d.changes).toEqual([]);
      if (header.get('EXPECT') === 'clean') expect(d.changes.filter((c) => c.regression).every((c) => c.allowed)).toBe(true);
      for (const c of d.changes) {
        if (c.new) expect(console.split('\n')[c.new.line - 1]).toContain(c.new.text.trim().slice(0, 20));
      }
    });
  }

  it('without its allow file the upgrade pair is a regression', () => {
    const d = diffBoots(parseBootLog(readFixture('upgrade-5.9.log').console).model, parseBootLog(readFixture('upgrade-6.0.log').console).model, { builtin: [] });
    expect(d.regression).toBe(true);
    expect(d.changes.map((c) => c.kind)).toEqual(expect.arrayContaining(['kernel-version', 'device-changed']));
  });
});
