import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, repoRoot } from '../launcher/cli-harness.js';
import { runCliInProcess } from '../launcher/in-process-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

const { dir, write } = tempFiles('bootgate-check-gate-');
const baselines = join(dir, 'baselines');
/** fixtures/{diff,dmesg}/*.log: header, blank line, console. The console alone, so line numbers are the log's own. */
const consoleOf = (path: string): string => {
  const text = readFileSync(join(repoRoot, 'fixtures', path), 'utf8');
  return text.slice(text.indexOf('\n\n') + 2);
};
const log = (path: string): string => write(path.replace(/^.*\//, ''), consoleOf(path));

const healthyA = log('diff/healthy-a.log');
const healthyB = log('diff/healthy-b.log');
const wd0ToSd0 = log('diff/wd0-to-sd0.log');
const newUnconfigured = log('diff/new-unconfigured.log');
const vifNotConfigured = log('dmesg/xen-6.0-vif-not-configured.log');
// Real-shaped SHA256 fingerprints (43 characters), unlike the diff fixtures' 42-character stand-ins.
const REDACT_FIXTURE = 'dmesg/xen-6.0-healthy-wd0-timestamp.log';
const redactLog = log(REDACT_FIXTURE);
const allowWd0 = join(repoRoot, 'fixtures/diff/wd0-to-sd0.allow.json');
const KEY = 't2.micro-6.0';
const gate = ['--baseline', KEY, '--baseline-dir', baselines];
const knownVif = write('known.json', JSON.stringify({ known: [{ title: 'diagnosis xnf-not-configured "vif"', link: 'https://marc.info/?l=openbsd-bugs&m=147', note: 'custom kernel without xnf' }] }));
const knownOther = write('known-other.json', JSON.stringify({ known: [{ title: 'panic: kernel diagnostic assertion', link: 'https://marc.info/?l=openbsd-bugs&m=999' }] }));

// Every run is offline: the AWS SDK must never be loaded by check, whatever the flags. The CLI
// runs in this process (in-process-cli.ts; its offline guard refuses the SDK), one run at a time.
const env = { ...process.env, NO_COLOR: '1' };
const cli = async (args: string[]) => {
  const r = await runCliInProcess(args, env, { offline: true });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
};
const check = (args: string[]) => cli(['check', ...args]);

beforeAll(async () => {
  buildOnce();
  const saved = await cli(['baseline', 'save', healthyA, '--name', KEY, '--dir', baselines]);
  expect(saved.status, saved.stderr).toBe(0);
}, 120_000);

describe('check --baseline', () => {
  it('passes a second healthy boot of the same image: the diff is clean after volatile fields are normalised', async () => {
    const r = await check([...gate, healthyB]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/healthy-b\.log: PASS/);
    expect(r.stdout).toContain(`baseline ${KEY}: ok (0 allowed, 0 other changes)`);
  });

  it('fails the gate on a regression the rules alone pass, and says why', async () => {
    expect((await check([newUnconfigured])).status).toBe(0);
    const r = await check([...gate, newUnconfigured]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/new-unconfigured\.log: FAIL/);
    expect(r.stdout).toMatch(/REGRESSION unconfigured-added +"Intel 82599 VF" at pci0 is newly not configured \(new L\d+\)/);
    expect(r.stdout).toContain('verdict fail: the rules say pass, the baseline diff has a regression');
  });

  it('--allow covers expected changes: wd0 → sd0 fails without it (built-in list off) and passes with it', async () => {
    const noBuiltin = write('no-builtin.allow.json', JSON.stringify({ allow: [], builtin: false }));
    const without = await check(['--format', 'json', ...gate, '--allow', noBuiltin, wd0ToSd0]);
    expect(without.status).toBe(1);
    expect(JSON.parse(without.stdout)).toMatchObject({ verdict: 'fail', rulesVerdict: 'pass', baseline: { name: KEY, regression: true } });
    const withAllow = await check(['--format', 'json', ...gate, '--allow', allowWd0, wd0ToSd0]);
    expect(withAllow.status).toBe(0);
    const j = JSON.parse(withAllow.stdout);
    expect(j).toMatchObject({ verdict: 'pass', baseline: { regression: false } });
    const root = j.baseline.diff.changes.find((c: { kind: string }) => c.kind === 'root-changed');
    expect(root).toMatchObject({ from: 'wd0a', to: 'sd0a', regression: true, allowed: { reason: 'root is on sd0 via xbf0 from 6.1', source: 'file' } });
    // With no allow file the built-in xbf(4) entries cover the same step.
    const builtin = JSON.parse((await check(['--format', 'json', ...gate, wd0ToSd0])).stdout);
    expect(builtin.baseline.diff.changes.find((c: { kind: string }) => c.kind === 'root-changed')).toMatchObject({ allowed: { source: 'builtin', id: 'xbf-root' } });
  });

  it('takes a baseline file path as well as a key', async () => {
    const r = await check(['--baseline', join(baselines, `${KEY}.json`), newUnconfigured]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`baseline ${KEY}: REGRESSION (1 regression`);
  });

  it('shows the diff in every format', async () => {
    const json = JSON.parse((await check(['--format', 'json', ...gate, newUnconfigured])).stdout);
    expect(json.baseline.summary).toBe(`regression against baseline ${KEY}: "Intel 82599 VF" at pci0 is newly not configured`);
    expect(json.baseline.diff.changes.map((c: { kind: string; subject: string }) => `${c.kind}:${c.subject}`)).toEqual(['unconfigured-added:"Intel 82599 VF"@pci0']);

    const junit = (await check(['--format', 'junit', ...gate, newUnconfigured])).stdout;
    expect(junit).toMatch(/<testcase classname="bootgate\.[^".]*new-unconfigured_log" name="baseline-diff"[^>]*><failure type="regression" message="regression against baseline/);
    expect(junit.match(/<testsuite /g)).toHaveLength(2);
    expect(junit.trimEnd().endsWith('</testsuites>')).toBe(true);

    const md = (await check(['--format', 'markdown', ...gate, newUnconfigured])).stdout;
    expect(md).toContain(`#### Baseline ${KEY}`);
    expect(md).toMatch(/\| \*\*REGRESSION\*\* \| `unconfigured-added` \|/);

    const html = (await check(['--format', 'html', ...gate, newUnconfigured])).stdout;
    expect(html).toContain('<section id="changes-against-the-old-boot">');
    expect(html).toMatch(/<tr class="change regression"><td>REGRESSION<\/td><td><code>unconfigured-added<\/code>/);

    // Streaming html (several files) carries the diff too, with its evidence line on the page.
    const two = (await check(['--format', 'html', ...gate, healthyB, newUnconfigured])).stdout;
    expect(two.match(/<article>/g)).toHaveLength(2);
    const link = /<tr class="change regression">.*?href="#(f2-L\d+)"/.exec(two);
    expect(link).not.toBeNull();
    expect(two).toContain(`id="${link![1]}"`);
  });

  it('without gate flags the json contract is unchanged (no extra fields)', async () => {
    const j = JSON.parse((await check(['--format', 'json', healthyB])).stdout);
    expect(Object.keys(j).sort()).toEqual(['diagnoses', 'file', 'findings', 'platform', 'schemaVersion', 'verdict']);
  });
});

describe('check --known-issues', () => {
  it('prints a match as "known: <link>" and still fails without --known-issues-pass', async () => {
    const r = await check(['--known-issues', knownVif, vifNotConfigured]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('known: https://marc.info/?l=openbsd-bugs&m=147 (diagnosis xnf-not-configured "vif") — custom kernel without xnf');
  });

  it('--known-issues-pass: a failure whose every cause is known passes, exit 0, the rules verdict kept', async () => {
    const r = await check(['--format', 'json', '--known-issues', knownVif, '--known-issues-pass', vifNotConfigured]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ verdict: 'pass', rulesVerdict: 'fail', knownIssues: { allKnown: true, forgiven: true, unmatched: [] } });
    expect(j.knownIssues.matches[0]).toMatchObject({ link: 'https://marc.info/?l=openbsd-bugs&m=147', signature: 'diagnosis xnf-not-configured "vif"' });
    const human = (await check(['--known-issues', knownVif, '--known-issues-pass', vifNotConfigured])).stdout;
    expect(human).toMatch(/xen-6\.0-vif-not-configured\.log: PASS/);
    expect(human).toContain('verdict pass: the rules say fail, every cause is a known issue (--known-issues-pass)');
  });

  it('--known-issues-pass hides nothing unknown: an unmatched failure or a baseline regression still fails', async () => {
    const other = await check(['--format', 'json', '--known-issues', knownOther, '--known-issues-pass', vifNotConfigured]);
    expect(other.status).toBe(1);
    expect(JSON.parse(other.stdout)).toMatchObject({ verdict: 'fail', knownIssues: { matches: [], allKnown: false } });
    const regressed = await check(['--format', 'json', ...gate, '--known-issues', knownVif, '--known-issues-pass', vifNotConfigured]);
    expect(regressed.status).toBe(1);
    expect(JSON.parse(regressed.stdout)).toMatchObject({ verdict: 'fail', knownIssues: { allKnown: true }, baseline: { regression: true } });
  });

  it('junit and markdown carry the known issues too', async () => {
    expect((await check(['--format', 'junit', '--known-issues', knownVif, vifNotConfigured])).stdout)
      .toMatch(/name="known-issues"[^>]*><system-out>known: https:\/\/marc\.info\/\?l=openbsd-bugs&amp;m=147/);
    expect((await check(['--format', 'markdown', '--known-issues', knownVif, vifNotConfigured])).stdout)
      .toContain('- known: <https://marc.info/?l=openbsd-bugs&m=147> — diagnosis xnf-not-configured "vif"');
  });
});

describe('check --format html with one file', () => {
  it('writes the full page: every console line, the device tree; evidence lines highlighted', async () => {
    const r = await check(['--format', 'html', healthyA]);
    expect(r.status).toBe(0);
    const html = r.stdout;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    // Every non-empty line but the first, a bare capture timestamp the normaliser keeps as metadata.
    const [stamp, ...rest] = consoleOf('diff/healthy-a.log').split('\n');
    expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(html.match(/<div class="l[ "]/g)).toHaveLength(rest.filter((l) => l.trim() !== '').length);
    // A line no rule cites is on the page too (the streaming form shows evidence lines only).
    expect(html).toContain('starting early daemons: syslogd pflogd ntpd.');
    expect(html).toContain('<section id="device-tree">');
    expect((await check(['--format', 'html', healthyA, healthyB])).stdout).not.toContain('starting early daemons');
  });

  it('an unreadable single file is still a complete page and exit 2', async () => {
    const r = await check(['--format', 'html', join(dir, 'missing.log')]);
    expect(r.status).toBe(2);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(r.stdout).toContain('ERROR');
    expect(r.stdout.trimEnd().endsWith('</html>')).toBe(true);
  });
});

