import { describe, expect, it } from 'vitest';
import { matrixCells, runMatrix } from '../../src/launcher/run-matrix.js';
import type { Ec2Api } from '../../src/launcher/ec2.js';
import type { CheckReport } from '../../src/verdict/types.js';
import type { BootModel } from '../../src/model/boot-model.js';
import { InterruptedError } from '../../src/launcher/errors.js';
import { virtualClock } from './clocks.js';

const model: BootModel = { schemaVersion: 1, framing: 'raw', instanceId: null, capturedAt: null, lineCount: 0, preamble: [], boots: [] };
const passed: CheckReport = { schemaVersion: 1, verdict: 'pass', platform: { id: 'xen-hvm', source: 'preflight', evidence: [] }, findings: [], diagnoses: [] };

/** A region's fake EC2: counts instances alive now (and the most ever alive at once, across every region sharing `live`). */
function regionEc2(region: string, live: { now: number; max: number }, launched: string[], images: Set<string>): Ec2Api {
  const gone = new Set<string>();
  let n = 0;
  return {
    describeImage: async (id) => (images.has(id) ? { id, name: 'x', architecture: 'x86_64', bootMode: 'legacy-bios', enaSupport: false, sriovNetSupport: null } : null),
    describeInstanceType: async (type) => ({ type, hypervisor: 'xen', enaSupport: 'unsupported', architectures: ['x86_64'], bootModes: ['legacy-bios'] }),
    runInstance: async (req) => {
      live.now++;
      live.max = Math.max(live.max, live.now);
      launched.push(`${region} ${req.amiId} ${req.instanceType}`);
      return `i-${region}-${++n}`;
    },
    describeInstance: async (id) => ({ id, state: gone.has(id) ? 'terminated' : 'running', privateIp: '127.0.0.9', publicIp: '127.0.0.9', launchTime: null }),
    getConsoleOutput: async () => ({ bytes: new TextEncoder().encode('OpenBSD 6.0\n'), timestamp: null }),
    terminateInstance: async (id) => {
      if (!gone.has(id)) live.now--;
      gone.add(id);
    },
    importKeyPair: async () => undefined,
    deleteKeyPair: async () => undefined,
    findTaggedInstances: async () => [],
  };
}

const base = {
  runId: 'run1', subnetId: null, securityGroupIds: [], keyName: null, privateKey: null,
  ssh: false, sshUser: 'root', sshAddress: 'public', sshPort: 22, imdsTokens: 'optional', timeoutMs: 60_000, pollIntervalMs: 5000,
  keepOnFailure: false, strictPreflight: false, tags: {}, loopbackOnly: true, teardownTimeoutMs: 60_000,
} as const;

describe('runMatrix over regions', () => {
  it('matrixCells: every image × every type, in the order given', () => {
    expect(matrixCells([{ region: 'us-east-1', amiId: 'ami-a' }, { region: 'eu-west-1', amiId: 'ami-b' }], ['t2.micro', 'm5.large'])).toEqual([
      { region: 'us-east-1', amiId: 'ami-a', instanceType: 't2.micro' },
      { region: 'us-east-1', amiId: 'ami-a', instanceType: 'm5.large' },
      { region: 'eu-west-1', amiId: 'ami-b', instanceType: 't2.micro' },
      { region: 'eu-west-1', amiId: 'ami-b', instanceType: 'm5.large' },
    ]);
  });

  it('each cell uses its own region\'s client; never more than maxConcurrent instances alive; one outcome per cell in order', async () => {
    const live = { now: 0, max: 0 };
    const launched: string[] = [];
    const clients = new Map([
      ['us-east-1', regionEc2('us-east-1', live, launched, new Set(['ami-a']))],
      ['eu-west-1', regionEc2('eu-west-1', live, launched, new Set(['ami-b']))],
    ]);
    const asked: string[] = [];
    const cells = matrixCells([{ region: 'us-east-1', amiId: 'ami-a' }, { region: 'eu-west-1', amiId: 'ami-b' }], ['t2.micro', 't3.micro', 'c5.large']);
    const regionsSeen: string[] = [];
    const outcomes = await runMatrix(cells, base, {
      ec2: (r) => {
        asked.push(r);
        return clients.get(r)!;
      },
      clock: virtualClock(),
      analyse: () => ({ model, report: passed }),
      onProgress: (e) => regionsSeen.push(`${e.region} ${e.instanceType}`),
    }, 2);
    expect(live.max).toBe(2);
    expect(live.now).toBe(0);
    expect(launched.sort()).toEqual(cells.map((c) => `${c.region} ${c.amiId} ${c.instanceType}`).sort());
    expect(outcomes.map((o) => [o.region, o.amiId, o.instanceType, o.report?.verdict, o.report?.instance.region])).toEqual(
      cells.map((c) => [c.region, c.amiId, c.instanceType, 'pass', c.region]),
    );
    expect(outcomes.every((o) => o.report?.instance.id?.startsWith(`i-${o.region}-`))).toBe(true);
    expect(new Set(asked)).toEqual(new Set(['us-east-1', 'eu-west-1']));
    expect(regionsSeen).toContain('eu-west-1 c5.large');
  });

  it('an image unknown in one region errors that cell only', async () => {
    const live = { now: 0, max: 0 };
    const east = regionEc2('us-east-1', live, [], new Set(['ami-a']));
    const west = regionEc2('eu-west-1', live, [], new Set());
    const outcomes = await runMatrix(matrixCells([{ region: 'us-east-1', amiId: 'ami-a' }, { region: 'eu-west-1', amiId: 'ami-a' }], ['t2.micro']), base, {
      ec2: (r) => (r === 'us-east-1' ? east : west),
      clock: virtualClock(),
      analyse: () => ({ model, report: passed }),
    });
    expect(outcomes.map((o) => o.report?.verdict ?? o.error?.message)).toEqual(['pass', expect.stringMatching(/ami-a: no such image/)]);
  });

  it('after Ctrl-C, cells still queued are not launched', async () => {
    const live = { now: 0, max: 0 };
    const launched: string[] = [];
    const ec2 = regionEc2('us-east-1', live, launched, new Set(['ami-a']));
    const run = new AbortController();
    const clock = virtualClock();
    const cells = matrixCells([{ region: 'us-east-1', amiId: 'ami-a' }], ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
    const pending = runMatrix(cells, base, { ec2: () => ec2, clock, analyse: () => ({ model, report: { ...passed, verdict: 'inconclusive' } }), signal: run.signal }, 2);
    await clock.sleep(12_000);
    run.abort(new InterruptedError('SIGINT'));
    const outcomes = await pending;
    expect(launched).toHaveLength(2);
    expect(live.now).toBe(0);
    expect(outcomes.slice(0, 2).map((o) => o.report?.reason)).toEqual(['interrupted by SIGINT', 'interrupted by SIGINT']);
    expect(outcomes.slice(2).map((o) => o.error?.message)).toEqual(Array(4).fill('not launched: interrupted by SIGINT'));
  });

  it('refuses a pool of no workers', async () => {
    await expect(runMatrix([], base, { ec2: () => { throw new Error('unused'); }, clock: virtualClock(), analyse: () => ({ model, report: passed }) }, 0)).rejects.toThrow(RangeError);
  });
});
