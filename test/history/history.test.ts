import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBootLog } from '../../src/parser/index.js';
import { checkModel } from '../../src/check/check.js';
import { buildHistory } from '../../src/history/build-history.js';
import type { DiffSide } from '../../src/diff/types.js';
import { runCliHere } from '../helpers/run-cli.js';

/** A healthy 6.0 Xen console as the snapshot with build number `build`, built on `day` of July 2016; without xnf0 when `lost`. */
const base = readFileSync('fixtures/diff/healthy-a.log', 'utf8').split('\n\n').slice(1).join('\n\n');
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
function snapshot(build: number, day: number, lost = false): string {
  let s = base.replace('#2319: Tue Jul 26 13:00:43 MDT 2016', `#${build}: ${DAYS[(day + 4) % 7]} Jul ${day} 13:00:43 MDT 2016`);
  if (lost) s = s.replace(/^xnf0 at xen0: .*\n/m, '');
  return s;
}
const side = (label: string, text: string): DiffSide => {
  const model = parseBootLog(text).model;
  return { label, model, report: checkModel(model) };
};

const dir = mkdtempSync(join(tmpdir(), 'bootgate-history-'));
const series = [snapshot(2319, 20), snapshot(2320, 21), snapshot(2321, 22, true), snapshot(2322, 23)].map((text, i) => {
  const f = join(dir, `s${i}.log`);
  writeFileSync(f, text);
  return f;
});

describe('buildHistory', () => {
  it('xnf0 lost in the third snapshot: first bad = third, last good = second, fixed when it comes back', () => {
    const h = buildHistory(series.map((f) => side(f, readFileSync(f, 'utf8'))));
    const xnf = h.changes.find((c) => c.subject === 'xnf0')!;
    expect(xnf).toMatchObject({ kind: 'device', firstBad: { index: 2, file: series[2] }, lastGood: { index: 1, file: series[1] }, fixed: { index: 3, file: series[3] }, allowed: null });
    expect(h.rows.find((r) => r.subject === 'xnf0')!.states).toEqual(['present', 'present', 'absent', 'present']);
    expect(h.regression).toBe(false);
    // Stop at the third: still bad in the newest.
    const cut = buildHistory(series.slice(0, 3).map((f) => side(f, readFileSync(f, 'utf8'))));
    expect(cut.changes.find((c) => c.subject === 'xnf0')).toMatchObject({ firstBad: { index: 2 }, lastGood: { index: 1 }, fixed: null });
    expect(cut.regression).toBe(true);
    expect(h.snapshots[2]!.kernel).toEqual({ version: '6.0', build: 2321, date: expect.stringMatching(/ Jul 22 13:00:43 MDT 2016$/) });
  });

  it('--sort kernel orders by build date, whatever the order given', () => {
    const shuffled = [3, 0, 2, 1].map((i) => side(series[i]!, readFileSync(series[i]!, 'utf8')));
    expect(buildHistory(shuffled, { sort: 'kernel' }).snapshots.map((s) => s.kernel.build)).toEqual([2319, 2320, 2321, 2322]);
    expect(buildHistory(shuffled).snapshots.map((s) => s.kernel.build)).toEqual([2322, 2319, 2321, 2320]);
  });

  it('a snapshot that cannot tell is neither bad nor a fix; a subject constant where known is no row', () => {
    const dmesg = (t: string) => t.slice(0, t.indexOf('Automatic boot in progress'));
    const h = buildHistory([side('a', snapshot(1, 20)), side('b', dmesg(snapshot(2, 21))), side('c', snapshot(3, 22))]);
    expect(h.rows.filter((r) => r.kind === 'milestone')).toEqual([]);
    expect(h.changes).toEqual([]);
  });

  it('a known release step is allowed by the built-in list, and not shown as bad', () => {
    const h = buildHistory([side('6.0', base), side('6.0-current', readFileSync('fixtures/diff/step-6.0current-xbf-m4.log', 'utf8').split('\n\n').slice(1).join('\n\n'))]);
    const wd0 = h.changes.find((c) => c.subject === 'wd0')!;
    expect(wd0.allowed).toMatchObject({ id: 'xbf-wd0' });
    expect(h.rows.find((r) => r.subject === 'wd0')!.bad).toEqual([false, false]);
    expect(h.regression).toBe(false);
    expect(buildHistory(h.snapshots.map((_, i) => side(String(i), i === 0 ? base : readFileSync('fixtures/diff/step-6.0current-xbf-m4.log', 'utf8'))), { builtin: [] }).regression).toBe(true);
  });
});

describe('bootgate history', () => {
  it('names the third first bad and the second last good in every format; exit 1 while it is lost, 0 once it is back', async () => {
    const three = series.slice(0, 3);
    const text = await runCliHere(['history', ...three], { offline: true });
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/^xnf0 +device +present +present +ABSENT$/m);
    expect(text.stdout).toContain(`xnf0 (device): first bad [2] ${three[2]} (OpenBSD 6.0 #2321); last good [1] ${three[1]} (OpenBSD 6.0 #2320); still bad in the newest`);

    const json = await runCliHere(['history', '-f', 'json', ...three], { offline: true });
    expect(json.status).toBe(1);
    const j = JSON.parse(json.stdout);
    expect(j.schemaVersion).toBe(1);
    expect(j.snapshots.map((s: { file: string; kernel: { build: number } }) => [s.file, s.kernel.build])).toEqual([[three[0], 2319], [three[1], 2320], [three[2], 2321]]);
    expect(j.changes.find((c: { subject: string }) => c.subject === 'xnf0')).toMatchObject({ kind: 'device', firstBad: { index: 2, file: three[2] }, lastGood: { index: 1, file: three[1] }, fixed: null });

    const md = (await runCliHere(['history', '-f', 'markdown', ...three], { offline: true })).stdout;
    expect(md).toContain('| xnf0 | device | present | present | **absent** |');
    expect(md).toMatch(/xnf0 \(device\): first bad \\\[2\\\] .*s2\.log .*last good \\\[1\\\] .*s1\.log/);

    const html = (await runCliHere(['history', '-f', 'html', ...three], { offline: true })).stdout;
    expect(html).toMatch(/<tr><th><code>xnf0<\/code><\/th><td>device<\/td><td class="good">present<\/td><td class="good">present<\/td><td class="bad">absent<\/td><\/tr>/);
    expect(html).toContain('first bad [2]');

    const back = await runCliHere(['history', '-f', 'json', ...series], { offline: true });
    expect(back.status).toBe(0);
    expect(JSON.parse(back.stdout).changes.find((c: { subject: string }) => c.subject === 'xnf0').fixed).toEqual({ index: 3, file: series[3] });
    expect((await runCliHere(['history', ...series], { offline: true })).stdout).toContain(`fixed in [3] ${series[3]}`);
  });

  it('escapes everything in html; bad input is one line, exit 2', async () => {
    const evil = join(dir, '<img src=x onerror=alert(1)>.log');
    writeFileSync(evil, snapshot(9, 24, true));
    const html = (await runCliHere(['history', '-f', 'html', series[0]!, evil], { offline: true })).stdout;
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;.log');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ schemaVersion: 1, boots: [], lineCount: 0 }));
    for (const args of [['history', series[0]!, bad], ['history', series[0]!], ['history', series[0]!, join(dir, 'missing.log')]]) {
      const r = await runCliHere(args, { offline: true });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
    }
  });
});
