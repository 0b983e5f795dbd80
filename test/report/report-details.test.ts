import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import type { CheckReport } from '../../src/verdict/types.js';
import { parseBootLog } from '../../src/parser/index.js';
import { normalizeConsole } from '../../src/input/normalize.js';
import { applyGate } from '../../src/gate/apply-gate.js';
import { FORMATTERS, renderRun } from '../../src/report/index.js';
import { errorJson, itemJson } from '../../src/report/json.js';
import { junitClassName } from '../../src/report/junit.js';
import { markdownFormatter } from '../../src/report/markdown.js';
import { readSavedReports, savedEntry } from '../../src/report/read-saved.js';
import type { FormatContext, ReportError, ReportItem } from '../../src/report/types.js';
import { InputError } from '../../src/errors.js';
import type { LaunchReport } from '../../src/verdict/launch-report.js';
import { XEN_60_OK, replaceLine } from '../rules/snippets.js';

const ctx: FormatContext = { color: false };
const judge = (text: string, file: string): ReportItem => {
  const report = checkModel(parseBootLog(text).model, { file });
  return { label: file, report, rulesVerdict: report.verdict };
};

/** The baseline has one more device than the new boot: the rules pass, the gate fails. */
const WITH_CD = replaceLine(XEN_60_OK, /^wd0 at/, 'wd0 at pciide0 channel 0 drive 0: <QEMU HARDDISK>\ncd0 at scsibus0 targ 0 lun 0: <QEMU, DVD-ROM> ATAPI 5/cdrom removable');
function gatedItem(): ReportItem {
  const baseModel = parseBootLog(WITH_CD).model;
  const model = parseBootLog(XEN_60_OK).model;
  const report = checkModel(model, { file: 'logs/t2.micro-7.8.txt' });
  const g = applyGate(
    {
      baseline: { kind: 'bootgate-baseline', schemaVersion: 1, name: 't2.micro-6.0', model: baseModel, report: checkModel(baseModel) },
      allow: [],
      knownIssues: [{ title: 'no such failure title anywhere', link: 'https://example.org/bug/1' }],
      knownIssuesPass: false,
      redactor: null,
    },
    report,
    model,
    normalizeConsole(XEN_60_OK).lines,
  );
  return { label: 'logs/t2.micro-7.8.txt', report: g.report, rulesVerdict: g.rulesVerdict, baseline: g.baseline, known: g.known, model: g.model };
}

