import { describe, expect, it } from 'vitest';
import { renderDiffHtml, renderHtmlReport, renderHtmlReportPieces } from '../../src/report/html.js';
import type { CheckReport } from '../../src/verdict/types.js';
import type { LaunchReport } from '../../src/verdict/launch-report.js';
import { diffBoots } from '../../src/diff/diff-boots.js';
import { dev, model, unconf, xen60 } from '../diff/build-model.js';

const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&\u0007';
const consoleLines = ['OpenBSD 6.0 (GENERIC.MP) #2319', hostile, 'xnf0 at xen0: backend 0', 'root on wd0a'];
const report: CheckReport = {
  schemaVersion: 1, verdict: 'fail', file: 'a<b>.log', platform: { id: 'xen-hvm', source: 'detected', evidence: [] },
  findings: [
    { rule: 'nic-attach', status: 'fail', message: 'no NIC <attached>', evidence: [{ line: 2, text: hostile }] },
    { rule: 'root-found', status: 'pass', message: 'root on wd0a', evidence: [{ line: 4, text: 'root on wd0a' }] },
  ],
  diagnoses: [{ id: 'no-xnf', summary: 'xnf0 missing', remedy: 'use a kernel with xnf(4) & xen(4)', evidence: [{ line: 3, text: 'x' }] }],
};

