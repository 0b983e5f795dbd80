import { RunInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, SCENARIOS, type Simulator } from '../../src/sim/index.js';
import { consoleBytes, createEc2, type Ec2Api } from '../../src/launcher/ec2.js';
import { runLaunch, newRunId, type LaunchOptions } from '../../src/launcher/run-launch.js';
import { analyseConsole } from '../../src/launcher/analyse.js';
import { InterruptedError } from '../../src/launcher/errors.js';
import { sweep } from '../../src/launcher/sweep.js';
import { manualClock, pump } from './clocks.js';
import { generateEphemeralKey } from '../../src/launcher/ephemeral-key.js';
import type { LaunchReport } from '../../src/verdict/launch-report.js';

// EC2 emulators cover part of the API. Some answer DescribeInstances and DescribeKeyPairs without
// applying Filters: what bootgate finds that way it terminates or deletes, so it checks each
// answer itself, and an instance or key pair that is not its own is never touched. Some do not
// implement DescribeInstanceTypes: the run goes on, knowing nothing of the type before launch.
let sim: Simulator;
let ec2: Ec2Api;
let client: EC2Client;

beforeAll(async () => {
  sim = await startSimulator({ speed: 200 });
  const c = await createEc2({ endpoint: sim.endpoint, region: sim.region, credentials: { accessKeyId: 'AKIDLAX', secretAccessKey: 'lax-not-a-secret' } });
  ec2 = c.api;
  client = c.client;
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await sim?.close();
});

const healthy = SCENARIOS.find((s) => s.id === 'healthy-xen-6.0')!;

/** Someone else's instance and key pair in the same account, launched without any bootgate tag. */
async function bystanders(): Promise<{ instanceId: string; keyName: string }> {
  const out = await client.send(new RunInstancesCommand({ ImageId: healthy.amiId, InstanceType: 't2.micro', MinCount: 1, MaxCount: 1, ClientToken: `bystander-${Date.now()}` }));
  // Named like bootgate's own keys but untagged: only the tag check keeps it.
  const keyName = `bootgate-by-hand-${Date.now()}`;
  await ec2.importKeyPair(keyName, generateEphemeralKey('by-hand', 't2.micro').publicKey, {});
  return { instanceId: out.Instances![0]!.InstanceId!, keyName };
}

const options = (): LaunchOptions => ({
  amiId: healthy.amiId, instanceType: 't2.micro', region: sim.region, runId: newRunId(), subnetId: null, securityGroupIds: [], keyName: null, privateKey: null,
  ssh: false, sshUser: 'root', sshAddress: 'public', sshPort: sim.sshPort, imdsTokens: 'optional', timeoutMs: 600_000, pollIntervalMs: 1000,
  keepOnFailure: false, strictPreflight: false, tags: {}, loopbackOnly: true, teardownTimeoutMs: 60_000,
});

const stateOf = (id: string) => sim.instances().find((i) => i.id === id)?.state;
const instancesOf = (runId: string) => sim.instances().filter((i) => i.tags['bootgate:run-id'] === runId);

/** A launch to its end on a manual clock, no signal. */
function launch(opts: LaunchOptions): Promise<LaunchReport> {
  const clock = manualClock();
  return pump(clock, runLaunch(opts, { ec2, clock, analyse: analyseConsole, signal: new AbortController().signal, teardownSignal: new AbortController().signal }));
}

/** A launch whose RunInstances took effect but is still held when Ctrl-C lands. */
async function launchCutOff(opts: LaunchOptions): Promise<LaunchReport> {
  const hold = sim.faults.hold('RunInstances', { phase: 'after', count: 1 });
  try {
    const clock = manualClock();
    const run = new AbortController();
    const report = runLaunch(opts, { ec2, clock, analyse: analyseConsole, signal: run.signal, teardownSignal: new AbortController().signal });
    await hold.waitHeld();
    run.abort(new InterruptedError('SIGINT'));
    return await pump(clock, report);
  } finally {
    hold.release();
  }
}

