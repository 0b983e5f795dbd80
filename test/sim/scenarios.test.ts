import { describe, expect, test } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import type { LiveFacts } from '../../src/verdict/types.js';
import { parseBootLog } from '../../src/parser/index.js';
import { renderBoot, type BootContext } from '../../src/sim/console-script.js';
import { INSTANCE_TYPES, SCENARIOS, expectationOn, findInstanceType, type Scenario } from '../../src/sim/index.js';

const FP = 'SHA256:J7GMuHoGxBG5XvrqQ3y/9/LZOd8CT9u0ib3JFUftnNM';
const OTHER = 'SHA256:WJapW3FW03cZk/6z3AhNafnh+L12otWXVcpgT7BsH1s';

function ctxFor(s: Scenario, typeName = s.instanceType): BootContext {
  const type = findInstanceType(typeName)!;
  return {
    hypervisor: type.hypervisor, instanceType: type.name, vpcIp: '172.31.0.6', mac: '0a:1c:b6:97:68:01',
    hostname: 'ip-172-31-0-6.ec2.internal', bannerFingerprint: s.boot.bannerKey === 'presented' ? FP : OTHER,
    launchedAtMs: Date.UTC(2024, 9, 8, 12), duid: '2979aa8c169aafe5',
  };
}

/** What the launcher would learn over SSH against the simulated instance once the boot is over. */
function liveFacts(s: Scenario, typeName = s.instanceType): LiveFacts {
  const script = renderBoot(s.boot, ctxFor(s, typeName));
  if (!script.network) return { ssh: { tcp: 'silent', handshake: false, hostKeySha256: null, address: '127.0.0.2', error: 'timed out' } };
  return { ssh: { tcp: 'open', handshake: true, hostKeySha256: FP, address: '127.0.0.2', error: null } };
}

function judge(s: Scenario, typeName = s.instanceType) {
  const script = renderBoot(s.boot, ctxFor(s, typeName));
  const text = script.chunks.map((c) => c.text).join('');
  const type = findInstanceType(typeName)!;
  return checkModel(parseBootLog(text).model, {
    preflightPlatform: type.arch === 'arm64' ? 'graviton' : type.hypervisor === 'xen' ? 'xen-hvm' : 'nitro-x86',
    live: liveFacts(s, typeName),
  });
}

describe('catalogue', () => {
  test('ids and AMI ids are unique and AMI ids look like AWS ones', () => {
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
    expect(new Set(SCENARIOS.map((s) => s.amiId)).size).toBe(SCENARIOS.length);
    for (const s of SCENARIOS) expect(s.amiId).toMatch(/^ami-[0-9a-f]{17}$/);
  });
  test('every scenario names a catalogue type that can run its image', () => {
    for (const s of SCENARIOS) {
      const t = findInstanceType(s.instanceType);
      expect(t, s.id).toBeDefined();
      expect(expectationOn(s, t!), s.id).toEqual(s.expect);
    }
  });
  test('at least 20 instance types, names unique', () => {
    expect(INSTANCE_TYPES.length).toBeGreaterThanOrEqual(20);
    expect(new Set(INSTANCE_TYPES.map((t) => t.name)).size).toBe(INSTANCE_TYPES.length);
  });
});

/** Scenarios whose instance ends up with network and sshd; every other one is silent on port 22. */
const SSH_REACHABLE = new Set([
  'healthy-xen-6.0', 'healthy-7.6', 'banner-missing', 'host-key-mismatch', 'console-never-posted', 'xen-snapshot-lag',
  'fault-throttled', 'fault-no-capacity', 'fault-not-found-after-launch', 'fault-internal-error', 'fake-public-ip', 'long-first-boot',
]);

describe('console scripts', () => {
  test.each(SCENARIOS.map((s) => [s.id, s] as const))('%s: chunks in time order, decisive moment inside the script, dmesg starts at the banner', (_id, s) => {
    const script = renderBoot(s.boot, ctxFor(s));
    const times = script.chunks.map((c) => c.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    if (s.expect.verdict !== 'inconclusive') {
      expect(script.decisiveAt).not.toBeNull();
      expect(times).toContain(script.decisiveAt);
    }
    expect(script.dmesg).toMatch(/^OpenBSD \d\.\d \(/);
    // A refused or filtered port 22 shuts out SSH whatever the console says.
    const endsEarly = s.faults.some((f) => f.kind === 'ends-on-its-own');
    const reachable = script.network && script.sshdAt !== null && s.port22 === undefined && !endsEarly;
    expect(reachable).toBe(SSH_REACHABLE.has(s.id));
    if (s.boot.outcome !== 'login') expect(script.sshdAt).toBeNull();
  });
  test('healthy banner prints the fingerprint and the hostname of its address', () => {
    const s = SCENARIOS.find((x) => x.id === 'healthy-7.6')!;
    const text = renderBoot(s.boot, ctxFor(s)).chunks.map((c) => c.text).join('');
    expect(text).toContain(`ec2: 256 ${FP} root@ip-172-31-0-6.ec2.internal (ED25519)\r\n`);
    expect(text).toContain('OpenBSD/amd64 (ip-172-31-0-6.ec2.internal) (tty00)');
    expect(text).not.toMatch(/DHCP|bound to/); // dhcpleased is silent
  });
});

// The scenarios are only useful if bootgate's own parser and rules read them as intended.
describe('bootgate judges each finished console as the scenario expects', () => {
  // A shut SSH port is diagnosed by the launcher from its probes, not from the console.
  // An instance that ends on its own is judged by the launcher from its state, not from a console cut short.
  const judged = SCENARIOS.filter((s) => !s.consoleNeverPosted && !s.faults.some((f) => f.kind === 'capacity' || f.kind === 'ends-on-its-own') && s.port22 === undefined);
  test.each(judged.map((s) => [s.id, s] as const))('%s', (_id, s) => {
    const report = judge(s);
    expect(report.verdict).toBe(s.expect.verdict);
    expect(report.diagnoses.map((d) => d.id).slice(0, s.expect.diagnoses.length)).toEqual(s.expect.diagnoses);
  });
  test('an amd64 image on a Nitro type is judged nitro-no-ena', () => {
    const s = SCENARIOS.find((x) => x.id === 'healthy-xen-6.0')!;
    const report = judge(s, 'c5.large');
    expect(expectationOn(s, findInstanceType('c5.large')!)?.diagnoses).toEqual(['nitro-no-ena']);
    expect(report.verdict).toBe('fail');
    expect(report.diagnoses[0]?.id).toBe('nitro-no-ena');
  });
});
