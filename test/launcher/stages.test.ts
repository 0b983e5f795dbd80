import { Socket } from 'node:net';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, SCENARIOS, type Simulator } from '../../src/sim/index.js';
import { createEc2, type Ec2Api } from '../../src/launcher/ec2.js';
import { runLaunch, newRunId, type LaunchDeps, type LaunchOptions } from '../../src/launcher/run-launch.js';
import { analyseConsole } from '../../src/launcher/analyse.js';
import { InterruptedError } from '../../src/launcher/errors.js';
import { exitCodeOf } from '../../src/launcher/outcome.js';
import { sweep } from '../../src/launcher/sweep.js';
import type { LaunchReport } from '../../src/verdict/launch-report.js';
import type { ProgressEvent } from '../../src/launcher/progress.js';
import { generateEphemeralKey } from '../../src/launcher/ephemeral-key.js';
import { manualClock, pump, until } from './clocks.js';

// The real SDK against the simulator on loopback, with fault injection and a clock the test
// moves: a signal or the deadline lands at each stage of a run, and nothing is left running.
let sim: Simulator;
let ec2: Ec2Api;
let destroy: () => void;

beforeAll(async () => {
  sim = await startSimulator({ speed: 200 });
  const c = await createEc2({ endpoint: sim.endpoint, region: sim.region, credentials: { accessKeyId: 'AKIDSTAGES', secretAccessKey: 'stages-not-a-secret' } });
  ec2 = c.api;
  destroy = () => c.client.destroy();
}, 60_000);

afterAll(async () => {
  destroy?.();
  await sim?.close();
});

const healthy = SCENARIOS.find((s) => s.id === 'healthy-xen-6.0')!;
const TIMEOUT_MS = 600_000;

function options(over: Partial<LaunchOptions> = {}): LaunchOptions {
  return {
    amiId: healthy.amiId, instanceType: 't2.micro', region: sim.region, runId: newRunId(), subnetId: null, securityGroupIds: [], keyName: null, privateKey: null,
    ssh: false, sshUser: 'root', sshAddress: 'public', sshPort: sim.sshPort, imdsTokens: 'optional', timeoutMs: TIMEOUT_MS, pollIntervalMs: 1000,
    keepOnFailure: false, strictPreflight: false, tags: {}, loopbackOnly: true, teardownTimeoutMs: 60_000, ...over,
  };
}

function start(opts: LaunchOptions, extra: Partial<LaunchDeps> = {}) {
  const clock = manualClock();
  const run = new AbortController();
  const teardown = new AbortController();
  const events: ProgressEvent[] = [];
  const report = runLaunch(opts, { ec2, clock, analyse: analyseConsole, signal: run.signal, teardownSignal: teardown.signal, onProgress: (e) => events.push(e), ...extra });
  return { clock, run, teardown, report, events };
}

type Trigger = 'SIGINT' | 'SIGTERM' | 'deadline';
const TRIGGERS: Trigger[] = ['SIGINT', 'SIGTERM', 'deadline'];

async function fire(t: Trigger, s: ReturnType<typeof start>): Promise<void> {
  if (t === 'deadline') await s.clock.advance(TIMEOUT_MS);
  else s.run.abort(new InterruptedError(t));
}

const instancesOf = (runId: string) => sim.instances().filter((i) => i.tags['bootgate:run-id'] === runId);
const reasonStart = (t: Trigger) => (t === 'deadline' ? `deadline reached (${TIMEOUT_MS / 1000}s)` : `interrupted by ${t}`);
const calledFor = (action: string, id: string) => sim.calls().some((c) => c.action === action && Object.values(c.params).includes(id));

