import {
  type _InstanceType, CreateTagsCommand, DeleteKeyPairCommand, DescribeImagesCommand, DescribeInstancesCommand, DescribeInstanceTypesCommand,
  DescribeKeyPairsCommand, EC2Client, ImportKeyPairCommand, RunInstancesCommand, TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SCENARIOS, type Simulator } from '../../src/sim/index.js';
import { manualClock, simWithClient, userKey } from './sim-client.js';

const healthy = SCENARIOS.find((s) => s.id === 'healthy-xen-6.0')!;
const uefi = SCENARIOS.find((s) => s.id === 'uefi-image')!;
const arm = SCENARIOS.find((s) => s.id === 'graviton-arm64')!;

let sim: Simulator;
let ec2: EC2Client;
let clock: ReturnType<typeof manualClock>;

beforeEach(async () => {
  clock = manualClock();
  ({ sim, ec2 } = await simWithClient({ now: clock.now, speed: 10 }));
});
afterEach(async () => {
  await sim.close();
});

async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

const run = (extra: Partial<ConstructorParameters<typeof RunInstancesCommand>[0]> = {}) =>
  ec2.send(new RunInstancesCommand({ ImageId: healthy.amiId, InstanceType: 't2.micro', MinCount: 1, MaxCount: 1, ...extra }));

describe('DescribeImages', () => {
  test('reports the scenario image attributes the launcher reads', async () => {
    const r = await ec2.send(new DescribeImagesCommand({ ImageIds: [uefi.amiId, healthy.amiId] }));
    expect(r.Images?.map((i) => [i.ImageId, i.BootMode, i.EnaSupport, i.Architecture]).sort()).toEqual([
      [healthy.amiId, 'legacy-bios', false, 'x86_64'],
      [uefi.amiId, 'uefi', false, 'x86_64'],
    ].sort());
  });
  test('lists the whole catalogue without ids', async () => {
    const r = await ec2.send(new DescribeImagesCommand({}));
    expect(r.Images?.length).toBe(SCENARIOS.length);
  });
  test('unknown and malformed ids are AWS errors', async () => {
    expect(await errorOf(ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-0123456789abcdef0'] })))).toMatchObject({ name: 'InvalidAMIID.NotFound', status: 400 });
    expect(await errorOf(ec2.send(new DescribeImagesCommand({ ImageIds: ['bogus'] })))).toMatchObject({ name: 'InvalidAMIID.Malformed', status: 400 });
  });
});

describe('DescribeInstanceTypes', () => {
  test('xen, nitro and graviton types as AWS describes them', async () => {
    const r = await ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['t2.micro', 'm5.large', 't4g.nano'] }));
    const by = Object.fromEntries((r.InstanceTypes ?? []).map((t) => [t.InstanceType, t]));
    expect(by['t2.micro']).toMatchObject({ Hypervisor: 'xen', NetworkInfo: { EnaSupport: 'unsupported' }, ProcessorInfo: { SupportedArchitectures: ['x86_64'] }, SupportedBootModes: ['legacy-bios'] });
    expect(by['m5.large']).toMatchObject({ Hypervisor: 'nitro', NetworkInfo: { EnaSupport: 'required' } });
    expect(by['t4g.nano']).toMatchObject({ Hypervisor: 'nitro', ProcessorInfo: { SupportedArchitectures: ['arm64'] }, SupportedBootModes: ['uefi'] });
  });
  test('at least 20 types, filterable by hypervisor', async () => {
    const all = await ec2.send(new DescribeInstanceTypesCommand({}));
    expect(all.InstanceTypes?.length).toBeGreaterThanOrEqual(20);
    const xen = await ec2.send(new DescribeInstanceTypesCommand({ Filters: [{ Name: 'hypervisor', Values: ['xen'] }] }));
    expect(xen.InstanceTypes?.every((t) => t.Hypervisor === 'xen')).toBe(true);
    expect(xen.InstanceTypes?.length).toBeGreaterThan(5);
  });
  test('unknown type', async () => {
    expect(await errorOf(ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['z9.huge' as _InstanceType] })))).toMatchObject({ name: 'InvalidInstanceType' });
  });
});

