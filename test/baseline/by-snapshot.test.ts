import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliHere } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

const body = (f: string) => readFileSync(join('fixtures/diff', f), 'utf8').split('\n\n').slice(1).join('\n\n');
const a60 = body('healthy-a.log');
/** The same image as another -current snapshot: build number and date changed. */
const snap = (build: number, date: string, text = a60) => text.replace('#2319: Tue Jul 26 13:00:43 MDT 2016', `#${build}: ${date}`);

describe('baselines by snapshot', () => {
  const { dir, write: put } = tempFiles('bootgate-bysnap-');
  const base = join(dir, 'baselines');
  const old = put('old.log', snap(2300, 'Mon Jul 11 10:00:00 MDT 2016'));
  const newer = put('newer.log', snap(2319, 'Tue Jul 26 13:00:43 MDT 2016'));
  // A 6.8 baseline: another release line, newer build date.
  const other = put('other.log', body('lease-accepted-6.8.log'));
  const lost = put('lost.log', snap(2330, 'Sun Aug  7 09:00:00 MDT 2016', a60.replace(/^xnf0 at xen0: .*\n/m, '')));

  it('save records the snapshot; list shows it; "latest" is not a name', async () => {
    for (const [f, n] of [[newer, 'b-newer'], [old, 'a-old'], [other, 'c-68']] as const) {
      const r = await runCliHere(['baseline', 'save', f, '--name', n, '--dir', base], { offline: true });
      expect(r.status, r.stderr).toBe(0);
    }
    const saved = JSON.parse(readFileSync(join(base, 'b-newer.json'), 'utf8'));
    expect(saved.snapshot).toEqual({ version: '6.0', suffix: null, name: 'GENERIC.MP', build: 2319, date: 'Tue Jul 26 13:00:43 MDT 2016', arch: 'amd64', instanceType: null });
    const list = (await runCliHere(['baseline', 'list', '--dir', base], { offline: true })).stdout;
    expect(list).toMatch(/^a-old +OpenBSD 6\.0 GENERIC\.MP #2300 \(Mon Jul 11 10:00:00 MDT 2016\) amd64 {2}pass/m);
    expect(list).toMatch(/^c-68 +OpenBSD 6\.8 GENERIC\.MP #98 /m);
    expect(JSON.parse((await runCliHere(['baseline', 'list', '--dir', base, '-f', 'json'], { offline: true })).stdout)[1].snapshot.build).toBe(2319);
    const reserved = await runCliHere(['baseline', 'save', newer, '--name', 'latest', '--dir', base], { offline: true });
    expect(reserved.status).toBe(2);
    expect(reserved.stderr).toMatch(/^bootgate: baseline name "latest" is reserved/);
  });

  it('check --baseline latest compares with the newest baseline of the same arch and release', async () => {
    const r = await runCliHere(['check', '-f', 'json', '--baseline', 'latest', '--baseline-dir', base, lost], { offline: true });
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.baseline.name).toBe('b-newer');
    expect(j.baseline.diff.changes.find((c: { subject: string }) => c.subject === 'xnf0')).toMatchObject({ kind: 'device-removed', regression: true });
    // A 7.2 boot has no baseline of its release: one line, exit 2, never an uncompared pass.
    const none = await runCliHere(['check', '--baseline', 'latest', '--baseline-dir', base, put('72.log', a60.replace('OpenBSD 6.0 (GENERIC.MP)', 'OpenBSD 7.2 (GENERIC.MP)'))], { offline: true });
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^bootgate: --baseline latest: no baseline in .* for amd64 OpenBSD 7\.2 \(have: a-old \(amd64 6\.0\), b-newer \(amd64 6\.0\), c-68 \(amd64 6\.8\)\)\n$/);
  });
});