describe('renderHtmlReport', () => {
  const html = renderHtmlReport({ report, model: null, consoleLines });

  it('escapes every piece of hostile text', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;\ufffd');
    expect(html).toContain('a&lt;b&gt;.log');
    expect(html).toContain('no NIC &lt;attached&gt;');
    expect(html).toContain('xnf(4) &amp; xen(4)');
  });

  it('fetches nothing: no external resource and a CSP that forbids scripts and fetches', () => {
    // Attribute values are escaped text; what matters is the markup around them.
    const markup = html.replace(/"[^"]*"/g, '""');
    expect(markup).not.toMatch(/<[a-z][^>]*\s(?:src|srcset|data|background|poster)=|@import|url\(|<link\b|<script|<iframe|<object|https?:\/\//i);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
  });

  it('anchors every console line and highlights evidence of failures and diagnoses only', () => {
    for (let n = 1; n <= 4; n++) expect(html).toContain(`id="L${n}"`);
    expect(html).toMatch(/<div class="l evidence" id="L2">/);
    expect(html).toMatch(/<div class="l evidence" id="L3">/);
    expect(html).toMatch(/<div class="l" id="L4">/);
    expect(html).toContain('<a class="ev" href="#L2"');
    expect(html).toMatch(/<div class="verdict fail" id="verdict">FAIL<\/div>/);
    expect(html).toContain('class="remedy"');
  });

  it('shows the device tree with unconfigured and missing devices marked, the diff and the timeline', () => {
    const old = model(xen60());
    const neu = model(xen60({ devices: old.boots[0]!.devices.filter((d) => d.name !== 'xnf0'), unconfigured: [unconf('vbd', 'xen0'), unconf('Intel 82599 VF', 'pci0')] }));
    const diff = diffBoots(old, neu);
    const launch = {
      ...report, instance: { id: 'i-0123456789abcdef0', type: 't2.micro', amiId: 'ami-0abc', region: 'eu-west-1', state: 'terminated' },
      timeline: [{ at: '2026-01-01T00:00:00Z', elapsedMs: 1500, event: 'run-instances', detail: '<b>x</b>' }],
      cost: { instanceSeconds: 90 }, console: '', warnings: ['ImportKeyPair refused <the> key'],
    } satisfies LaunchReport;
    const out = renderHtmlReport({ report, model: neu, consoleLines, diff, launch });
    expect(out).toContain('<p class="meta">warning: ImportKeyPair refused &lt;the&gt; key</p>');
    // The page written piece by piece (check --format html of one large console) is the same page.
    const numbered = consoleLines.map((text, i) => ({ line: i + 1, text }));
    for (const cut of [[numbered], [numbered.slice(0, 1), numbered.slice(1, 3), [], numbered.slice(3)], [consoleLines.slice(0, 2), consoleLines.slice(2)]]) {
      expect([...renderHtmlReportPieces({ report, model: neu, diff, launch }, cut)].join('')).toBe(out);
    }
    // A long console streams a few hundred rows per piece: still the same page.
    const long = Array.from({ length: 1300 }, (_, i) => (i % 5 === 0 ? `${hostile} ${i}` : `cpu${i} at mainbus0`));
    const longOut = renderHtmlReport({ report, model: neu, consoleLines: long, diff, launch });
    const longNumbered = long.map((text, i) => ({ line: i + 1, text }));
    // A run read by index (src/input's LineBatch, as check --format html streams it).
    const run = (from: number, to: number) => ({ length: to - from, numbers: longNumbered.slice(from, to).map((l) => l.line), text: (i: number) => long[from + i]! });
    for (const cut of [[longNumbered], [long.slice(0, 700), long.slice(700)], [longNumbered.slice(0, 513), [], longNumbered.slice(513)], [run(0, 600), run(600, 1300)]]) {
      const pieces = [...renderHtmlReportPieces({ report, model: neu, diff, launch }, cut)];
      expect(pieces.length).toBeGreaterThan(cut.length + 2);
      expect(pieces.join('')).toBe(longOut);
    }
    expect(out).toContain('<span class="dev missing">xnf0 at xen0 — missing');
    expect(out).toContain('<span class="dev unconfigured">&quot;Intel 82599 VF&quot; at pci0 not configured</span>');
    expect(out).toMatch(/<details open><summary><a class="ln" href="#L\d+">L\d+<\/a> <span class="dev device">xen0 at pvbus0/);
    expect(out).toContain('<tr class="change regression"><td>REGRESSION</td><td><code>device-removed</code>');
    expect(out).toContain('<code>run-instances</code></td><td>&lt;b&gt;x&lt;/b&gt;');
    expect(out).toContain('i-0123456789abcdef0');
  });

  it('does not link a known-issue URL that is not http(s)', () => {
    const known = { matches: [{ title: 't', link: 'javascript:alert(1)', note: null, signature: 's', evidence: [] }], unmatched: [], allKnown: true };
    expect(renderHtmlReport({ report, model: null, consoleLines, known })).toContain('<a href="#" rel="noreferrer">javascript:alert(1)</a>');
  });

  it('survives a cyclic device tree from a damaged log', () => {
    const m = model(xen60({ devices: [dev('aa0', 'bb0'), dev('bb0', 'aa0')] }));
    expect(renderHtmlReport({ report, model: m, consoleLines })).toContain('Device tree');
  });
});

describe('renderDiffHtml', () => {
  it('shows the result and every change, escaped', () => {
    const old = model(xen60());
    const neu = model(xen60({ devices: [...old.boots[0]!.devices, dev('evil0', 'pci0', '<script>x</script>')] }));
    const html = renderDiffHtml(diffBoots(old, neu));
    expect(html).toContain('<div class="verdict pass" id="verdict">OK</div>');
    expect(html).toContain('evil0 at pci0 newly attaches');
    expect(html).not.toContain('<script');
    const bad = renderDiffHtml(diffBoots(old, model(xen60({ devices: [] }))));
    expect(bad).toContain('<div class="verdict fail" id="verdict">REGRESSION</div>');
  });
});

describe('htmlFormatter (streaming check --format html)', () => {
  it('puts several reports on one valid page with unique anchors', async () => {
    const { htmlFormatter } = await import('../../src/report/html/formatter.js');
    const { renderRun } = await import('../../src/report/index.js');
    const item = (r: typeof report) => ({ label: r.file ?? '(stdin)', report: r, rulesVerdict: r.verdict });
    const page = renderRun(htmlFormatter, { command: 'check', inputs: 3 }, [item(report), item({ ...report, file: 'b.log' }), { label: 'c<x>.log', message: 'cannot read c<x>.log: no such file' }], { color: false });
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page.trimEnd().endsWith('</body></html>')).toBe(true);
    expect(page).toContain('<a class="ev" href="#f1-L2"');
    expect(page).toContain('id="f2-L2"');
    const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(page).not.toContain('<script');
    expect(page).toContain('ERROR — c&lt;x&gt;.log');
    expect(page).toContain('3 file(s): 0 pass, 2 fail, 0 inconclusive, 1 unreadable');
  });
});
