import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { launchInstance, runLaunch, type LaunchOptions } from '../../src/launcher/run-launch.js';
import type { Ec2Api, RunInstanceRequest } from '../../src/launcher/ec2.js';
import type { Analyse } from '../../src/launcher/analyse.js';
import type { CheckReport, LiveFacts } from '../../src/verdict/types.js';
import type { BootModel } from '../../src/model/boot-model.js';
import { LaunchError } from '../../src/launcher/errors.js';
import { virtualClock } from './clocks.js';
import { ec2Serving } from './console-ec2.js';

const awsError = (name: string) => Object.assign(new Error(name), { name, $metadata: { requestId: 'r-1' } });
const model: BootModel = { schemaVersion: 1, framing: 'raw', instanceId: null, capturedAt: null, lineCount: 0, preamble: [], boots: [] };
const report = (verdict: CheckReport['verdict']): CheckReport => ({ schemaVersion: 1, verdict, platform: { id: 'xen-hvm', source: 'preflight', evidence: [] }, findings: [], diagnoses: [] });

function fakeEc2(over: Partial<Ec2Api> = {}) {
  const calls: string[] = [];
  const runs: RunInstanceRequest[] = [];
  let terminated = false;
  // The console-serving fake, counting what teardown does and remembering the terminate.
  const api: Ec2Api = ec2Serving('OpenBSD 6.0\n', {
    runInstance: async (req) => {
      runs.push(req);
      return 'i-1';
    },
    describeInstance: async (id) => ({ id, state: terminated ? 'terminated' : 'running', privateIp: '127.0.0.9', publicIp: '127.0.0.9', launchTime: null }),
    terminateInstance: async () => {
      calls.push('terminate');
      terminated = true;
    },
    importKeyPair: async () => void calls.push('import-key'),
    deleteKeyPair: async () => void calls.push('delete-key'),
    ...over,
  });
  return { api, calls, runs };
}

const opts: LaunchOptions = {
  amiId: 'ami-1', instanceType: 't2.micro', region: 'us-east-1', runId: 'run1', subnetId: null, securityGroupIds: [], keyName: null, privateKey: null,
  ssh: false, sshUser: 'root', sshAddress: 'public', sshPort: 22, imdsTokens: 'optional', timeoutMs: 600_000, pollIntervalMs: 5000,
  keepOnFailure: false, strictPreflight: false, tags: {}, loopbackOnly: true, teardownTimeoutMs: 60_000,
};

