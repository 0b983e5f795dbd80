import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyBaseline, checkBaselineKey, listBaselines, loadBaseline, saveBaseline, stableJson } from '../../src/baseline/index.js';
import type { CheckReport } from '../../src/verdict/types.js';
import { ConfigError, InputError } from '../../src/errors.js';
import { dev, model, xen60 } from '../diff/build-model.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bootgate-baseline-'));
});

const report = (verdict: CheckReport['verdict']): CheckReport => ({
  schemaVersion: 1, verdict, platform: { id: 'xen-hvm', source: 'detected', evidence: [] }, findings: [], diagnoses: [],
});

describe('baseline keys', () => {
  it('accepts instance-type/release keys and rejects anything that is not a plain file name', () => {
    expect(checkBaselineKey('t2.micro-7.8')).toBe('t2.micro-7.8');
    expect(checkBaselineKey('t2.micro-7.8.json')).toBe('t2.micro-7.8');
    for (const bad of ['../etc/passwd', 'a/b', '.hidden', '-rf', '', 'a..b', 'x'.repeat(101), 'a b', 'a\\b']) {
      expect(() => checkBaselineKey(bad), bad).toThrow(ConfigError);
    }
  });
});

describe('save, list, load', () => {
  it('saves one stable, sorted JSON file per key and loads it back by key or by path', async () => {
    const m = model(xen60());
    const path = await saveBaseline(dir, 't2.micro-6.0', m, report('pass'));
    expect(path).toBe(join(dir, 't2.micro-6.0.json'));
    const text = await readFile(path, 'utf8');
    expect(text).toBe(stableJson(JSON.parse(text)));
    expect(text.indexOf('"kind"')).toBeLessThan(text.indexOf('"model"'));
    // Saving the same data again is byte-identical (diffs well in git) and leaves no temp files.
    await saveBaseline(dir, 't2.micro-6.0', m, report('pass'));
    expect(await readFile(path, 'utf8')).toBe(text);
    expect(await readdir(dir)).toEqual(['t2.micro-6.0.json']);

    const byKey = await loadBaseline('t2.micro-6.0', dir);
    expect(byKey.model).toEqual(JSON.parse(JSON.stringify(m)));
    expect(byKey.report?.verdict).toBe('pass');
    expect((await loadBaseline(path, '/nonexistent')).name).toBe('t2.micro-6.0');
  });

  it('lists baselines with their kernel, and an absent directory as empty', async () => {
    await saveBaseline(dir, 'm4.large-6.0', model(xen60()), null);
    await saveBaseline(dir, 'c4.large-5.9', model(xen60({ version: '5.9' })), report('pass'));
    expect(await listBaselines(dir)).toEqual([
      { name: 'c4.large-5.9', file: join(dir, 'c4.large-5.9.json'), kernel: '5.9 GENERIC.MP', verdict: 'pass', snapshot: expect.objectContaining({ version: '5.9', name: 'GENERIC.MP' }) },
      { name: 'm4.large-6.0', file: join(dir, 'm4.large-6.0.json'), kernel: '6.0 GENERIC.MP', verdict: null, snapshot: expect.objectContaining({ version: '6.0' }) },
    ]);
    expect(await listBaselines(join(dir, 'nope'))).toEqual([]);
  });

  it('names what exists when a key is missing, and rejects files that are not baselines', async () => {
    await saveBaseline(dir, 'a-1', model(xen60()), null);
    await expect(loadBaseline('b-2', dir)).rejects.toThrow(`baseline "b-2" not found in ${dir} (have: a-1)`);
    await writeFile(join(dir, 'junk.json'), '{"verdict":"pass"}');
    await expect(loadBaseline('junk', dir)).rejects.toThrow(/is not a bootgate baseline/);
    await writeFile(join(dir, 'broken.json'), '{');
    await expect(loadBaseline('broken', dir)).rejects.toThrow(InputError);
    await expect(listBaselines(dir)).rejects.toThrow(/broken\.json is not valid JSON/);
  });

  it('refuses to save a log with no boot', async () => {
    await expect(saveBaseline(dir, 'empty', model(), null)).rejects.toThrow(/no OpenBSD boot/);
  });
});

describe('applyBaseline', () => {
  const saved = { kind: 'bootgate-baseline' as const, schemaVersion: 1 as const, name: 't2.micro-6.0', model: model(xen60()), report: report('pass') };

  it('a regression fails a passing report', () => {
    const lost = model(xen60({ devices: [dev('mainbus0', 'root')] }));
    const r = applyBaseline(report('pass'), lost, saved);
    expect(r.verdict).toBe('fail');
    expect(r.diff.regression).toBe(true);
    expect(r.summary).toMatch(/^regression against baseline t2\.micro-6\.0: .*xnf0 at xen0 no longer attaches/);
  });

  it('a clean diff keeps the report verdict, failing or not', () => {
    expect(applyBaseline(report('pass'), model(xen60()), saved).verdict).toBe('pass');
    const r = applyBaseline(report('inconclusive'), model(xen60()), { ...saved, report: report('inconclusive') });
    expect(r.verdict).toBe('inconclusive');
    expect(r.summary).toBe('no regression against baseline t2.micro-6.0 (0 changes)');
  });

  it('an allow entry keeps an expected change from failing the gate', () => {
    const noWd = model(xen60({ devices: saved.model.boots[0]!.devices.filter((d) => d.name !== 'wd0') }));
    const allow = [{ kind: 'device-removed' as const, subject: 'wd0', reason: 'moved to xbf' }];
    expect(applyBaseline(report('pass'), noWd, saved).verdict).toBe('fail');
    expect(applyBaseline(report('pass'), noWd, saved, { allow }).verdict).toBe('pass');
  });
});