describe('RunInstances', () => {
  test('launches with tags, key, metadata options and user data; addresses are loopback', async () => {
    const key = userKey();
    await ec2.send(new ImportKeyPairCommand({ KeyName: 'k1', PublicKeyMaterial: Buffer.from(key.public) }));
    const r = await run({
      KeyName: 'k1', SubnetId: 'subnet-0123456789abcdef0', SecurityGroupIds: ['sg-0123456789abcdef0'],
      InstanceInitiatedShutdownBehavior: 'terminate', MetadataOptions: { HttpTokens: 'required' },
      UserData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64'),
      TagSpecifications: [
        { ResourceType: 'instance', Tags: [{ Key: 'bootgate:run-id', Value: 'run-1' }, { Key: 'owner', Value: 'me' }] },
        { ResourceType: 'volume', Tags: [{ Key: 'bootgate:run-id', Value: 'run-1' }] },
      ],
    });
    const inst = r.Instances?.[0];
    expect(inst).toMatchObject({ State: { Name: 'pending', Code: 0 }, KeyName: 'k1', SubnetId: 'subnet-0123456789abcdef0', MetadataOptions: { HttpTokens: 'required' }, ImageId: healthy.amiId });
    expect(inst?.PrivateIpAddress).toMatch(/^127\.0\.0\.\d+$/);
    expect(inst?.PublicIpAddress).toBe(inst?.PrivateIpAddress);
    expect(inst?.SecurityGroups?.[0]?.GroupId).toBe('sg-0123456789abcdef0');
    const [simInst] = sim.instances();
    expect(simInst).toMatchObject({ tags: { 'bootgate:run-id': 'run-1', owner: 'me' }, volumeTags: { 'bootgate:run-id': 'run-1' }, shutdownBehavior: 'terminate', httpTokens: 'required', keyName: 'k1' });
    clock.advance(1000); // 10 simulated seconds: past pending
    const d = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [inst!.InstanceId!] }));
    expect(d.Reservations?.[0]?.Instances?.[0]?.State?.Name).toBe('running');
  });
  test('a ClientToken makes the call idempotent; other params with the same token are refused', async () => {
    const a = await run({ ClientToken: 'tok-1' });
    const b = await run({ ClientToken: 'tok-1' });
    expect(b.Instances?.[0]?.InstanceId).toBe(a.Instances?.[0]?.InstanceId);
    expect(sim.instances()).toHaveLength(1);
    expect(await errorOf(run({ ClientToken: 'tok-1', InstanceType: 't2.small' }))).toMatchObject({ name: 'IdempotentParameterMismatch', status: 400 });
    expect(sim.instances()).toHaveLength(1);
  });
  test('MaxCount launches several instances in one reservation', async () => {
    const r = await run({ MinCount: 2, MaxCount: 3 });
    expect(r.Instances).toHaveLength(3);
    expect(new Set(r.Instances?.map((i) => i.PrivateIpAddress)).size).toBe(3);
    expect(sim.runningCount()).toBe(3);
  });
  test('refuses what AWS refuses', async () => {
    expect(await errorOf(run({ ImageId: uefi.amiId }))).toMatchObject({ name: 'Unsupported' });
    expect((await errorOf(run({ ImageId: uefi.amiId }))).message).toMatch(/t2\.micro.*uefi/);
    expect(await errorOf(run({ ImageId: arm.amiId, InstanceType: 'm5.large' }))).toMatchObject({ name: 'InvalidParameterValue' });
    expect(await errorOf(run({ InstanceType: 't4g.nano' }))).toMatchObject({ name: 'InvalidParameterValue' });
    expect(await errorOf(run({ ImageId: 'ami-0123456789abcdef0' }))).toMatchObject({ name: 'InvalidAMIID.NotFound' });
    expect(await errorOf(run({ ImageId: 'nope' }))).toMatchObject({ name: 'InvalidAMIID.Malformed' });
    expect(await errorOf(run({ KeyName: 'missing' }))).toMatchObject({ name: 'InvalidKeyPair.NotFound' });
    expect(await errorOf(run({ UserData: 'not base64!' }))).toMatchObject({ name: 'InvalidParameterValue' });
    expect(await errorOf(run({ MetadataOptions: { HttpTokens: 'sometimes' as 'required' } }))).toMatchObject({ name: 'InvalidParameterValue' });
    expect(sim.instances()).toHaveLength(0);
    // UEFI on Nitro is fine.
    await run({ ImageId: uefi.amiId, InstanceType: 'm5.large' });
    expect(sim.runningCount()).toBe(1);
  });
});