describe('one registry: every format renders the gate on its own', () => {
  it('a baseline regression: each format shows the baseline and why the verdict is not the rules\'', () => {
    const g = gatedItem();
    expect([g.report.verdict, g.rulesVerdict]).toEqual(['fail', 'pass']);
    for (const [id, f] of FORMATTERS) {
      const plain = renderRun(f, { command: 'check', inputs: 2 }, [{ ...g, baseline: null, known: null, report: { ...g.report, verdict: 'pass' } }], ctx);
      const gated = renderRun(f, { command: 'check', inputs: 2 }, [g], ctx);
      expect(gated, id).not.toBe(plain);
      expect(gated, id).toContain('t2.micro-6.0');
      if (id !== 'json' && id !== 'junit') expect(gated, id).toMatch(/the rules say pass, the baseline diff has a regression/);
    }
  });

  it('no file outside a format\'s own switches on format ids', () => {
    const root = fileURLToPath(new URL('../../src', import.meta.url));
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const offenders = files.filter((f) => /(===|!==|case)\s*'(junit|markdown|html)'|\bformatter\.id\b/.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('junit details', () => {
  const xml = renderRun(FORMATTERS.get('junit')!, { command: 'check', inputs: 2 }, [gatedItem(), { ...judge(XEN_60_OK, 'b.log'), elapsedMs: 1234.5 }], ctx);
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(xml);

  it('classname has one dot: package bootgate, the whole file name as the class', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const classes = doc.testsuites.testsuite.flatMap((s: { testcase: Record<string, string>[] }) => s.testcase.map((t) => t['@_classname']));
    expect(new Set(classes)).toEqual(new Set(['bootgate.logs/t2_micro-7_8_txt', 'bootgate.b_log']));
    expect(junitClassName('a.b.c')).toBe('bootgate.a_b_c');
  });

  it('every testsuite and testcase has a time; a suite\'s is the input\'s', () => {
    for (const s of doc.testsuites.testsuite) {
      expect(s['@_time']).toMatch(/^\d+\.\d{3}$/);
      for (const t of s.testcase) expect(t['@_time']).toMatch(/^\d+\.\d{3}$/);
    }
    expect(doc.testsuites.testsuite.find((s: Record<string, string>) => s['@_name'] === 'b.log')['@_time']).toBe('1.234');
  });
});

describe('markdown details', () => {
  it('console text is text: no strikethrough, entities, links, autolinks or html', () => {
    const hostile = '~~gone~~ &copy; [x](http://evil.example) <b>x</b> www.example.org deraadt@amd64.openbsd.org *a* _b_ `c` # ! |';
    const item = judge(XEN_60_OK, hostile);
    const r: CheckReport = { ...item.report, findings: [{ rule: 'x', status: 'fail', message: hostile, evidence: [] }] };
    const md = renderRun(markdownFormatter, { command: 'check', inputs: 1 }, [{ ...item, report: r }], ctx);
    const lines = md.split('\n').filter((l) => l.includes('gone'));
    expect(lines).toHaveLength(2);
    for (const l of lines) {
      expect(l).toContain('\\~\\~gone\\~\\~ \\&copy; \\[x\\](http\\://evil.example) \\<b\\>x\\</b\\> www\\.example.org deraadt\\@amd64.openbsd.org \\*a\\* \\_b\\_ \\`c\\` \\# ! \\|');
      // Every markup character in the console text is escaped.
      expect(l.replace(/\\./g, '')).not.toMatch(/~~|&copy;|\]\(|<b>|https?:|www\.|\w@\w/);
    }
  });

  const many = Array.from({ length: 200 }, (_, i) => judge(i % 4 ? XEN_60_OK : replaceLine(XEN_60_OK, /^xnf0 at/, '"vif" at xen0: device/vif/0 not configured'), `c${i}.txt`));
  const run = { command: 'check', inputs: many.length } as const;

  it('a size cap: the report stays under it and says how many inputs it left out', () => {
    const full = renderRun(markdownFormatter, run, many, ctx);
    expect(Buffer.byteLength(full)).toBeGreaterThan(100_000);
    const capped = renderRun(markdownFormatter, run, many, { ...ctx, maxBytes: 100_000 });
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(100_000);
    const left = Number(/\*(\d+) more input\(s\) not listed/.exec(capped)![1]);
    expect(capped.match(/^### /gm)!.length + left).toBe(200);
    expect(capped).toContain('**200 file(s):** 150 pass, 50 fail');
  });

  it('failures only: passing inputs are counted, not listed', () => {
    const md = renderRun(markdownFormatter, run, many, { ...ctx, failuresOnly: true });
    expect(md.match(/^### ❌ FAIL/gm)).toHaveLength(50);
    expect(md).not.toMatch(/^### ✅/m);
    expect(md).toContain('**200 file(s):** 150 pass, 50 fail, 0 inconclusive (passing inputs not listed)');
    // JSON keeps every input whatever the flag says.
    expect(renderRun(FORMATTERS.get('json')!, run, many, { ...ctx, failuresOnly: true }).trimEnd().split('\n')).toHaveLength(200);
  });
});

describe('html details', () => {
  it('several inputs: a summary on top (streamed last, placed first) naming what did not pass', () => {
    const page = renderRun(FORMATTERS.get('html')!, { command: 'check', inputs: 3 }, [judge(XEN_60_OK, 'a.log'), gatedItem(), { label: 'gone.log', message: 'cannot read gone.log: no such file' }], ctx);
    expect(page).toMatch(/<body class="multi">/);
    expect(page).toMatch(/body\.multi > \.summary \{ order: -1; \}/);
    const summary = /<section class="summary"[^]*?<\/section>/.exec(page)![0];
    expect(summary).toContain('bootgate check: FAIL');
    expect(summary).toContain('3 file(s): 1 pass, 1 fail, 0 inconclusive, 1 unreadable');
    expect(summary).toContain('<a href="#f2-verdict">logs/t2.micro-7.8.txt</a> fail');
    expect(summary).toContain('gone.log');
    expect(summary).not.toContain('a.log');
  });

  it('a FAIL the baseline caused says so under the verdict', () => {
    const page = renderRun(FORMATTERS.get('html')!, { command: 'check', inputs: 1 }, [gatedItem()], ctx);
    expect(page).toMatch(/id="verdict">FAIL<\/div>\n<p class="gate-note" id="gate-note">verdict fail: the rules say pass, the baseline diff has a regression<\/p>/);
  });
});

const LAUNCH: LaunchReport = {
  ...checkModel(parseBootLog(XEN_60_OK).model),
  instance: { id: 'i-0123456789abcdef0', type: 't2.micro', amiId: 'ami-0abc', region: 'eu-west-1', state: 'terminated' },
  timeline: [
    { at: '2026-12-01T10:00:00.000Z', elapsedMs: 0, event: 'run-instances' },
    { at: '2026-12-01T10:01:30.000Z', elapsedMs: 90_000, event: 'verdict', detail: 'pass' },
  ],
  cost: { instanceSeconds: 95 },
  cause: null,
  console: XEN_60_OK,
  runId: 'r1',
};

describe('saved JSON reports render again in any format', () => {
  const launchItem: ReportItem = { label: 'ami-0abc on t2.micro in eu-west-1 (i-0123456789abcdef0)', report: LAUNCH, rulesVerdict: 'pass', launch: LAUNCH };
  const launchError: ReportError = { label: 'm5.large in eu-west-1', message: 'InsufficientInstanceCapacity: none left', launch: { instanceType: 'm5.large', amiId: 'ami-0abc', region: 'eu-west-1', name: 'LaunchError', code: 'InsufficientInstanceCapacity' } };
  const entries = [gatedItem(), judge(XEN_60_OK, 'b.log'), launchItem, launchError];
  const saved = entries.map((e) => JSON.stringify('report' in e ? itemJson(e) : errorJson(e))).join('\n');

  it('every format of the re-read JSON is the format of the run itself', () => {
    const back = readSavedReports(new TextEncoder().encode(saved), 'r.json');
    for (const [id, f] of FORMATTERS) {
      const run = { command: 'check', inputs: entries.length } as const;
      // The html page of several inputs shows evidence lines only, so the model and console make no difference there.
      const strip = (e: ReportItem | ReportError) => ('report' in e ? { ...e, model: null, consoleLines: null } : e);
      expect(renderRun(f, run, back, ctx), id).toBe(renderRun(f, run, entries.map(strip), ctx));
    }
  });

  it('pretty JSON (--report-dir) and a JSON array read like NDJSON', () => {
    const one = readSavedReports(new TextEncoder().encode(JSON.stringify(itemJson(launchItem), null, 2)), 'i.json');
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ label: launchItem.label, launch: { instance: { id: 'i-0123456789abcdef0' } } });
    expect(readSavedReports(new TextEncoder().encode(`[${saved.split('\n').join(',')}]`), 'a.json')).toHaveLength(4);
  });

  it('anything else is one InputError naming the file and the field, never a TypeError', () => {
    expect(() => savedEntry({ schemaVersion: 1, verdict: 'pass', findings: [], instance: { type: 3 } }, 'x.json')).toThrow(/^x\.json: not a valid bootgate report: /);
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        try {
          const e = savedEntry(v, 'f.json');
          for (const f of FORMATTERS.values()) renderRun(f, { command: 'report', inputs: 2 }, [e], ctx);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
        }
      }),
    );
    // Real reports with a field broken: still one line.
    const base = JSON.parse(JSON.stringify(itemJson(launchItem))) as Record<string, unknown>;
    for (const key of Object.keys(base)) {
      for (const broken of [null, 7, 'x', [], {}]) {
        try {
          const e = savedEntry({ ...base, [key]: broken }, 'f.json');
          for (const f of FORMATTERS.values()) renderRun(f, { command: 'report', inputs: 1 }, [e], ctx);
        } catch (err) {
          expect(err, `${key}: ${JSON.stringify(broken)}`).toBeInstanceOf(InputError);
        }
      }
    }
  });
});
