import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS, type Scenario } from '../../src/sim/index.js';
import { EXIT_OF, useSimulator, isolatedEnv, launchArgs as argsOn, parseOne } from '../launcher/cli-harness.js';
import { runCliInProcess as runCli } from '../launcher/in-process-cli.js';

// Integration: the real CLI and the real SDK against the simulator on loopback. The CLI runs in this
// process (in-process-cli.ts: the SDK is loaded once, not once per run).
const live = useSimulator({ speed: 300 });
const launchArgs = (s: Pick<Scenario, 'amiId' | 'instanceType'>, ...extra: string[]) => argsOn(live.sim, s, ...extra);

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

describe('after every launch above', () => {
  it('nothing is left running', () => {
    expect(live.sim.runningCount()).toBe(0);
  });
});