describe('an endpoint that ignores Filters', () => {
  it('RunInstances cut off: bootgate terminates the instance with its ClientToken, not the first instance the endpoint lists', async () => {
    const other = await bystanders();
    const unfilter = sim.faults.ignoreFilters('DescribeInstances');
    try {
      const opts = options();
      const r = await launchCutOff(opts);
      const mine = instancesOf(opts.runId);
      expect(mine).toHaveLength(1);
      expect(r.instance.id).toBe(mine[0]!.id);
      expect(mine[0]!.state).toBe('terminated');
      expect(r.uncleaned).toEqual([]);
      expect(stateOf(other.instanceId)).not.toMatch(/terminated|shutting-down/);
      // The call did go out without its filter being applied: the check above is not vacuous.
      expect(sim.calls().some((c) => c.action === 'DescribeInstances' && Object.values(c.params).includes('client-token'))).toBe(true);
    } finally {
      unfilter();
    }
  });

  it('sweep: only instances and key pairs carrying bootgate:run-id, and no instance already terminated', async () => {
    const other = await bystanders();
    const unfilterInstances = sim.faults.ignoreFilters('DescribeInstances');
    const unfilterKeys = sim.faults.ignoreFilters('DescribeKeyPairs');
    try {
      const before = sim.calls().length;
      const alreadyGone = sim.instances().filter((i) => i.state === 'terminated').map((i) => i.id);
      expect(alreadyGone.length).toBeGreaterThan(0);
      const items = await sweep(ec2, { olderThanMs: 0, dryRun: false, clock: { now: () => Date.now(), sleep: (ms: number) => new Promise((r) => setTimeout(r, Math.min(ms, 20))) } as never, confirmTimeoutMs: 60_000 });
      expect(items.map((i) => i.id)).not.toContain(other.instanceId);
      expect(items.map((i) => i.id)).not.toContain(other.keyName);
      expect(stateOf(other.instanceId)).not.toMatch(/terminated|shutting-down/);
      expect(sim.calls().slice(before).some((c) => c.action === 'DeleteKeyPair' && c.params['KeyName'] === other.keyName)).toBe(false);
      const asked = sim.calls().slice(before).filter((c) => c.action === 'TerminateInstances').map((c) => c.params['InstanceId.1']);
      for (const id of alreadyGone) expect(asked).not.toContain(id);
    } finally {
      unfilterInstances();
      unfilterKeys();
    }
  });
});

describe('an endpoint that ignores the id list and lists everything', () => {
  it('the watch and the teardown follow bootgate\'s own instance, image and type, not the first one listed', async () => {
    const other = await bystanders();
    const removes = ['DescribeInstances', 'DescribeImages', 'DescribeInstanceTypes'].map((a) => sim.faults.ignoreIds(a));
    try {
      // Other instances, one of them running, come first in the listing; the image listed first is not the one asked for.
      expect(sim.instances().some((i) => i.state === 'running')).toBe(true);
      const asked = SCENARIOS.find((s) => s.id === 'healthy-7.6')!;
      expect(SCENARIOS[0]!.amiId).not.toBe(asked.amiId);
      const opts = { ...options(), amiId: asked.amiId, instanceType: 'm4.large' };
      const r = await launch(opts);
      const mine = instancesOf(opts.runId);
      expect(mine).toHaveLength(1);
      expect(r.instance.id).toBe(mine[0]!.id);
      expect(r.verdict).toBe('pass');
      expect(mine[0]!.state).toBe('terminated');
      expect(r.teardown?.confirmed).toBe(true);
      expect(r.uncleaned).toEqual([]);
      expect(stateOf(other.instanceId)).not.toMatch(/terminated|shutting-down/);
      // The calls did go out with an id list the endpoint dropped: the checks above are not vacuous.
      expect(sim.calls().some((c) => c.action === 'DescribeInstances' && c.params['InstanceId.1'] === mine[0]!.id)).toBe(true);
      const signal = new AbortController().signal;
      expect(await ec2.describeImage(asked.amiId, signal)).toMatchObject({ id: asked.amiId, name: asked.image.name });
      expect((await ec2.describeInstanceType('m4.large', signal))?.type).toBe('m4.large');
    } finally {
      for (const remove of removes) remove();
    }
  });

  it('an answer without the instance or image asked for is "not found", not another one\'s facts', async () => {
    const other = await bystanders();
    const removes = ['DescribeInstances', 'DescribeImages'].map((a) => sim.faults.ignoreIds(a));
    const signal = new AbortController().signal;
    try {
      expect(await ec2.describeInstance('i-0000000000000dead', signal)).toBeNull();
      expect((await ec2.describeInstance(other.instanceId, signal))?.id).toBe(other.instanceId);
      expect(await ec2.describeImage('ami-0000000000000dead', signal)).toBeNull();
    } finally {
      for (const remove of removes) remove();
    }
  });
});

