import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS, type Scenario } from '../../src/sim/index.js';
import type { LaunchReport } from '../../src/verdict/launch-report.js';
import { useSimulator, isolatedEnv, runCli as spawnCli, type CliResult } from '../launcher/cli-harness.js';
import { runCliInProcess as runCli } from '../launcher/in-process-cli.js';

// Integration: the real CLI and the real SDK against the simulator on loopback. The CLI runs in this
// process (in-process-cli.ts: the SDK is loaded once, not once per run); signals and a process that
// must exit by itself are tested in a child process (spawnCli).
const live = useSimulator({ speed: 300 });
const EXIT_OF = { pass: 0, fail: 1, inconclusive: 3 } as const;

const launchArgs = (s: Pick<Scenario, 'amiId' | 'instanceType'>, ...extra: string[]) => [
  'launch',
  '--ami', s.amiId,
  '--instance-type', s.instanceType,
  '--endpoint-url', live.sim.endpoint,
  '--ssh-port', String(live.sim.sshPort),
  // One poll a second also gives SSH its longest per-attempt timeout (2 s): the runs share this process.
  '--poll-interval', '1s',
  '--format', 'json',
  ...extra,
];

/** The one JSON line of a single-type run; a run that printed none fails with its stderr. */
function parseOne(r: CliResult): LaunchReport {
  const lines = r.stdout.trim().split('\n').filter(Boolean);
  expect(lines, `exit ${r.code}\n${r.stderr}`).toHaveLength(1);
  return JSON.parse(lines[0]!) as LaunchReport;
}

/** Scenarios that only end at the deadline get a short one. */
const slow = (s: Scenario) => s.consoleNeverPosted || s.faults.some((f) => f.kind === 'capacity');

describe.concurrent('bootgate launch against every simulator scenario', () => {
  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s', async (_id, s) => {
    const reportDir = mkdtempSync(join(tmpdir(), 'bootgate-reports-'));
    const r = await runCli(launchArgs(s, '--timeout', slow(s) ? '2s' : '40s', '--tag', 'team=porters', '--report-dir', reportDir, ...(s.launchFlags ?? [])), isolatedEnv());
    const report = parseOne(r);

    expect(report.verdict, `${r.stderr}\n${report.reason}`).toBe(s.expect.verdict);
    expect(r.code).toBe(EXIT_OF[s.expect.verdict]);
    expect(report.diagnoses.map((d) => d.id).slice(0, s.expect.diagnoses.length)).toEqual(s.expect.diagnoses);
    if (s.expect.cause) expect(report.cause).toBe(s.expect.cause);
    if (s.expect.verdict === 'pass') expect(report.cause).toBeNull();
    expect(report.schemaVersion).toBe(1);
    expect(report.instance.amiId).toBe(s.amiId);
    expect(report.timeline.map((t) => t.event)).toContain('verdict');
    expect(report.uncleaned).toEqual([]);

    const mine = live.sim.instances().filter((i) => i.amiId === s.amiId && i.tags['bootgate:run-id'] === report.runId);
    if (report.instance.id === null) {
      // Never launched (capacity): nothing to clean, nothing billed.
      expect(mine).toEqual([]);
      expect(report.cost.instanceSeconds).toBe(0);
      return;
    }
    expect(mine.map((i) => i.id)).toEqual([report.instance.id]);
    const inst = mine[0]!;
    expect(inst.state).toBe('terminated');
    expect(report.instance.state).toBe('terminated');
    expect(inst.shutdownBehavior).toBe('terminate');
    expect(inst.httpTokens).toBe('optional');
    expect(inst.tags).toMatchObject({ team: 'porters', 'bootgate:run-id': report.runId });
    expect(inst.volumeTags).toMatchObject({ team: 'porters', 'bootgate:run-id': report.runId });
    expect(Date.parse(inst.tags['bootgate:expires-at']!)).toBeGreaterThan(Date.now());
    expect(inst.clientToken).toMatch(/^bootgate-/);
    expect(inst.keyName).toMatch(/^bootgate-/);
    expect(report.cost.instanceSeconds).toBeGreaterThan(0);
    const events = report.timeline.map((t) => t.event);
    expect(events).toEqual(expect.arrayContaining(['preflight', 'run-instances', 'terminate', 'terminated']));
    // API latency is recorded per call.
    expect(report.timeline.filter((t) => t.event === 'api').map((t) => t.detail!.split(' ')[0])).toEqual(
      expect.arrayContaining(['DescribeImages', 'DescribeInstanceTypes', 'RunInstances', 'GetConsoleOutput', 'TerminateInstances']),
    );

    if (!s.consoleNeverPosted) {
      expect(report.console).toMatch(/OpenBSD/);
      expect(events).toContain('first-console-byte');
      expect(readFileSync(join(reportDir, `${report.instance.id}.console.txt`), 'utf8')).toBe(report.console);
    }
    expect(JSON.parse(readFileSync(join(reportDir, `${report.instance.id}.json`), 'utf8')).verdict).toBe(report.verdict);
    if (s.expect.verdict === 'pass') {
      expect(events).toEqual(expect.arrayContaining(['running', 'ssh-handshake', 'ssh-login']));
      // Logged in with the ephemeral key after the host key matched the banner.
      expect(report.uname).toMatch(/^OpenBSD /);
      expect(report.dmesg).toMatch(/OpenBSD/);
      expect(existsSync(join(reportDir, `${report.instance.id}.dmesg.txt`))).toBe(true);
      expect(report.findings.find((f) => f.rule === 'host-key-match')?.status).toBe('pass');
    }
    if (s.id === 'host-key-mismatch') {
      expect(report.findings.find((f) => f.rule === 'host-key-match')?.status).toBe('fail');
      // Never logged in to a host the console did not vouch for.
      expect(report.uname).toBeNull();
    }
  }, 60_000);
});