describe('check --redact', () => {
  const identifying = identifiers(consoleOf(REDACT_FIXTURE));

  it('finds what to look for (the fixture really has MACs, IPs, fingerprints, hosts and a DUID)', async () => {
    expect(identifying).toEqual(expect.arrayContaining(['0a:4e:93:1d:c2:6b', '0a:c8:12:5e:77:e0', '10.40.0.1', '8d690190bccf0a36', 'ip-10-40-3-77.eu-west-1.compute.internal']));
    expect(identifying.filter((s) => s.startsWith('SHA256:'))).toHaveLength(4);
    // Without --redact they are in the page, so the assertions below can fail.
    const plain = (await check(['--format', 'html', redactLog])).stdout;
    for (const id of identifying) expect(plain).toContain(id);
  });

  it.each(['human', 'json', 'junit', 'markdown', 'html'])('nothing identifying survives in --format %s', async (format) => {
    const r = await check(['--redact', '--format', format, ...gate, '--known-issues', knownVif, redactLog, vifNotConfigured]);
    expect(r.status).toBe(1);
    // junit and markdown print evidence text only for failures; the others show the tokens in place.
    if (!['junit', 'markdown'].includes(format)) expect(r.stdout).toMatch(/<(?:mac|ip|host|fp|duid):[0-9a-f]{6}>|&lt;(?:mac|ip|host|fp|duid):[0-9a-f]{6}&gt;/);
    for (const id of [...identifying, ...identifiers(consoleOf('dmesg/xen-6.0-vif-not-configured.log'))]) expect(r.stdout).not.toContain(id);
  });

  it('one run, one token per value: the same MAC, IP and host get the same token everywhere', async () => {
    const html = (await check(['--redact', '--format', 'html', redactLog])).stdout;
    // DHCPOFFER and DHCPACK both name the server's address and MAC.
    const dhcp = [...html.matchAll(/DHCP(?:OFFER|ACK) from (&lt;ip:[0-9a-f]{6}&gt;) \((&lt;mac:[0-9a-f]{6}&gt;)\)/g)];
    expect(dhcp).toHaveLength(2);
    expect(dhcp[0]![1]).toBe(dhcp[1]![1]);
    expect(dhcp[0]![2]).toBe(dhcp[1]![2]);
    const hosts = new Set([...html.matchAll(/root@(&lt;host:[0-9a-f]{6}&gt;)/g)].map((m) => m[1]));
    expect(hosts.size).toBe(1);
    expect(html).toContain(`OpenBSD/amd64 (${[...hosts][0]}) (tty00)`);
    // Four host keys, four distinct tokens: hashing keeps different values apart.
    expect(new Set(html.match(/&lt;fp:[0-9a-f]{6}&gt;/g))).toHaveProperty('size', 4);
  });
});

