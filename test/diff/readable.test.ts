import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBootLog } from '../../src/parser/index.js';
import { checkModel } from '../../src/check/check.js';
import { diffBoots } from '../../src/diff/diff-boots.js';
import { BUILTIN_ALLOW } from '../../src/diff/builtin-allow.js';
import { formatDiffText, groupChanges } from '../../src/diff/format-text.js';
import { formatDiffMarkdown } from '../../src/diff/format-markdown.js';
import { corpusDir } from '../helpers/corpus.js';
import { runCliHere } from '../helpers/run-cli.js';

const corpus = corpusDir();
const parse = (f: string) => parseBootLog(readFileSync(f)).model;
const side = (f: string) => {
  const model = parse(f);
  return { label: f, model, report: checkModel(model) };
};

describe('diffs that read well', () => {
  it('every header names the snapshot: version, build number, build date, arch', () => {
    const d = diffBoots(side('fixtures/diff/healthy-a.log'), side('fixtures/diff/step-6.0current-xbf-m4.log'));
    expect(d.new.snapshot).toMatchObject({ version: '6.0', suffix: '-current', build: 166, date: 'Wed Feb  8 19:15:03 MST 2017', arch: 'amd64' });
    const text = formatDiffText(d);
    expect(text.split('\n')[0]).toBe('old: fixtures/diff/healthy-a.log: OpenBSD 6.0 GENERIC.MP #2319 (Tue Jul 26 13:00:43 MDT 2016) amd64; verdict pass');
    expect(text.split('\n')[1]).toContain('OpenBSD 6.0-current GENERIC.MP #166 (Wed Feb 8 19:15:03 MST 2017) amd64');
    expect(formatDiffMarkdown(d)).toContain('#166');
  });

  it('numbered devices in a run are one line; the JSON keeps each one, allowed as instance size', () => {
    const d = diffBoots(side('fixtures/diff/healthy-a.log'), side('fixtures/diff/step-6.0current-xbf-m4.log'));
    const cpus = d.changes.filter((c) => /^cpu\d+$/.test(c.subject));
    expect(cpus.map((c) => c.subject)).toEqual(['cpu1', 'cpu2', 'cpu3']);
    expect(cpus.every((c) => c.allowed?.source === 'instance-size')).toBe(true);
    expect(formatDiffText(d)).toMatch(/^allowed +device-added +cpu1–cpu3 at mainbus0 newly attach \(3\)$/m);
    expect(d.notes).toContain('instance size: memory 1008 MB → 16368 MB');
    // A gap ends a run: cpu1, cpu2, cpu4 are two lines.
    const c = (subject: string) => ({ ...cpus[0]!, subject });
    expect(groupChanges([c('cpu1'), c('cpu2'), c('cpu4')]).map((x) => [x.change.subject, x.count])).toEqual([['cpu1', 2], ['cpu4', 1]]);
    expect(groupChanges([c('cpu1'), c('cpu2'), c('cpu4')])[0]!.message).toBe('cpu1–cpu2 at mainbus0 newly attach (2)');
  });

  it('the built-in list is off with builtin: [] and each entry has an id, a step and a reason', () => {
    const d = diffBoots(side('fixtures/diff/healthy-a.log'), side('fixtures/diff/step-6.0current-xbf-m4.log'), { builtin: [] });
    expect(d.regression).toBe(true);
    expect(new Set(BUILTIN_ALLOW.map((e) => e.id)).size).toBe(BUILTIN_ALLOW.length);
    for (const e of BUILTIN_ALLOW) expect([e.id, e.step, e.reason].every((x) => typeof x === 'string' && x.length > 0)).toBe(true);
  });

  it('a log that ends before rc(8) output is inconclusive for the later milestones, never a pass or a regression', () => {
    const full = readFileSync('fixtures/diff/step-6.0current-xbf-m4.log', 'utf8');
    const cut = full.slice(0, full.indexOf('Automatic boot in progress'));
    const model = parseBootLog(cut).model;
    const d = diffBoots(side('fixtures/diff/healthy-a.log'), { label: 'cut', model, report: checkModel(model) });
    expect(d.regression).toBe(false);
    expect(d.inconclusive).toBe(true);
    expect(d.changes.filter((c) => c.kind === 'milestone-lost').map((c) => [c.subject, c.inconclusive])).toEqual([
      ['dhcp-lease', true], ['fingerprint-banner', true], ['login-prompt', true],
    ]);
    // A boot that panics after root loses them for real.
    const panicked = parseBootLog(`${cut}panic: ffs_valloc: dup alloc\nStopped at      db_enter+0x10:  popq    %rbp\nddb{0}>\n`).model;
    expect(diffBoots(side('fixtures/diff/healthy-a.log'), { label: 'p', model: panicked, report: null }).regression).toBe(true);
  });

  it('diff --explain-allow lists every built-in entry; --allow with "builtin": false turns them off; exit 3 when inconclusive', async () => {
    const r = await runCliHere(['diff', '--explain-allow'], { offline: true });
    expect(r.status).toBe(0);
    for (const e of BUILTIN_ALLOW) expect(r.stdout).toContain(e.id!);
    const j = JSON.parse((await runCliHere(['diff', '--explain-allow', '-f', 'json'], { offline: true })).stdout);
    expect(j.builtin).toHaveLength(BUILTIN_ALLOW.length);
  });
});

describe.skipIf(corpus === null)('the corpus release steps diff clean and short', () => {
  const c = (f: string) => join(corpus ?? '', f);
  it.each([
    ['001-aws-xen-5.9-ec2-console-full.txt', '002-aws-xen-6.0-ec2-console-full.txt', 0],
    ['002-aws-xen-6.0-ec2-console-full.txt', '008-aws-xen-6.0current-m4.10xlarge-xbf.txt', 3],
  ])('%s → %s', async (a, b, code) => {
    const r = await runCliHere(['diff', c(a), c(b)], { offline: true });
    // 008 is a saved dmesg that stops at `root on`: no regression, and the later milestones cannot be told (exit 3).
    expect(r.status, r.stdout).toBe(code);
    expect(r.stdout).not.toContain('REGRESSION');
    expect(r.stdout.trimEnd().split('\n').length).toBeLessThan(30);
    // Every suppressed change is in the JSON with its reason.
    const d = JSON.parse((await runCliHere(['diff', '-f', 'json', c(a), c(b)], { offline: true })).stdout);
    expect(d.regression).toBe(false);
    for (const ch of d.changes.filter((x: { regression: boolean; inconclusive?: boolean }) => x.regression && !x.inconclusive)) expect(ch.allowed.reason.length).toBeGreaterThan(10);
  });
});