describe('bootgate launch: errors are one clear line, exit 2', () => {
  const healthy = SCENARIOS.find((s) => s.id === 'healthy-7.6')!;

  it('missing credentials', async () => {
    const r = await runCli(launchArgs(healthy), isolatedEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bootgate: no AWS credentials found: set AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or --profile\n$/);
    expect(r.stdout).toBe('');
  });

  it('missing region', async () => {
    const r = await runCli(launchArgs(healthy), isolatedEnv({ AWS_REGION: undefined }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bootgate: no AWS region: pass --region or set AWS_REGION[^\n]*\n$/);
  });

  it('wrong AMI id', async () => {
    const r = await runCli(launchArgs({ amiId: 'ami-0000000000000dead', instanceType: 't2.micro' }), isolatedEnv());
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(/^bootgate: DescribeImages failed: InvalidAMIID\.NotFound: .*\(request id [^)]+\)\n$/);
  });

  it('--strict-preflight refuses stock OpenBSD on Nitro before launching anything', async () => {
    const before = live.sim.instances().length;
    const r = await runCli(launchArgs({ amiId: healthy.amiId, instanceType: 'm5.large' }, '--strict-preflight'), isolatedEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bootgate: pre-flight refused .* no ena\(4\) driver.*\(--strict-preflight\)$/m);
    expect(live.sim.instances().length).toBe(before);
  });

  it('a bad gate flag is one line, exit 2, before anything is launched', async () => {
    const before = live.sim.instances().length;
    const dir = mkdtempSync(join(tmpdir(), 'bootgate-baselines-'));
    const r = await runCli(launchArgs(healthy, '--baseline', 'no-such-key', '--baseline-dir', dir), isolatedEnv());
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^bootgate: .*no-such-key/);
    expect(live.sim.instances().length).toBe(before);
  });

  it('bad flags', async () => {
    const r = await runCli(launchArgs(healthy, '--timeout', '10'), isolatedEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bootgate: --timeout: cannot read "10" as a duration (examples: 500ms, 90s, 15m, 2h, 1m30s)\n');
  });
});

