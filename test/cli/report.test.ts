import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliHere, type CliResult } from '../helpers/run-cli.js';
import { XEN_60_OK, replaceLine } from '../rules/snippets.js';
import { tempFiles } from '../helpers/temp-files.js';

const { dir, write: put } = tempFiles('bootgate-report-');
const GOOD = put('good.log', XEN_60_OK);
const BAD = put('bad.log', replaceLine(XEN_60_OK, /^xnf0 at/, '"vif" at xen0: device/vif/0 not configured'));
const at = (name: string) => join(dir, name);

describe('check --report FORMAT=FILE and bootgate report', () => {
  // One run writes every format; the saved JSON is then rendered again without judging anything.
  let run: CliResult;
  beforeAll(async () => {
    run = await runCliHere(
      ['check', GOOD, BAD, '--report', `json=${at('r.json')}`, '--report', `junit=${at('r.xml')}`, '--report', `markdown=${at('r.md')}`, '--report', `html=${at('r.html')}`],
      { offline: true },
    );
  });

  it('one run writes stdout and every --report file', () => {
    expect([run.status, run.stderr]).toEqual([1, '']);
    expect(run.stdout).toMatch(/good\.log: PASS[^]*bad\.log: FAIL/);
    expect(readFileSync(at('r.json'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l).verdict)).toEqual(['pass', 'fail']);
    expect(XMLValidator.validate(readFileSync(at('r.xml'), 'utf8'))).toBe(true);
    expect(readFileSync(at('r.md'), 'utf8')).toContain('**2 file(s):** 1 pass, 1 fail');
    expect(readFileSync(at('r.html'), 'utf8')).toContain('<section class="summary"');
  });

  it('bootgate report renders the saved JSON as the run did, with the saved exit code', async () => {
    const again = await runCliHere(['report', at('r.json'), '-f', 'markdown', '--report', `junit=${at('again.xml')}`], { offline: true });
    expect(again.status).toBe(1);
    expect(again.stdout).toBe(readFileSync(at('r.md'), 'utf8').replace('## bootgate check', '## bootgate report').replace('file(s)', 'report(s)'));
    // JUnit times are the original run's measurements, the rest is the same.
    const strip = (x: string) => x.replace(/ time="[\d.]+"/g, '');
    expect(strip(readFileSync(at('again.xml'), 'utf8'))).toBe(strip(readFileSync(at('r.xml'), 'utf8')));
  });

  it('check refuses its own report as a console, pointing at bootgate report', async () => {
    const r = await runCliHere(['check', at('r.json')], { offline: true });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`bootgate: ${at('r.json')}: is a bootgate JSON report, not a console log; render it again with \`bootgate report ${at('r.json')} --format FORMAT\`\n`);
  });

  it('bad --report specs are one line before any work', async () => {
    for (const [spec, msg] of [
      ['junit', /^bootgate: --report: expected FORMAT=FILE/],
      ['yaml=x', /^bootgate: --report: unknown format "yaml"/],
      [`json=${at('o.txt')}`, /named twice/],
    ] as const) {
      const r = await runCliHere(['check', '-o', at('o.txt'), GOOD, '--report', spec], { offline: true });
      expect(r.status, spec).toBe(2);
      expect(r.stderr, spec).toMatch(msg);
    }
    const twice = await runCliHere(['check', GOOD, '--report', 'json=-'], { offline: true });
    expect([twice.status, twice.stderr]).toEqual([2, 'bootgate: --report …=-: stdout already carries the --format report (use -o FILE for that one)\n']);
  });

  it('diff --report writes the diff in another format beside stdout', async () => {
    const r = await runCliHere(['diff', GOOD, BAD, '--report', `junit=${at('d.xml')}`], { offline: true });
    expect(r.status).toBe(1);
    const xml = readFileSync(at('d.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(/<failure type="regression"/);
  });
});
