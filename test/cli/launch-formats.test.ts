import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS, type Scenario } from '../../src/sim/index.js';
import { useSimulator, isolatedEnv, launchArgs as argsOn } from '../launcher/cli-harness.js';
import { runCliInProcess as runCli } from '../launcher/in-process-cli.js';

// The report formats of a live run: the real CLI, in this process, against the simulator on loopback.
const live = useSimulator({ speed: 300 });
const launchArgs = (s: Pick<Scenario, 'amiId' | 'instanceType'>, ...extra: string[]) => argsOn(live.sim, s, ...extra);

describe.concurrent('bootgate launch --format', () => {
  it('junit and markdown carry the verdict, diagnosis and the run', async () => {
    const s = SCENARIOS.find((x) => x.id === 'kernel-without-xen')!;
    const dir = mkdtempSync(join(tmpdir(), 'bootgate-out-'));
    const out = join(dir, 'report.xml');
    const j = await runCli(launchArgs(s, '--timeout', '40s', '--format', 'junit', '--output', out), isolatedEnv());
    expect(j.code, j.stderr).toBe(1);
    expect(j.stdout).toBe('');
    const xml = readFileSync(out, 'utf8');
    const id = /<property name="instance-id" value="(i-[0-9a-f]+)"\/>/.exec(xml)?.[1];
    expect(id).toBeDefined();
    // The rules' suite, as `check` writes it, named after the run; then the run's own suite.
    expect(xml).toContain(`<testsuite name="${s.amiId} on t2.micro in us-east-1 (${id})" tests="12" failures="`);
    expect(xml).toMatch(/<testcase classname="[^"]+" name="nic-attach" [^>]*><failure type="fail"/);
    expect(xml).toContain('1. kernel-lacks-xen: ');
    expect(xml).toMatch(new RegExp(`<testsuite name="${s.amiId} on t2\\.micro in us-east-1 \\(${id}\\) \\(launch\\)" tests="1" failures="0" errors="0"`));
    expect(xml).toContain('<property name="cause" value="image"/>');
    expect(xml).toMatch(/\+[\d.]+s verdict fail\n/);
    expect(xml.trimEnd().endsWith('</testsuites>')).toBe(true);
    const m = await runCli(launchArgs(s, '--timeout', '40s', '--format', 'markdown'), isolatedEnv());
    expect(m.code).toBe(1);
    expect(m.stdout).toMatch(/^## bootgate launch\n\n### ❌ FAIL — ami-[0-9a-f]+ on t2\.micro in us-east-1 \(i-[0-9a-f]+\)$/m);
    expect(m.stdout).toMatch(/^1\. \*\*kernel-lacks-xen\*\*: /m);
    expect(m.stdout).toMatch(/^Instance: `i-[0-9a-f]+` · `t2\.micro` · .* state terminated · time to verdict [\d.]+m?s · [\d.]+ instance-seconds$/m);
    expect(m.stdout).toMatch(/^Cause: \*\*image\*\*$/m);
    expect(m.stdout).toMatch(/^\| [\d.]+ \| verdict \| fail \|$/m);
    expect(readdirSync(dir)).toEqual(['report.xml']);
  }, 60_000);

  it('html --output: one self-contained page with the verdict, highlighted evidence and the timeline', async () => {
    const s = SCENARIOS.find((x) => x.id === 'kernel-without-xen')!;
    const out = join(mkdtempSync(join(tmpdir(), 'bootgate-out-')), 'report.html');
    const r = await runCli(launchArgs(s, '--timeout', '40s', '--format', 'html', '--output', out), isolatedEnv());
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link |src="http/);
    expect(html).toContain('<div class="verdict fail" id="verdict">FAIL</div>');
    expect(html).toMatch(/<div class="diagnosis" id="diag-kernel-lacks-xen">/);
    // Evidence lines of the failure are highlighted in the console view.
    expect(html).toMatch(/<div class="l evidence" id="L\d+"><a class="ln" href="#L\d+">\d+<\/a>bios0: Xen HVM domU<\/div>/);
    const timeline = /<section id="timeline">(.*?)<\/section>/s.exec(html)?.[1] ?? '';
    expect(timeline).toMatch(/instance <code>i-[0-9a-f]+<\/code> · t2\.micro/);
    for (const event of ['preflight', 'run-instances', 'first-console-byte', 'verdict', 'terminate']) expect(timeline).toContain(`<code>${event}</code>`);
    expect(timeline).toMatch(/instance-seconds · cause <b>image<\/b>/);
  }, 60_000);
});

describe('after every launch above', () => {
  it('nothing is left running', () => {
    expect(live.sim.runningCount()).toBe(0);
  });
});