describe('a signal or the deadline at each stage leaves nothing running, or names it', () => {
  it.each(TRIGGERS)('pre-flight (DescribeImages held), %s: inconclusive, nothing launched, not an AWS error', async (t) => {
    const hold = sim.faults.hold('DescribeImages', { count: 1 });
    const opts = options();
    const s = start(opts);
    await hold.waitHeld();
    await fire(t, s);
    const r = await pump(s.clock, s.report);
    hold.release();
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toBe(`${reasonStart(t)} during pre-flight (DescribeImages)`);
    expect(r.cause).toBe(t === 'deadline' ? 'infrastructure' : null);
    expect(r.instance).toMatchObject({ id: null, state: 'never-launched' });
    expect(r.uncleaned).toEqual([]);
    expect(instancesOf(opts.runId)).toEqual([]);
    expect(exitCodeOf([{ instanceType: 't2.micro', region: 'us-east-1', amiId: 'ami-1', report: r }])).toBe(3);
  });

  it.each(TRIGGERS)('RunInstances in flight (the instance starts, its answer is held), %s: found by its ClientToken and terminated', async (t) => {
    const hold = sim.faults.hold('RunInstances', { phase: 'after', count: 1 });
    const opts = options({ ssh: true });
    const s = start(opts);
    await hold.waitHeld();
    await fire(t, s);
    const r = await pump(s.clock, s.report);
    hold.release();
    const [inst] = instancesOf(opts.runId);
    expect(inst).toBeDefined();
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toBe(`${reasonStart(t)} during RunInstances (in flight)`);
    expect(r.instance.id).toBe(inst!.id);
    expect(r.instance.state).toBe('terminated');
    expect(inst!.state).toBe('terminated');
    expect(r.uncleaned).toEqual([]);
    expect(r.timeline.find((e) => e.event === 'run-instances')?.detail).toMatch(/recovered by its ClientToken/);
    // The ephemeral key pair imported before the launch is deleted too.
    expect(sim.calls().some((c) => c.action === 'DeleteKeyPair' && c.params['KeyName']?.startsWith(`bootgate-${opts.runId}-`))).toBe(true);
  });

  it('a DeleteKeyPair that never answers is bounded too: the key pair is named NOT CLEANED and the run ends', async () => {
    const run = sim.faults.hold('RunInstances', { phase: 'after', count: 1 });
    const del = sim.faults.hold('DeleteKeyPair');
    const opts = options({ ssh: true });
    const s = start(opts);
    await run.waitHeld();
    s.run.abort(new InterruptedError('SIGINT'));
    const r = await pump(s.clock, s.report, 5000);
    run.release();
    del.release();
    expect(r.instance.state).toBe('terminated');
    expect(r.uncleaned).toEqual([expect.stringMatching(new RegExp(`^key-pair bootgate-${opts.runId}-t2\\.micro-[0-9a-f]{6}$`))]);
    expect(s.events.some((e) => e.kind === 'teardown' && /DeleteKeyPair: no answer within 30s/.test(e.message))).toBe(true);
    expect(exitCodeOf([{ instanceType: 't2.micro', region: 'us-east-1', amiId: 'ami-1', report: r }])).toBe(2);
  });

  it('RunInstances in flight, and nothing answers to its ClientToken: the run names it NOT CLEANED, never exit 0', async () => {
    const hold = sim.faults.hold('RunInstances', { phase: 'before', count: 1 });
    const opts = options();
    const s = start(opts);
    await hold.waitHeld();
    s.run.abort(new InterruptedError('SIGINT'));
    const r = await pump(s.clock, s.report);
    hold.release();
    expect(r.uncleaned).toEqual([expect.stringMatching(/^instance with ClientToken bootgate-[0-9a-f]{8}-[0-9a-f]{16}$/)]);
    expect(s.events.some((e) => e.kind === 'teardown' && /no instance with its ClientToken was found/.test(e.message))).toBe(true);
    expect(exitCodeOf([{ instanceType: 't2.micro', region: 'us-east-1', amiId: 'ami-1', report: r }])).toBe(2);
    // The endpoint gets to the held call after all, as a slow one might: the sweep hint removes exactly this run's leftover.
    await until(() => instancesOf(opts.runId).length === 1);
    const items = await pump(s.clock, sweep(ec2, { olderThanMs: 0, runId: opts.runId, dryRun: false, clock: s.clock, confirmTimeoutMs: 60_000 }));
    expect(items.filter((i) => i.state !== 'key-pair').map((i) => i.action)).toEqual(['terminated']);
  });

  it.each(TRIGGERS)('watch (after the first GetConsoleOutput), %s: inconclusive, terminated', async (t) => {
    // A console that never comes: the watch is still waiting whenever the signal lands.
    const opts = options({ amiId: SCENARIOS.find((x) => x.id === 'console-never-posted')!.amiId });
    const s = start(opts);
    await until(() => instancesOf(opts.runId).some((i) => calledFor('GetConsoleOutput', i.id)));
    await fire(t, s);
    const r = await pump(s.clock, s.report);
    expect(r.verdict).toBe('inconclusive');
    if (t === 'deadline') expect(r.reason).toBe('console output never posted within 600s');
    else expect(r.reason).toBe(`interrupted by ${t}`);
    expect(r.instance.state).toBe('terminated');
    expect(instancesOf(opts.runId).map((i) => i.state)).toEqual(['terminated']);
    expect(r.uncleaned).toEqual([]);
  });

  /** A healthy run whose first TerminateInstances is held, interrupted by `sig` while teardown waits on it. */
  async function signalDuringTeardown(sig: 'SIGINT' | 'SIGTERM') {
    const hold = sim.faults.hold('TerminateInstances', { count: 1 });
    const s = start(options());
    const r = pump(s.clock, s.report);
    await hold.waitHeld();
    s.run.abort(new InterruptedError(sig));
    return { hold, s, r };
  }

  it.each(['SIGINT', 'SIGTERM'] as const)('teardown (TerminateInstances held), a first %s: teardown goes on and confirms', async (sig) => {
    const { hold, r } = await signalDuringTeardown(sig);
    hold.release();
    const report = await r;
    expect(report.verdict).toBe('pass');
    expect(report.instance.state).toBe('terminated');
    expect(report.uncleaned).toEqual([]);
    expect(report.teardown).toMatchObject({ confirmed: true, budgetSeconds: 60 });
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('teardown (TerminateInstances held), a second %s abandons it: the instance is named, never exit 0', async (sig) => {
    const { hold, s, r } = await signalDuringTeardown(sig);
    s.teardown.abort(new InterruptedError(sig));
    const report = await r;
    hold.release();
    expect(report.uncleaned).toEqual([report.instance.id]);
    expect(report.teardown?.confirmed).toBe(false);
    expect(exitCodeOf([{ instanceType: 't2.micro', region: 'us-east-1', amiId: 'ami-1', report }])).toBe(2);
    await ec2.terminateInstance(report.instance.id!);
  });

  it('teardown whose TerminateInstances never answers: each call is bounded, the budget ends it, the instance is named', async () => {
    const hold = sim.faults.hold('TerminateInstances');
    const opts = options({ teardownTimeoutMs: 90_000 });
    const s = start(opts);
    const report = await pump(s.clock, s.report, 5000);
    hold.release();
    expect(report.verdict).toBe('pass');
    expect(report.uncleaned).toEqual([report.instance.id]);
    expect(report.teardown).toMatchObject({ confirmed: false, budgetSeconds: 90 });
    expect(report.teardown!.seconds).toBeLessThanOrEqual(90);
    expect(report.timeline.find((e) => e.event === 'terminated')?.detail, JSON.stringify(report.timeline.slice(-3))).toMatch(/^not confirmed after [\d.]+s: TerminateInstances: no answer within \d+s$/);
    // Sent again after each bound: three bounded tries in 90 s.
    expect(hold.held()).toBeGreaterThanOrEqual(3);
    expect(exitCodeOf([{ instanceType: 't2.micro', region: 'us-east-1', amiId: 'ami-1', report }])).toBe(2);
    await ec2.terminateInstance(report.instance.id!);
  });

  it('a refused TerminateInstances (UnauthorizedOperation): verdict pass, but the instance is named and the exit is 2', async () => {
    const remove = sim.faults.fail('TerminateInstances', 'UnauthorizedOperation', { status: 403, message: 'You are not authorized to perform this operation.' });
    const opts = options();
    const s = start(opts);
    const report = await pump(s.clock, s.report);
    remove();
    expect(report.verdict).toBe('pass');
    expect(report.uncleaned).toEqual([report.instance.id]);
    expect(report.timeline.find((e) => e.event === 'terminated')?.detail).toMatch(/UnauthorizedOperation/);
    expect(exitCodeOf([{ instanceType: 't2.micro', region: 'us-east-1', amiId: 'ami-1', report }])).toBe(2);
    await ec2.terminateInstance(report.instance.id!);
  });

  it('DescribeInstances failing throughout: the reason says so, not "console never posted"', async () => {
    const remove = sim.faults.fail('DescribeInstances', 'InternalError', { status: 500 });
    const opts = options({ timeoutMs: 30_000 });
    const s = start(opts);
    const report = await pump(s.clock, s.report);
    remove();
    expect(report.verdict).toBe('inconclusive');
    expect(report.cause).toBe('infrastructure');
    expect(report.reason).toMatch(/^DescribeInstances kept failing for 30s, so the console was never read \(DescribeInstances failed: InternalError/);
    expect(report.reason).not.toMatch(/never posted/);
    await until(() => sim.instances().filter((i) => i.tags['bootgate:run-id'] === opts.runId).every((i) => i.state !== 'running'));
  });
});

describe('loose ends', () => {
  it('--no-ssh with a made-up public address: judged on the console, nothing connects, nothing refused', async () => {
    const fake = SCENARIOS.find((x) => x.id === 'fake-public-ip')!;
    const connects: string[] = [];
    const s = start(options({ amiId: fake.amiId, ssh: false }), { connect: (_port, host) => (connects.push(host), new Socket()) });
    const report = await pump(s.clock, s.report);
    expect(report.verdict).toBe('pass');
    expect(connects).toEqual([]);
    expect(report.instance.state).toBe('terminated');
  });

  it('with SSH on, the made-up public address is never connected to: the console is judged, SSH stays unproven, inconclusive at the login prompt', async () => {
    const fake = SCENARIOS.find((x) => x.id === 'fake-public-ip')!;
    const connects: string[] = [];
    const opts = options({ amiId: fake.amiId, ssh: true });
    const s = start(opts, { connect: (_port, host) => (connects.push(host), new Socket()) });
    const report: LaunchReport = await pump(s.clock, s.report);
    expect(connects).toEqual([]);
    expect(report.verdict).toBe('inconclusive');
    expect(report.reason).toMatch(/^SSH not checked: the endpoint gave 203\.0\.113\.\d+ for i-\w+, outside 127\.0\.0\.0\/8.*the boot reached the login prompt/);
    expect(report.findings.filter((f) => f.status !== 'pass' && f.status !== 'skip').map((f) => f.rule).sort()).toEqual(['host-key-match', 'ssh-reachable']);
    expect(report.cause).toBe('infrastructure');
    expect(instancesOf(opts.runId).map((i) => i.state)).toEqual(['terminated']);
  });

  it('with SSH on and a made-up address, a console that fails still fails: nothing connects', async () => {
    const panic = SCENARIOS.find((x) => x.id === 'panic-in-attach')!;
    const connects: string[] = [];
    const opts = options({ amiId: panic.amiId, ssh: true });
    // The endpoint reports a public address outside loopback for the instance.
    const madeUp: typeof ec2 = { ...ec2, describeInstance: async (id, sig) => { const f = await ec2.describeInstance(id, sig); return f && { ...f, publicIp: '198.51.100.7' }; } };
    const s = start(opts, { ec2: madeUp, connect: (_port, host) => (connects.push(host), new Socket()) });
    const report: LaunchReport = await pump(s.clock, s.report);
    expect(report.verdict).toBe('fail');
    expect(connects).toEqual([]);
    expect(instancesOf(opts.runId).map((i) => i.state)).toEqual(['terminated']);
  });

  it('--keep-on-failure saves the ephemeral private key, mode 0600, and the printed ssh command uses it', async () => {
    const panic = SCENARIOS.find((x) => x.id === 'panic-in-attach')!;
    const dir = mkdtempSync(join(tmpdir(), 'bootgate-keep-'));
    const opts = options({ amiId: panic.amiId, ssh: true, keepOnFailure: true, keyDir: dir });
    const s = start(opts);
    const report: LaunchReport = await pump(s.clock, s.report);
    expect(report.verdict).toBe('fail');
    expect(report.kept).toBe(true);
    const kept = s.events.find((e) => e.kind === 'teardown' && e.message.startsWith('kept '))!.message;
    const file = /ssh -i (\S+) /.exec(kept)?.[1];
    expect(file).toBeDefined();
    expect(file!.startsWith(dir)).toBe(true);
    expect(statSync(file!).mode & 0o777).toBe(0o600);
    expect(readFileSync(file!, 'utf8')).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    // sweep --run-id removes exactly this run's instance and key pair.
    const other = instancesOf(opts.runId).length;
    expect(other).toBe(1);
    const items = await pump(s.clock, sweep(ec2, { olderThanMs: 0, runId: opts.runId, dryRun: false, clock: s.clock, confirmTimeoutMs: 60_000 }));
    expect(items.map((i) => [i.state === 'key-pair' ? 'key' : 'instance', i.action]), JSON.stringify(items)).toEqual([
      ['instance', 'terminated'],
      ['key', 'deleted'],
    ]);
  });

  it('sweep --run-id leaves other runs alone; sweep deletes leftover bootgate-* key pairs by tag', async () => {
    const clock = manualClock();
    const mine = newRunId();
    const theirs = newRunId();
    for (const runId of [mine, theirs]) {
      const k = generateEphemeralKey(runId, 't2.micro');
      await ec2.importKeyPair(k.name, k.publicKey, { 'bootgate:run-id': runId });
    }
    const items = await sweep(ec2, { olderThanMs: 0, runId: mine, dryRun: false, clock });
    expect(items.map((i) => [i.runId, i.action]), JSON.stringify(items)).toEqual([[mine, 'deleted']]);
    const left = await ec2.findTaggedKeyPairs!('bootgate:run-id');
    expect(left.some((k) => k.tags['bootgate:run-id'] === theirs)).toBe(true);
    expect(left.some((k) => k.tags['bootgate:run-id'] === mine)).toBe(false);
    const all = await sweep(ec2, { olderThanMs: 0, runId: theirs, dryRun: true, clock });
    expect(all.map((i) => i.action)).toEqual(['would delete']);
  });
});

describe('after every run above', () => {
  it('nothing is left running', async () => {
    const running = () => sim.instances().filter((i) => i.state !== 'terminated');
    await Promise.race([until(() => running().length === 0), new Promise((r) => setTimeout(r, 3000))]);
    expect(running().map((i) => `${i.scenarioId} ${i.state} ${i.tags['bootgate:run-id']}`)).toEqual([]);
    expect(sim.runningCount()).toBe(0);
  });
});