describe('gate errors: one line, exit 2, no report', () => {
  const badAllow = write('bad-allow.json', JSON.stringify({ allow: [{ kind: 'device-gone', subject: 'wd0', reason: 'x' }] }));
  const shortKnown = write('short-known.json', JSON.stringify({ known: [{ title: 'panic', link: 'https://example.org/1' }] }));
  const notJson = write('not-json.json', '{"known": [');
  it.each([
    [['--baseline', 'nope', '--baseline-dir', baselines], `baseline "nope" not found in ${baselines} (have: ${KEY})`],
    [['--baseline', join(dir, 'missing.json')], `cannot read baseline ${join(dir, 'missing.json')}: no such file`],
    [[...gate, '--allow', badAllow], `allow file ${badAllow}: allow[0].kind: expected one of`],
    [['--allow', allowWd0], '--allow needs --baseline'],
    [['--known-issues', shortKnown], `known-issues file ${shortKnown}: known[0].title: "panic" is shorter than 16 characters`],
    [['--known-issues', notJson], `known-issues file ${notJson} is not valid JSON`],
    [['--known-issues-pass'], '--known-issues-pass needs --known-issues <file>'],
  ])('%j', async (args, message) => {
    const r = await check([...args, healthyB]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toContain(`bootgate: ${message}`);
  });
});

/** What --redact must remove from a console: MACs, IPv4s (bar the public ones), SHA256 fingerprints, DUIDs, EC2 host names. */
function identifiers(text: string): string[] {
  const found = [
    ...text.matchAll(/\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/g),
    ...text.matchAll(/\b(?:\d{1,3}\.){3}\d{1,3}\b/g),
    ...text.matchAll(/SHA256:[A-Za-z0-9+/]{43}/g),
    ...text.matchAll(/\b[0-9a-f]{16}\b/g),
    ...text.matchAll(/\bip-\d+-\d+-\d+-\d+[\w.-]*/g),
  ].map((m) => m[0]);
  return [...new Set(found)].filter((s) => !['255.255.255.255', '0.0.0.0'].includes(s));
}
