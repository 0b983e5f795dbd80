import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runLaunch, type LaunchOptions } from '../../src/launcher/run-launch.js';
import type { Ec2Api } from '../../src/launcher/ec2.js';
import { analyseConsole } from '../../src/launcher/analyse.js';
import type { Connect } from '../../src/launcher/wait/tcp-port.js';
import { renderBoot } from '../../src/sim/console-script.js';
import { SCENARIOS } from '../../src/sim/index.js';
import { virtualClock } from './clocks.js';

// A healthy 7.6 console on Xen: sshd started, banner printed, login prompt.
const healthy = SCENARIOS.find((s) => s.id === 'healthy-7.6')!;
const script = renderBoot(healthy.boot, {
  hypervisor: 'xen', instanceType: 't2.micro', vpcIp: '172.31.0.6', mac: '0a:1c:b6:97:68:01', hostname: 'ip-172-31-0-6.ec2.internal',
  bannerFingerprint: 'SHA256:J7GMuHoGxBG5XvrqQ3y/9/LZOd8CT9u0ib3JFUftnNM', launchedAtMs: Date.UTC(2024, 9, 8, 12), duid: '2979aa8c169aafe5',
});
const full = script.chunks.map((c) => c.text).join('');
const beforeSshd = script.chunks.filter((c) => script.sshdAt === null || c.at < script.sshdAt).map((c) => c.text).join('');

/** Refused at once, as a closed port on a live network stack answers. */
const refused: Connect = () => {
  const s = new Socket();
  process.nextTick(() => s.emit('error', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })));
  return s;
};
/** Never answers: a dropped SYN. The probe gives up on the injected clock. */
const silent: Connect = () => new Socket();

function fakeEc2(consoleAt: (poll: number) => string): Ec2Api & { polls: number } {
  let terminated = false;
  const api = {
    polls: 0,
    describeImage: async (id: string) => ({ id, name: 'openbsd-7.6', architecture: 'x86_64', bootMode: 'legacy-bios', enaSupport: false, sriovNetSupport: null }),
    describeInstanceType: async (type: string) => ({ type, hypervisor: 'xen', enaSupport: 'unsupported', architectures: ['x86_64'], bootModes: ['legacy-bios'] }),
    runInstance: async () => 'i-0123456789abcdef0',
    describeInstance: async (id: string) => ({ id, state: terminated ? 'terminated' : 'running', privateIp: '127.0.0.9', publicIp: '127.0.0.9', launchTime: null, securityGroupIds: ['sg-0aaa1111bbbb2222c'] }),
    getConsoleOutput: async () => ({ bytes: new TextEncoder().encode(consoleAt(api.polls++)), timestamp: null }),
    terminateInstance: async () => void (terminated = true),
    importKeyPair: async () => undefined,
    deleteKeyPair: async () => undefined,
    findTaggedInstances: async () => [],
  };
  return api as unknown as Ec2Api & { polls: number };
}

const opts: LaunchOptions = {
  amiId: 'ami-1', instanceType: 't2.micro', region: 'us-east-1', runId: 'run1', subnetId: null, securityGroupIds: [], keyName: null, privateKey: null,
  ssh: true, sshUser: 'root', sshAddress: 'public', sshPort: 22, imdsTokens: 'optional', timeoutMs: 20 * 60_000, pollIntervalMs: 5000,
  keepOnFailure: false, strictPreflight: false, tags: {}, loopbackOnly: true, teardownTimeoutMs: 60_000, sshGraceMs: 60_000,
};

const at = (r: Awaited<ReturnType<typeof runLaunch>>, event: string, detail?: RegExp) =>
  r.timeline.find((t) => t.event === event && (detail === undefined || detail.test(t.detail ?? '')))!.elapsedMs;

describe('a shut SSH port after the console shows sshd started is decided within the grace, not at the deadline', () => {
  it('refused for the grace: ssh-reachable fails with sshd-not-listening, cause image, within the grace plus one poll', async () => {
    const r = await runLaunch(opts, { ec2: fakeEc2(() => full), clock: virtualClock(), analyse: analyseConsole, connect: refused });
    expect(r.verdict).toBe('fail');
    expect(r.cause).toBe('image');
    expect(r.reason).toBeNull();
    expect(r.diagnoses[0]?.id).toBe('sshd-not-listening');
    expect(r.diagnoses[0]?.summary).toContain('127.0.0.9:22 refused every connection for 1m');
    expect(r.diagnoses[0]?.evidence[0]?.text).toMatch(/sshd/);
    expect(r.findings.find((f) => f.rule === 'ssh-reachable')).toMatchObject({ status: 'fail' });
    const waited = at(r, 'verdict') - at(r, 'milestone', /^sshd /);
    expect(waited).toBeGreaterThanOrEqual(60_000);
    expect(waited).toBeLessThanOrEqual(60_000 + 5000 + 3000);
    expect(r.instance.state).toBe('terminated');
  });

  it('silent for the grace: ssh-port-filtered, cause infrastructure; the remedy names the security group and the address', async () => {
    const r = await runLaunch(opts, { ec2: fakeEc2(() => full), clock: virtualClock(), analyse: analyseConsole, connect: silent });
    expect(r.verdict).toBe('fail');
    expect(r.cause).toBe('infrastructure');
    expect(r.diagnoses.map((d) => d.id)).toEqual(['ssh-port-filtered']);
    expect(r.diagnoses[0]!.remedy).toContain('sg-0aaa1111bbbb2222c');
    expect(r.diagnoses[0]!.remedy).toContain('127.0.0.9:22');
    const waited = at(r, 'verdict') - at(r, 'milestone', /^sshd /);
    expect(waited).toBeLessThanOrEqual(60_000 + 5000 + 3000);
  });

  it('--security-group-id given: the remedy names that group', async () => {
    const r = await runLaunch({ ...opts, securityGroupIds: ['sg-0ddd'] }, { ec2: fakeEc2(() => full), clock: virtualClock(), analyse: analyseConsole, connect: silent });
    expect(r.diagnoses[0]!.remedy).toContain('security group sg-0ddd ');
  });

  it('refusals before sshd started do not count toward the grace', async () => {
    const r = await runLaunch(opts, { ec2: fakeEc2((poll) => (poll < 30 ? beforeSshd : full)), clock: virtualClock(), analyse: analyseConsole, connect: refused });
    expect(r.diagnoses[0]?.id).toBe('sshd-not-listening');
    expect(at(r, 'verdict') - at(r, 'milestone', /^sshd /)).toBeGreaterThanOrEqual(60_000);
  });

  it('a grace longer than the time left: the deadline ends it inconclusive, no port diagnosis', async () => {
    const r = await runLaunch({ ...opts, timeoutMs: 45_000 }, { ec2: fakeEc2(() => full), clock: virtualClock(), analyse: analyseConsole, connect: refused });
    expect(r.verdict).toBe('inconclusive');
    expect(r.diagnoses.map((d) => d.id)).not.toContain('sshd-not-listening');
  });
});
