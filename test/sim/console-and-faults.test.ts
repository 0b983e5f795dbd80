import { type _InstanceType, DescribeInstancesCommand, GetConsoleOutputCommand, RunInstancesCommand, TerminateInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SCENARIOS, type Simulator } from '../../src/sim/index.js';
import { manualClock, simWithClient } from './sim-client.js';

const byId = (id: string) => SCENARIOS.find((s) => s.id === id)!;

let sim: Simulator;
let ec2: EC2Client;
let clock: ReturnType<typeof manualClock>;

beforeEach(async () => {
  clock = manualClock();
  // speed 1: one simulated second per real (manual) second keeps the arithmetic readable.
  ({ sim, ec2 } = await simWithClient({ now: clock.now, speed: 1 }));
});
afterEach(async () => {
  await sim.close();
});

async function launch(scenario: string, type?: string): Promise<string> {
  const s = byId(scenario);
  const r = await ec2.send(new RunInstancesCommand({ ImageId: s.amiId, InstanceType: (type ?? s.instanceType) as _InstanceType, MinCount: 1, MaxCount: 1 }));
  return r.Instances![0]!.InstanceId!;
}

async function consoleText(id: string, latest?: boolean): Promise<string | undefined> {
  const r = await ec2.send(new GetConsoleOutputCommand({ InstanceId: id, Latest: latest }));
  return r.Output === undefined ? undefined : Buffer.from(r.Output, 'base64').toString('utf8');
}

async function errorName(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).name;
  }
  return 'no error';
}

describe('console growth', () => {
  test('Xen: Output absent until posted, then snapshots that grow every 10 simulated seconds', async () => {
    const id = await launch('healthy-xen-6.0');
    expect(await consoleText(id)).toBeUndefined();
    clock.advance(9_000);
    expect(await consoleText(id)).toBeUndefined(); // loader prints at 10 s, no snapshot yet
    clock.advance(3_000); // 12 s: snapshot of 10 s
    const early = await consoleText(id);
    expect(early).toContain('booting hd0a:/bsd');
    expect(early).not.toContain('OpenBSD 6.0');
    clock.advance(10_000); // 22 s
    const mid = await consoleText(id);
    expect(mid?.startsWith(early!)).toBe(true);
    expect(mid).toContain('xnf0 at xen0');
    expect(mid).toContain('root on wd0a');
    clock.advance(60_000);
    const done = await consoleText(id);
    expect(done).toMatch(/bound to 172\.31\.\d+\.\d+ -- renewal in 1800 seconds\./);
    expect(done).toMatch(/login: $/);
  });

  test('Xen refuses Latest=true with UnsupportedOperation; Nitro serves it live', async () => {
    const xen = await launch('healthy-xen-6.0');
    expect(await errorName(consoleText(xen, true))).toBe('UnsupportedOperation');
    const nitro = await launch('nitro-no-ena');
    clock.advance(7_500);
    const live = await consoleText(nitro, true);
    const snapshot = await consoleText(nitro);
    expect(live).toContain('pvbus0 at mainbus0: KVM');
    expect(live).toContain('unknown product 0xec20');
    // The snapshot (every 5 s) is still at 5 s: loader only.
    expect(snapshot).toContain('BOOT');
    expect(snapshot).not.toContain('pvbus0');
  });

  test('decisivePostedAt follows what GetConsoleOutput can show', async () => {
    const nitro = await launch('nitro-no-ena');
    const xen = await launch('panic-in-attach');
    const t0 = clock.now();
    expect(sim.decisivePostedAt(nitro)).toBeNull();
    clock.advance(8_000); // nitro root line at 8 s (live); xen panic at 13 s, visible at the 20 s snapshot
    expect(sim.decisivePostedAt(nitro)).toBe(t0 + 8_000);
    expect(sim.decisivePostedAt(xen)).toBeNull();
    clock.advance(12_000);
    expect(sim.decisivePostedAt(xen)).toBe(t0 + 20_000);
    expect(await consoleText(xen)).toContain('panic: ');
  });

  test('console never posted: no Output, ever', async () => {
    const id = await launch('console-never-posted');
    clock.advance(600_000);
    expect(await consoleText(id)).toBeUndefined();
    expect(sim.decisivePostedAt(id)).toBeNull();
  });

  test('Xen snapshot lag: the login prompt shows only at the next 60 s snapshot', async () => {
    const id = await launch('xen-snapshot-lag');
    clock.advance(59_000);
    expect(await consoleText(id)).toBeUndefined();
    clock.advance(1_000);
    expect(await consoleText(id)).toMatch(/login: $/);
  });

  test('terminate posts a final snapshot; the console stays readable after termination', async () => {
    const id = await launch('healthy-xen-6.0');
    clock.advance(15_000);
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    const last = await consoleText(id);
    expect(last).toContain('root on wd0a'); // printed at 15 s, before the 20 s snapshot
    clock.advance(120_000);
    expect(await consoleText(id)).toBe(last); // the guest stopped printing
  });

  test('a healthy image on a Nitro type shows the Nitro boot with ENA not configured', async () => {
    const id = await launch('healthy-7.6', 'c5.large');
    clock.advance(60_000);
    const text = await consoleText(id, true);
    expect(text).toContain('bios0: Amazon EC2 c5.large');
    expect(text).toContain('(class network subclass ethernet, rev 0x00) at pci0 dev 5 function 0 not configured');
    expect(text).not.toContain('ec2: ');
  });
});

describe('faults', () => {
  test('RequestLimitExceeded twice: the SDK retries and the third call launches', async () => {
    await launch('fault-throttled');
    expect(sim.calls().filter((c) => c.action === 'RunInstances')).toHaveLength(3);
    expect(sim.instances()).toHaveLength(1);
  });
  test('one 500 InternalError: the SDK retries it', async () => {
    await launch('fault-internal-error');
    expect(sim.calls().filter((c) => c.action === 'RunInstances')).toHaveLength(2);
    expect(sim.instances()).toHaveLength(1);
  });
  test('InsufficientInstanceCapacity every time, nothing launched', async () => {
    expect(await errorName(launch('fault-no-capacity'))).toBe('InsufficientInstanceCapacity');
    expect(sim.instances()).toHaveLength(0);
  });
  test('InvalidInstanceID.NotFound right after launch, then found', async () => {
    const id = await launch('fault-not-found-after-launch');
    expect(await errorName(ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] })))).toBe('InvalidInstanceID.NotFound');
    expect(await errorName(consoleText(id))).toBe('InvalidInstanceID.NotFound');
    clock.advance(20_000);
    const d = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    expect(d.Reservations?.[0]?.Instances?.[0]?.InstanceId).toBe(id);
  });
});
