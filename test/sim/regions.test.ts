import {
  DescribeInstancesCommand, DescribeKeyPairsCommand, EC2Client, ImportKeyPairCommand, RunInstancesCommand, TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SCENARIOS, startSimulator, type Simulator } from '../../src/sim/index.js';
import { signingRegion } from '../../src/sim/regions.js';
import { userKey } from './sim-client.js';

const healthy = SCENARIOS.find((s) => s.id === 'healthy-xen-6.0')!;
let sim: Simulator;
const client = (region: string) => new EC2Client({ endpoint: sim.endpoint, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
let east: EC2Client;
let west: EC2Client;

beforeAll(async () => {
  sim = await startSimulator({ region: 'us-east-1' });
  east = client('us-east-1');
  west = client('eu-west-1');
});

afterAll(async () => {
  east?.destroy();
  west?.destroy();
  await sim?.close();
});

const run = (ec2: EC2Client) => ec2.send(new RunInstancesCommand({ ImageId: healthy.amiId, InstanceType: 't2.micro', MinCount: 1, MaxCount: 1 }));

describe('one endpoint, several regions (picked by the SigV4 credential scope)', () => {
  test('an instance lives in the region that launched it; another region does not know it', async () => {
    const r = await run(west);
    const id = r.Instances![0]!.InstanceId!;
    expect(r.Instances![0]!.Placement?.AvailabilityZone).toBe('eu-west-1a');
    const seen = await west.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    expect(seen.Reservations?.[0]?.Instances?.[0]?.InstanceId).toBe(id);
    await expect(east.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).rejects.toMatchObject({ name: 'InvalidInstanceID.NotFound' });
    await expect(east.send(new TerminateInstancesCommand({ InstanceIds: [id] }))).rejects.toMatchObject({ name: 'InvalidInstanceID.NotFound' });
    expect(sim.instances().find((i) => i.id === id)?.region).toBe('eu-west-1');
    await west.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
  });

  test('instances of different regions never share a loopback address', async () => {
    const a = await run(east);
    const b = await run(west);
    const ips = [a, b].map((r) => r.Instances![0]!.PrivateIpAddress);
    expect(ips[0]).not.toBe(ips[1]);
    for (const [ec2, r] of [[east, a], [west, b]] as const) await ec2.send(new TerminateInstancesCommand({ InstanceIds: [r.Instances![0]!.InstanceId!] }));
  });

  test('key pairs are per region: the same name imports in both, and each lists only its own', async () => {
    const key = userKey();
    for (const ec2 of [east, west]) await ec2.send(new ImportKeyPairCommand({ KeyName: 'bootgate-regions', PublicKeyMaterial: new TextEncoder().encode(key.public) }));
    await expect(west.send(new ImportKeyPairCommand({ KeyName: 'bootgate-regions', PublicKeyMaterial: new TextEncoder().encode(key.public) }))).rejects.toMatchObject({ name: 'InvalidKeyPair.Duplicate' });
    const other = client('ap-southeast-2');
    try {
      const listed = await other.send(new DescribeKeyPairsCommand({}));
      expect(listed.KeyPairs ?? []).toEqual([]);
    } finally {
      other.destroy();
    }
  });

  test('a region the simulator does not serve is refused as AWS refuses a bad scope; every call says its region', async () => {
    const bad = client('xx-nowhere-1');
    try {
      await expect(run(bad)).rejects.toMatchObject({ name: 'AuthFailure', message: expect.stringMatching(/xx-nowhere-1/) });
    } finally {
      bad.destroy();
    }
    const regions = new Set(sim.calls().map((c) => c.region));
    expect([...regions].sort()).toEqual(['ap-southeast-2', 'eu-west-1', 'us-east-1', 'xx-nowhere-1']);
    expect(sim.instances().filter((i) => i.state !== 'terminated' && i.state !== 'shutting-down')).toEqual([]);
  });

  test('signingRegion reads the credential scope, and nothing else', () => {
    expect(signingRegion('AWS4-HMAC-SHA256 Credential=AKID/20261201/eu-west-1/ec2/aws4_request, SignedHeaders=host, Signature=abc')).toBe('eu-west-1');
    expect(signingRegion('AWS4-HMAC-SHA256 Credential=AKID/2026/eu-west-1/ec2/aws4_request')).toBeNull();
    expect(signingRegion('Basic dXNlcjpwYXNz')).toBeNull();
    expect(signingRegion(undefined)).toBeNull();
  });
});