describe('DescribeInstances', () => {
  test('filters by run-id tag, tag-key and state; unknown ids are NotFound', async () => {
    const tagged = await run({ TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'bootgate:run-id', Value: 'r1' }] }] });
    await run();
    const byTag = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:bootgate:run-id', Values: ['r1'] }] }));
    expect(byTag.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId)).toEqual([tagged.Instances?.[0]?.InstanceId]);
    const byKey = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag-key', Values: ['bootgate:*'] }] }));
    expect(byKey.Reservations?.flatMap((r) => r.Instances ?? [])).toHaveLength(1);
    const pending = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['pending'] }] }));
    expect(pending.Reservations?.flatMap((r) => r.Instances ?? [])).toHaveLength(2);
    const running = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['running'] }] }));
    expect(running.Reservations ?? []).toHaveLength(0);
    expect(await errorOf(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })))).toMatchObject({ name: 'InvalidInstanceID.NotFound' });
    expect(await errorOf(ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'colour', Values: ['red'] }] })))).toMatchObject({ name: 'InvalidParameterValue' });
  });
  test('CreateTags adds tags a filter then finds', async () => {
    const r = await run();
    const id = r.Instances![0]!.InstanceId!;
    await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'later', Value: 'yes' }] }));
    const d = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:later', Values: ['yes'] }] }));
    expect(d.Reservations?.[0]?.Instances?.[0]?.Tags).toContainEqual({ Key: 'later', Value: 'yes' });
    expect(await errorOf(ec2.send(new CreateTagsCommand({ Resources: ['i-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })))).toMatchObject({ name: 'InvalidInstanceID.NotFound' });
  });
});

describe('TerminateInstances', () => {
  test('shutting-down, then terminated, then forgotten; instance-seconds stop at termination', async () => {
    const r = await run();
    const id = r.Instances![0]!.InstanceId!;
    clock.advance(2000);
    const t = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect(t.TerminatingInstances?.[0]).toMatchObject({ InstanceId: id, CurrentState: { Name: 'shutting-down' }, PreviousState: { Name: 'running' } });
    expect(sim.runningCount()).toBe(1);
    clock.advance(1000); // 10 simulated seconds of shutdown
    expect(sim.runningCount()).toBe(0);
    const d = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    expect(d.Reservations?.[0]?.Instances?.[0]?.State?.Name).toBe('terminated');
    expect(sim.instanceSeconds()).toBeCloseTo(3, 5);
    clock.advance(60_000);
    expect(sim.instanceSeconds()).toBeCloseTo(3, 5);
    const again = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect(again.TerminatingInstances?.[0]?.CurrentState?.Name).toBe('terminated');
    clock.advance(3600 * 100); // past the hour AWS keeps terminated instances
    expect(await errorOf(ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] })))).toMatchObject({ name: 'InvalidInstanceID.NotFound' });
    expect(sim.instances()[0]?.state).toBe('terminated');
  });
});

describe('key pairs', () => {
  test('import, describe, duplicate, delete', async () => {
    const key = userKey();
    const imp = await ec2.send(new ImportKeyPairCommand({ KeyName: 'kp', PublicKeyMaterial: Buffer.from(key.public) }));
    expect(imp.KeyPairId).toMatch(/^key-/);
    const d = await ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['kp'], IncludePublicKey: true }));
    expect(d.KeyPairs?.[0]).toMatchObject({ KeyName: 'kp', KeyType: 'ed25519', PublicKey: key.public.trim() });
    expect(await errorOf(ec2.send(new ImportKeyPairCommand({ KeyName: 'kp', PublicKeyMaterial: Buffer.from(key.public) })))).toMatchObject({ name: 'InvalidKeyPair.Duplicate' });
    expect(await errorOf(ec2.send(new ImportKeyPairCommand({ KeyName: 'bad', PublicKeyMaterial: Buffer.from('not a key') })))).toMatchObject({ name: 'InvalidKey.Format' });
    await ec2.send(new DeleteKeyPairCommand({ KeyName: 'kp' }));
    expect(await errorOf(ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['kp'] })))).toMatchObject({ name: 'InvalidKeyPair.NotFound' });
    await ec2.send(new DeleteKeyPairCommand({ KeyName: 'kp' })); // idempotent, as on AWS
  });
});

describe('protocol', () => {
  test('unknown action and unsigned requests get EC2 XML errors', async () => {
    const res = await fetch(sim.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'x' }, body: 'Action=LaunchMissiles&Version=2016-11-15' });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain('<Code>InvalidAction</Code>');
    expect(body).toMatch(/<RequestID>[0-9a-f-]{36}<\/RequestID>/);
    const unsigned = await fetch(sim.endpoint, { method: 'POST', body: 'Action=DescribeImages' });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.text()).toContain('<Code>AuthFailure</Code>');
  });
  test('records every call with its parameters', async () => {
    await run({ TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'k', Value: 'v' }] }] });
    const call = sim.calls().find((c) => c.action === 'RunInstances');
    expect(call?.params).toMatchObject({ ImageId: healthy.amiId, 'TagSpecification.1.ResourceType': 'instance', 'TagSpecification.1.Tag.1.Key': 'k' });
    expect(call?.at).toBe(clock.now());
  });
  test('refuses to listen outside loopback', async () => {
    await expect(simWithClient({ host: '0.0.0.0' })).rejects.toThrow(/127\.0\.0\.0\/8/);
  });
});
