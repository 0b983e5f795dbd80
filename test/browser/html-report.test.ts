import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { parseBootLog } from '../../src/parser/index.js';
import { normalizeConsole } from '../../src/input/normalize.js';
import { checkModel } from '../../src/check/check.js';
import { diffBoots } from '../../src/diff/diff-boots.js';
import { renderHtmlReport } from '../../src/report/html.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';
const repo = resolve(__dirname, '../..');
const outDir = join(repo, 'out');

it('chromium is installed where CI expects it', () => {
  // Outside CI a missing browser only skips the suite below; in CI it must be noticed.
  if (inCi) expect(haveChromium, `${CHROMIUM} missing: install Debian's chromium package`).toBe(true);
});

// The test tsconfig has no DOM lib: these run in the page, so reach the browser globals by name.
type BrowserGlobals = { getComputedStyle(el: unknown): { backgroundColor: string }; scrollTo(x: number, y: number): void };
const background = (el: unknown) => (globalThis as unknown as BrowserGlobals).getComputedStyle(el).backgroundColor;

const hostileLine = `<script>document.title='pwned'</script><img src="http://127.0.0.1:9/beacon.png">`;

/** The report for a boot that lost xnf0 against a healthy one, with a hostile line in its console. */
function buildReport(): { file: string; evidenceLine: number } {
  const read = (f: string) => readFileSync(join(repo, 'fixtures/diff', f), 'utf8');
  const old = parseBootLog(read('healthy-a.log')).model;
  const text = `${read('xnf0-lost.log')}${hostileLine}\n`;
  const model = parseBootLog(text).model;
  const report = checkModel(model, { file: 'xnf0-lost.log' });
  const diff = diffBoots({ label: 'healthy-a.log', model: old, report: checkModel(old) }, { label: 'xnf0-lost.log', model, report });
  const html = renderHtmlReport({ report, model, consoleLines: normalizeConsole(text).lines, diff });
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'html-report.html');
  writeFileSync(file, html);
  const failing = report.findings.find((f) => f.status === 'fail' && f.evidence.length > 0)!;
  return { file, evidenceLine: failing.evidence[0]!.line };
}

describe.skipIf(!haveChromium)(`HTML report in headless chromium${haveChromium ? '' : ` (skipped: ${CHROMIUM} not installed; apt-get install -y chromium)`}`, () => {
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const requests: string[] = [];
  let built: ReturnType<typeof buildReport>;

  beforeAll(async () => {
    built = buildReport();
    const { chromium } = await import('playwright-core');
    profile = await mkdtemp(join(tmpdir(), 'bootgate-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1200, height: 800 },
    });
    // Every request is recorded; anything but the report file itself is refused, never sent.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file://')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    context.on('request', (r) => {
      if (!r.url().startsWith('file://') && !requests.includes(r.url())) requests.push(r.url());
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(pathToFileURL(built.file).href);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('shows the verdict', async () => {
    const verdict = page.locator('#verdict');
    expect(await verdict.isVisible()).toBe(true);
    expect(await verdict.textContent()).toBe('FAIL');
  });

  it('shows the evidence lines highlighted', async () => {
    const line = page.locator(`#L${built.evidenceLine}`);
    expect(await line.getAttribute('class')).toBe('l evidence');
    await line.scrollIntoViewIfNeeded();
    expect(await line.isVisible()).toBe(true);
    const bg = await line.evaluate(background);
    const plain = await page.locator('.console .l:not(.evidence)').first().evaluate(background);
    expect(bg).not.toBe(plain);
  });

  it('an evidence link targets and scrolls to its console line', async () => {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.locator(`a.ev[href="#L${built.evidenceLine}"]`).first().click();
    expect(new URL(page.url()).hash).toBe(`#L${built.evidenceLine}`);
    const target = page.locator(`#L${built.evidenceLine}`);
    expect(await target.evaluate((el) => el.matches(':target'))).toBe(true);
    const box = (await target.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(800);
  });

  it('shows a hostile console line as text and runs nothing', async () => {
    expect(await page.title()).not.toBe('pwned');
    expect(await page.locator('.console').textContent()).toContain(hostileLine);
    expect(await page.locator('.console img, .console script').count()).toBe(0);
  });

  it('folds the device tree and marks the missing NIC', async () => {
    expect(await page.locator('.tree details').count()).toBeGreaterThan(0);
    expect(await page.locator('.dev.missing', { hasText: 'xnf0' }).isVisible()).toBe(true);
  });

  it('made no network request, and keeps a screenshot', async () => {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(outDir, 'html-report.png'), fullPage: true });
    expect(existsSync(join(outDir, 'html-report.png'))).toBe(true);
    expect(requests).toEqual([]);
  });
});
