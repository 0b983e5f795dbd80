import { describe, expect, it } from 'vitest';
import { fanOut, runMatrix } from '../../src/launcher/run-matrix.js';
import type { Ec2Api } from '../../src/launcher/ec2.js';
import type { CheckReport } from '../../src/verdict/types.js';
import type { BootModel } from '../../src/model/boot-model.js';
import { InterruptedError } from '../../src/launcher/errors.js';
import { virtualClock } from './clocks.js';

const model: BootModel = { schemaVersion: 1, framing: 'raw', instanceId: null, capturedAt: null, lineCount: 0, preamble: [], boots: [] };
const report = (verdict: CheckReport['verdict']): CheckReport => ({ schemaVersion: 1, verdict, platform: { id: 'xen-hvm', source: 'preflight', evidence: [] }, findings: [], diagnoses: [] });

function fakeEc2(): Ec2Api {
  const gone = new Set<string>();
  let n = 0;
  return {
    describeImage: async (id) => ({ id, name: 'x', architecture: 'x86_64', bootMode: 'legacy-bios', enaSupport: false, sriovNetSupport: null }),
    describeInstanceType: async (type) => ({ type, hypervisor: 'xen', enaSupport: 'unsupported', architectures: ['x86_64'], bootModes: ['legacy-bios'] }),
    runInstance: async () => `i-${++n}`,
    describeInstance: async (id) => ({ id, state: gone.has(id) ? 'terminated' : 'running', privateIp: '127.0.0.9', publicIp: '127.0.0.9', launchTime: null }),
    getConsoleOutput: async () => ({ bytes: new TextEncoder().encode('OpenBSD 6.0\n'), timestamp: null }),
    terminateInstance: async (id) => void gone.add(id),
    importKeyPair: async () => undefined,
    deleteKeyPair: async () => undefined,
    findTaggedInstances: async () => [],
  };
}

const base = {
  amiId: 'ami-1', region: 'us-east-1', runId: 'run1', subnetId: null, securityGroupIds: [], keyName: null, privateKey: null,
  ssh: false, sshUser: 'root', sshAddress: 'public', sshPort: 22, imdsTokens: 'optional', timeoutMs: 60_000, pollIntervalMs: 5000,
  keepOnFailure: false, strictPreflight: false, tags: {}, loopbackOnly: true, teardownTimeoutMs: 60_000,
} as const;

describe('runMatrix', () => {
  it('twenty instance types on one Ctrl-C signal: no MaxListenersExceededWarning, every run interrupted and cleaned', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const run = new AbortController();
      const teardown = new AbortController();
      const types = Array.from({ length: 20 }, (_, i) => `t${i}.micro`);
      const clock = virtualClock();
      const cells = types.map((instanceType) => ({ instanceType, region: 'us-east-1', amiId: 'ami-1' }));
      const ec2 = fakeEc2();
      const pending = runMatrix(cells, base, { ec2: () => ec2, clock, analyse: () => ({ model, report: report('inconclusive') }), signal: run.signal, teardownSignal: teardown.signal }, types.length);
      await clock.sleep(12_000);
      run.abort(new InterruptedError('SIGINT'));
      const outcomes = await pending;
      // Warnings are emitted on the next tick.
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
      expect(outcomes.map((o) => o.report?.reason)).toEqual(types.map(() => 'interrupted by SIGINT'));
      expect(outcomes.every((o) => o.report?.instance.state === 'terminated')).toBe(true);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('fanOut: one listener on the parent aborts every child with the parent reason', () => {
    const parent = new AbortController();
    const kids = fanOut(parent.signal, 3);
    const reason = new InterruptedError('SIGTERM');
    parent.abort(reason);
    expect(kids.map((k) => k?.reason)).toEqual([reason, reason, reason]);
    expect(fanOut(undefined, 2)).toEqual([undefined, undefined]);
  });
});