describe('bootgate launch: matrix, interrupt, keep, sweep', () => {
  it('a matrix runs concurrently and prints one JSON object per line, worst verdict decides the exit code', async () => {
    const s = SCENARIOS.find((x) => x.id === 'healthy-7.6')!;
    const r = await runCli(launchArgs({ amiId: s.amiId, instanceType: 't2.micro,m5.large,t2.small' }, '--timeout', '40s'), isolatedEnv());
    const reports = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as LaunchReport);
    expect(reports.map((x) => [x.instance.type, x.verdict])).toEqual([
      ['t2.micro', 'pass'],
      ['m5.large', 'fail'],
      ['t2.small', 'pass'],
    ]);
    expect(reports[1]!.diagnoses[0]!.id).toBe('nitro-no-ena');
    expect(new Set(reports.map((x) => x.runId)).size).toBe(1);
    expect(r.code).toBe(1);
    // Concurrent, not one after another: the three launches overlap in time.
    const launched = reports.map((x) => Date.parse(x.timeline.find((t) => t.event === 'run-instances')!.at));
    const ended = reports.map((x) => Date.parse(x.timeline.find((t) => t.event === 'verdict')!.at));
    expect(Math.max(...launched)).toBeLessThan(Math.min(...ended));
    expect(r.stderr).toMatch(/\[m5\.large\] warning: m5\.large is a Nitro type/);
  }, 60_000);

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s mid-watch terminates the instance and exits %i', async (sig, code) => {
    const s = SCENARIOS.find((x) => x.id === 'console-never-posted')!;
    const r = await spawnCli(
      ['launch', '--ami', s.amiId, '--instance-type', s.instanceType, '--endpoint-url', live.sim.endpoint, '--ssh-port', String(live.sim.sshPort), '--poll-interval', '250ms', '--timeout', '5m', '--format', 'json'],
      isolatedEnv(),
      (child, stderr) => {
        const timer = setInterval(() => {
          // Interrupt once the run has launched (the instance id appears in the progress lines).
          if (/\[t2\.micro\] /.test(stderr()) || live.sim.instances().some((i) => i.amiId === s.amiId && i.state === 'running')) {
            clearInterval(timer);
            setTimeout(() => child.kill(sig), 500);
          }
        }, 100);
        child.on('close', () => clearInterval(timer));
      },
    );
    expect(r.code, r.stderr).toBe(code);
    expect(r.signal).toBeNull();
    expect(r.stderr).toContain(`${sig}: stopping and terminating`);
    const report = parseOne(r);
    expect(report.verdict).toBe('inconclusive');
    expect(report.reason).toBe(`interrupted by ${sig}`);
    expect(report.instance.state).toBe('terminated');
    expect(live.sim.instances().find((i) => i.id === report.instance.id)?.state).toBe('terminated');
  }, 60_000);

  it('--keep-on-failure keeps the instance and says how to remove it; sweep removes it by tag', async () => {
    const s = SCENARIOS.find((x) => x.id === 'panic-in-attach')!;
    const r = await runCli(launchArgs(s, '--keep-on-failure', '--timeout', '40s'), isolatedEnv());
    expect(r.code).toBe(1);
    const report = parseOne(r);
    expect(report.kept).toBe(true);
    expect(r.stderr).toContain(`aws ec2 terminate-instances --region us-east-1 --instance-ids ${report.instance.id}`);
    expect(live.sim.instances().find((i) => i.id === report.instance.id)?.state).toBe('running');

    const sweepArgs = ['sweep', '--endpoint-url', live.sim.endpoint, '--older-than', '0s'];
    const dry = await runCli([...sweepArgs, '--dry-run'], isolatedEnv());
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(new RegExp(`^${report.instance.id}  run ${report.runId}  running  .*would terminate$`, 'm'));
    expect(live.sim.instances().find((i) => i.id === report.instance.id)?.state).toBe('running');

    const young = await runCli(['sweep', '--endpoint-url', live.sim.endpoint, '--older-than', '2h'], isolatedEnv());
    expect(young.stdout).toMatch(new RegExp(`^${report.instance.id} .*skipped: younger than --older-than$`, 'm'));

    const real = await runCli(sweepArgs, isolatedEnv());
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(new RegExp(`^${report.instance.id} .*terminated$`, 'm'));
    expect(live.sim.instances().find((i) => i.id === report.instance.id)?.state).toBe('terminated');
    const terminates = live.sim.calls().filter((c) => c.action === 'TerminateInstances' && Object.values(c.params).includes(report.instance.id!));
    // By id, one at a time.
    expect(terminates.every((c) => Object.keys(c.params).filter((k) => k.startsWith('InstanceId.')).length === 1)).toBe(true);
  }, 60_000);

  it('a refused TerminateInstances is NOT CLEANED, exit 2 although the verdict is pass; the printed sweep command removes exactly that run', async () => {
    const s = SCENARIOS.find((x) => x.id === 'healthy-xen-6.0')!;
    const remove = live.sim.faults.fail('TerminateInstances', 'UnauthorizedOperation', { status: 403, message: 'You are not authorized to perform this operation.' });
    let r: CliResult;
    try {
      r = await runCli(launchArgs(s, '--timeout', '40s'), isolatedEnv());
    } finally {
      remove();
    }
    expect(r.code, r.stderr).toBe(2);
    const report = parseOne(r);
    expect(report.verdict).toBe('pass');
    expect(report.uncleaned).toEqual([report.instance.id]);
    const hint = new RegExp(`^bootgate: NOT CLEANED: ${report.instance.id}; remove them by hand or with: (bootgate sweep --run-id ${report.runId} --region us-east-1 --endpoint-url \\S+)$`, 'm').exec(r.stderr);
    expect(hint, r.stderr).not.toBeNull();
    expect(live.sim.instances().find((i) => i.id === report.instance.id)?.state).toBe('running');
    const swept = await runCli(hint![1]!.split(' ').slice(1), isolatedEnv());
    expect(swept.code, swept.stderr).toBe(0);
    expect(swept.stdout).toMatch(new RegExp(`^${report.instance.id} .*terminated$`, 'm'));
    expect(live.sim.instances().find((i) => i.id === report.instance.id)?.state).toBe('terminated');
  }, 60_000);

  it('bin/bootgate.js in its own process: a healthy run and a failing one exit by themselves (nothing keeps the process alive)', async () => {
    for (const [id, code] of [['healthy-7.6', 0], ['panic-in-attach', 1]] as const) {
      const s = SCENARIOS.find((x) => x.id === id)!;
      const r = await spawnCli(launchArgs(s, '--timeout', '40s'), isolatedEnv());
      expect(r.signal).toBeNull();
      expect(r.code, r.stderr).toBe(code);
      expect(parseOne(r).instance.state).toBe('terminated');
    }
  }, 60_000);

  it('leaves nothing running', () => {
    expect(live.sim.runningCount()).toBe(0);
  });
});