describe('an endpoint that deletes an instance once it is terminated', () => {
  it('teardown confirms it gone from the API, not NOT CLEANED after the whole budget', async () => {
    const remove = sim.faults.forgetOnTerminate();
    try {
      const opts = { ...options(), teardownTimeoutMs: 120_000 };
      const r = await launch(opts);
      const mine = instancesOf(opts.runId);
      expect(mine.map((i) => i.state)).toEqual(['terminated']);
      expect(r.verdict).toBe('pass');
      expect(r.uncleaned).toEqual([]);
      expect(r.teardown?.confirmed).toBe(true);
      expect(r.teardown!.seconds).toBeLessThan(60);
      expect(r.timeline.find((t) => t.event === 'terminated')?.detail).toMatch(/^confirmed after [\d.]+s \(no longer listed\)$/);
      // The endpoint did answer NotFound after the terminate: the check above is not vacuous.
      const terminatedAt = sim.calls().findIndex((c) => c.action === 'TerminateInstances' && c.params['InstanceId.1'] === mine[0]!.id);
      expect(terminatedAt).toBeGreaterThanOrEqual(0);
      await expect(ec2.describeInstance(mine[0]!.id, new AbortController().signal)).rejects.toMatchObject({ name: 'InvalidInstanceID.NotFound' });
    } finally {
      remove();
    }
  });
});