describe('runLaunch (fake EC2, virtual clock)', () => {
  it('retries InsufficientInstanceCapacity with the same ClientToken, then judges', async () => {
    let n = 0;
    const f = fakeEc2();
    const inner = f.api.runInstance;
    f.api.runInstance = async (req) => {
      if (++n <= 2) {
        f.runs.push(req);
        throw awsError('InsufficientInstanceCapacity');
      }
      return inner(req);
    };
    const clock = virtualClock();
    const r = await runLaunch(opts, { ec2: f.api, clock, analyse: () => ({ model, report: report('pass') }) });
    expect(r.verdict).toBe('pass');
    expect(f.runs).toHaveLength(3);
    expect(new Set(f.runs.map((x) => x.clientToken)).size).toBe(1);
    expect(clock.elapsed()).toBeGreaterThanOrEqual(45_000); // 15 s + 30 s of capacity backoff
    expect(f.calls).toEqual(['terminate']);
  });

  it('capacity until the deadline: inconclusive, infrastructure, nothing launched', async () => {
    const f = fakeEc2({ runInstance: async () => Promise.reject(awsError('InsufficientInstanceCapacity')) });
    const r = await runLaunch({ ...opts, timeoutMs: 100_000 }, { ec2: f.api, clock: virtualClock(), analyse: () => ({ model, report: report('inconclusive') }) });
    expect(r).toMatchObject({ verdict: 'inconclusive', cause: 'infrastructure', instance: { id: null }, cost: { instanceSeconds: 0 } });
    expect(r.reason).toMatch(/InsufficientInstanceCapacity/);
  });

  it('fails fast on UnauthorizedOperation without retrying', async () => {
    let n = 0;
    const f = fakeEc2({ runInstance: async () => (n++, Promise.reject(awsError('UnauthorizedOperation'))) });
    await expect(runLaunch(opts, { ec2: f.api, clock: virtualClock(), analyse: () => ({ model, report: report('pass') }) })).rejects.toMatchObject({
      name: 'LaunchError',
      code: 'UnauthorizedOperation',
      requestId: 'r-1',
    });
    expect(n).toBe(1);
  });

  it('an error mid-watch: terminates first, deletes the ephemeral key, then rethrows the original error', async () => {
    const f = fakeEc2({ getConsoleOutput: async () => Promise.reject(awsError('UnauthorizedOperation')) });
    const err = await runLaunch({ ...opts, ssh: true }, { ec2: f.api, clock: virtualClock(), analyse: () => ({ model, report: report('inconclusive') }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LaunchError);
    expect((err as LaunchError).code).toBe('UnauthorizedOperation');
    expect(f.calls).toEqual(['import-key', 'terminate', 'delete-key']);
  });

  it('NotFound right after launch is retried; the deadline gives inconclusive with the last console lines', async () => {
    let n = 0;
    const f = fakeEc2({ describeInstance: async (id) => (++n <= 2 ? Promise.reject(awsError('InvalidInstanceID.NotFound')) : { id, state: 'running', privateIp: '127.0.0.9', publicIp: '127.0.0.9', launchTime: null }) });
    const clock = virtualClock();
    const r = await runLaunch({ ...opts, timeoutMs: 60_000 }, { ec2: f.api, clock, analyse: () => ({ model, report: report('inconclusive') }) });
    expect(n).toBeGreaterThan(2);
    expect(r.verdict).toBe('inconclusive');
    expect(r.cause).toBe('image');
    expect(r.reason).toMatch(/^timed out after 60s waiting for a verdict on i-1[\s\S]*OpenBSD 6\.0/);
    expect(f.calls).toEqual(['terminate']);
  });

  it('a loopback endpoint that hands back a public address: never connected to, SSH unproven to the rules, the instance still terminated', async () => {
    const f = fakeEc2({ describeInstance: async (id) => ({ id, state: 'running', privateIp: '10.0.0.5', publicIp: '54.1.2.3', launchTime: null }) });
    const seen: (LiveFacts | undefined)[] = [];
    const analyse: Analyse = (_text, options) => (seen.push(options.live), { model, report: report('inconclusive') });
    const connects: string[] = [];
    const r = await runLaunch({ ...opts, ssh: true, timeoutMs: 60_000 }, { ec2: f.api, clock: virtualClock(), analyse, connect: (_port, host) => (connects.push(host), new Socket()) });
    expect(connects).toEqual([]);
    expect(r.verdict).toBe('inconclusive');
    expect(seen.at(-1)?.ssh).toMatchObject({ tcp: 'not-tried', handshake: false, address: '54.1.2.3', error: expect.stringMatching(/outside 127\.0\.0\.0\/8/) });
    expect(r.timeline.find((t) => t.event === 'ssh-refused')?.detail).toMatch(/^SSH not checked: the endpoint gave 54\.1\.2\.3 for i-1/);
    expect(f.calls).toContain('terminate');
  });

  it.each([
    ['Server.InternalError', 'Server.InternalError: Internal error on launch', 'infrastructure'],
    ['Client.UserInitiatedShutdown', 'Client.UserInitiatedShutdown: User initiated shutdown', 'infrastructure'],
    ['Client.InternalError', 'Client.InternalError: Client error on launch', 'infrastructure'],
    ['Client.InstanceInitiatedShutdown', 'Client.InstanceInitiatedShutdown: Instance initiated shutdown', 'image'],
    ['Client.SomethingNew', 'something new', 'image'],
  ] as const)('an instance that ends on its own with StateReason %s: inconclusive, cause by that reason, which the reason quotes', async (code, message, cause) => {
    let polls = 0;
    const f = fakeEc2({
      describeInstance: async (id) => ({ id, state: ++polls > 1 ? 'terminated' : 'pending', privateIp: null, publicIp: null, launchTime: null, stateReason: polls > 1 ? { code, message } : null }),
    });
    const r = await runLaunch(opts, { ec2: f.api, clock: virtualClock(), analyse: () => ({ model, report: report('inconclusive') }) });
    expect(r.verdict).toBe('inconclusive');
    expect(r.cause).toBe(cause);
    const quoted = message.startsWith(code) ? message : `${code}: ${message}`;
    expect(r.reason).toBe(`instance went terminated on its own before a verdict (${quoted})`);
  });

  it('an instance that ends after it was running is noticed within six polls, not waited on to the deadline', async () => {
    let polls = 0;
    const f = fakeEc2({
      describeInstance: async (id) => {
        const gone = ++polls > 3;
        return { id, state: gone ? 'terminated' : 'running', privateIp: null, publicIp: null, launchTime: null, stateReason: gone ? { code: 'Server.InternalError', message: 'Server.InternalError: Internal error on launch' } : null };
      },
    });
    const clock = virtualClock();
    const r = await runLaunch(opts, { ec2: f.api, clock, analyse: () => ({ model, report: report('inconclusive') }) });
    expect(r.reason).toBe('instance went terminated on its own before a verdict (Server.InternalError: Internal error on launch)');
    expect(r.cause).toBe('infrastructure');
    // Polls every 5 s; a running instance is described again every 6 polls (30 s): three looks take about 60 s, far from the 600 s deadline.
    expect(clock.elapsed()).toBeLessThan(120_000);
  });

  it('parses each console text once: polls that see the same console reuse its model, and the model is handed back', async () => {
    const parsed: string[] = [];
    const analyse: Analyse = (text, _options, given) => {
      if (given === undefined) parsed.push(text);
      return { model: given ?? model, report: report('inconclusive') };
    };
    const r = await launchInstance({ ...opts, timeoutMs: 60_000 }, { ec2: fakeEc2().api, clock: virtualClock(), analyse });
    expect(r.report.verdict).toBe('inconclusive');
    // Twelve polls of the same console, one parse.
    expect(parsed).toEqual(['OpenBSD 6.0\n']);
    expect(r.model).toBe(model);
  });
});