describe('bootgate launch --format', () => {
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

describe.concurrent('bootgate launch: the gate options of check', () => {
  const healthy60 = SCENARIOS.find((x) => x.id === 'healthy-xen-6.0')!;
  const healthy76 = SCENARIOS.find((x) => x.id === 'healthy-7.6')!;
  const neverPosted = SCENARIOS.find((x) => x.id === 'console-never-posted')!;
  let baselineDir = '';

  beforeAll(async () => {
    // The known-good boot is a console captured by a live run, saved as `bootgate baseline save` does.
    const r = await runCli(launchArgs(healthy60, '--timeout', '40s'), isolatedEnv());
    const work = mkdtempSync(join(tmpdir(), 'bootgate-baseline-'));
    writeFileSync(join(work, 'console.txt'), parseOne(r).console);
    baselineDir = join(work, 'baselines');
    const saved = await runCli(['baseline', 'save', join(work, 'console.txt'), '--name', 't2.micro-6.0', '--dir', baselineDir], isolatedEnv());
    expect(saved.code, saved.stderr).toBe(0);
  }, 60_000);

  type Gated = LaunchReport & { rulesVerdict: string; baseline?: { name: string; regression: boolean; diff: { changes: { kind: string; regression: boolean }[] } } };

  it('--baseline: the same image again passes, with the diff in the report', async () => {
    const r = await runCli(launchArgs(healthy60, '--timeout', '40s', '--baseline', 't2.micro-6.0', '--baseline-dir', baselineDir), isolatedEnv());
    const report = parseOne(r) as Gated;
    expect(r.code, r.stderr).toBe(0);
    expect(report.verdict).toBe('pass');
    expect(report.baseline).toMatchObject({ name: 't2.micro-6.0', regression: false });
    // Still the launch contract.
    expect(report.instance.state).toBe('terminated');
    expect(report.timeline.map((t) => t.event)).toContain('verdict');
    expect(report.console).toMatch(/OpenBSD 6\.0/);
  }, 60_000);

  it('--baseline: a regression fails the gate although every rule passes', async () => {
    // 6.0 -> 7.6 (xbf root disk, dhcpleased's silent lease) is a known step the built-in allow list covers; turned off here.
    const noBuiltin = join(baselineDir, '..', 'no-builtin.allow.json');
    writeFileSync(noBuiltin, JSON.stringify({ allow: [], builtin: false }));
    const r = await runCli(launchArgs(healthy76, '--timeout', '40s', '--baseline', 't2.micro-6.0', '--baseline-dir', baselineDir, '--allow', noBuiltin), isolatedEnv());
    const report = parseOne(r) as Gated;
    expect(r.code, r.stderr).toBe(1);
    expect(report.rulesVerdict).toBe('pass');
    expect(report.verdict).toBe('fail');
    expect(report.baseline?.regression).toBe(true);
    expect(report.baseline?.diff.changes.filter((c) => c.regression).map((c) => c.kind)).toEqual(expect.arrayContaining(['milestone-lost', 'root-changed']));
    expect(live.sim.instances().find((i) => i.id === report.instance.id)?.state).toBe('terminated');
  }, 60_000);

  it('--baseline: a run cut short stays inconclusive; it is not compared, so nothing it had not reached reads as lost', async () => {
    const r = await runCli(launchArgs(neverPosted, '--timeout', '4s', '--baseline', 't2.micro-6.0', '--baseline-dir', baselineDir, '--format', 'human'), isolatedEnv());
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/^  baseline t2\.micro-6\.0: not compared, the run ended inconclusive/m);
    expect(r.stdout).toMatch(/^  cause: infrastructure$/m);
  }, 60_000);

  const LEAKS = [/127\.0\.0\.\d+/, /SHA256:[A-Za-z0-9+/]{43}/, /ip-172-/, /\b[0-9a-f]{2}(:[0-9a-f]{2}){5}\b/i];

  it('--redact: nothing identifying in the json report, the report dir files, or stderr; one token per value across them', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'bootgate-redact-'));
    const r = await runCli(launchArgs(healthy60, '--timeout', '40s', '--redact', '--report-dir', reportDir), isolatedEnv());
    expect(r.code, r.stderr).toBe(0);
    const report = parseOne(r);
    const files = readdirSync(reportDir);
    expect(files.map((f) => f.replace(/^aws_[0-9a-f]{6}/, 'ID')).sort()).toEqual(['ID.console.txt', 'ID.dmesg.txt', 'ID.json']);
    const texts = [r.stdout, r.stderr, ...files.map((f) => readFileSync(join(reportDir, f), 'utf8'))];
    for (const t of texts) for (const leak of LEAKS) expect(t).not.toMatch(leak);
    // Redacted, not dropped: the verdict still rests on the (tokenised) fingerprint banner.
    const fp = /ec2: 256 (<fp:[0-9a-f]{6}>) root@(<host:[0-9a-f]{6}>)/.exec(report.console);
    expect(fp).not.toBeNull();
    expect(report.findings.find((f) => f.rule === 'host-key-match')?.message).toContain(fp![1]);
    expect(report.dmesg).toContain('OpenBSD');
    expect(readFileSync(join(reportDir, files.find((f) => f.endsWith('.console.txt'))!), 'utf8')).toBe(report.console);
  }, 60_000);

  it('--redact: the human progress on stderr is redacted too', async () => {
    const r = await runCli(launchArgs(healthy60, '--timeout', '40s', '--redact', '--format', 'human'), isolatedEnv());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/running at <ip:[0-9a-f]{6}>/);
    expect(r.stderr).toMatch(/SSH host key <fp:[0-9a-f]{6}>/);
    for (const t of [r.stdout, r.stderr]) for (const leak of LEAKS) expect(t).not.toMatch(leak);
  }, 60_000);
});

describe('after every launch above', () => {
  it('nothing is left running, whatever the gate said', () => {
    expect(live.sim.runningCount()).toBe(0);
  });
});