describe('an endpoint that refuses an ed25519 key', () => {
  it('launches without a key pair, warns, and still proves the host key over SSH', async () => {
    const remove = sim.faults.fail('ImportKeyPair', 'InvalidKeyPair.Format', { message: 'Key is not in valid OpenSSH public key format' });
    try {
      const opts = { ...options(), ssh: true };
      const r = await launch(opts);
      expect(r.verdict).toBe('pass');
      expect(r.warnings).toContainEqual(expect.stringMatching(/^ImportKeyPair refused bootgate's ed25519 key \(InvalidKeyPair\.Format\): launched without a key pair/));
      expect(r.findings.find((f) => f.rule === 'host-key-match')?.status).toBe('pass');
      expect(r.timeline.map((t) => t.event)).not.toContain('ssh-login');
      const run = sim.calls().find((c) => c.action === 'RunInstances' && c.params['ClientToken']?.startsWith(`bootgate-${opts.runId}-`));
      expect(run?.params['KeyName']).toBeUndefined();
      expect(r.uncleaned).toEqual([]);
    } finally {
      remove();
    }
  });

  it('a refusal that is the caller\'s (UnauthorizedOperation) still stops before launch', async () => {
    const remove = sim.faults.fail('ImportKeyPair', 'UnauthorizedOperation', { message: 'You are not authorized to perform this operation.' });
    try {
      const opts = { ...options(), ssh: true };
      await expect(launch(opts)).rejects.toThrow(/ImportKeyPair .*UnauthorizedOperation/);
      expect(instancesOf(opts.runId)).toEqual([]);
    } finally {
      remove();
    }
  });
});

describe('an endpoint without ClientToken idempotency', () => {
  it('RunInstances took effect but answered 500: the SDK\'s retry started a second instance, and teardown terminates both', async () => {
    const removes = [sim.faults.ignoreClientToken(), sim.faults.fail('RunInstances', 'InternalError', { status: 500, count: 1, after: true })];
    try {
      const opts = options();
      const r = await launch(opts);
      const mine = instancesOf(opts.runId);
      // The fault is real: two instances for one launch.
      expect(mine).toHaveLength(2);
      expect(mine.map((i) => i.state)).toEqual(['terminated', 'terminated']);
      const twin = mine.find((i) => i.id !== r.instance.id)!;
      expect(r.warnings).toContainEqual(expect.stringMatching(new RegExp(`^terminated ${twin.id}, a second instance the endpoint started for the same RunInstances`)));
      expect(r.uncleaned).toEqual([]);
      expect(r.verdict).toBe('pass');
    } finally {
      for (const remove of removes) remove();
    }
  });
  it('RunInstances cut off by Ctrl-C: the ClientToken finds nothing, the token tag finds the instance, and it is terminated', async () => {
    const removeFault = sim.faults.ignoreClientToken();
    try {
      const opts = options();
      const r = await launchCutOff(opts);
      const mine = instancesOf(opts.runId);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.state).toBe('terminated');
      expect(r.warnings).toContainEqual(expect.stringMatching(new RegExp(`^terminated ${mine[0]!.id}, started by the cut-off RunInstances \\(found by its bootgate:client-token tag\\)`)));
      expect(r.uncleaned).toEqual([]);
      expect(r.verdict).toBe('inconclusive');
    } finally {
      removeFault();
    }
  });
});

describe('GetConsoleOutput\'s Output', () => {
  it('is base64 as EC2 sends it, and taken as text when an endpoint sends the text itself', () => {
    const text = 'OpenBSD 7.6 (GENERIC.MP) #338: Mon Sep 30 08:55:35 MDT 2024\r\nxnf0 at xen0 backend 0 channel 6: address 0a:1b:2c:3d:4e:5f\n';
    const decode = (b: Uint8Array) => Buffer.from(b).toString('utf8');
    expect(decode(consoleBytes(Buffer.from(text).toString('base64')))).toBe(text);
    expect(decode(consoleBytes(text))).toBe(text);
  });
});

describe('an endpoint without DescribeInstanceTypes', () => {
  it('warns, launches, takes the platform from the console, and reaches the verdict', async () => {
    const remove = sim.faults.fail('DescribeInstanceTypes', 'InvalidAction', { message: 'The action DescribeInstanceTypes is not valid for this web service.' });
    try {
      const opts = options();
      const r = await launch(opts);
      expect(r.verdict).toBe('pass');
      expect(r.platform.id).toBe('xen-hvm');
      expect(r.warnings).toContainEqual(expect.stringMatching(/^DescribeInstanceTypes is not implemented at this endpoint \(InvalidAction\)/));
      expect(r.instance.state).toBe('terminated');
      expect(r.uncleaned).toEqual([]);
    } finally {
      remove();
    }
  });

  it('a refusal that is the caller\'s (an unknown type) still stops before launch, exit 2 material', async () => {
    const remove = sim.faults.fail('DescribeInstanceTypes', 'InvalidInstanceType', { message: 'The following supplied instance types do not exist: [t2.mcro]' });
    try {
      const opts = options();
      await expect(launch(opts)).rejects.toThrow(/InvalidInstanceType/);
      expect(instancesOf(opts.runId)).toEqual([]);
    } finally {
      remove();
    }
  });
});
