import { createHash, randomBytes } from 'node:crypto';
import ssh2 from 'ssh2';
import type { ParsedKey } from 'ssh2';
import { renderBoot } from './console-script.js';
import { Ec2Error } from './ec2-error.js';
import { sshFingerprint } from '../net/ssh-fingerprint.js';
import { ed25519KeyPair } from '../net/ed25519-key.js';
import { INSTANCE_TYPES, findInstanceType, type SimInstanceType } from './instance-types.js';
import {
  consoleView, isForgotten, stateOf, terminatedAt, simSeconds,
  type Clock, type InstanceRecord, type InstanceState,
} from './instance-record.js';
import { instanceAddress } from './loopback.js';
import { bool, filters, globMatch, indices, integer, list, required, tags, type Params } from './query.js';
import { SCENARIOS, findScenario, type Scenario } from './scenarios.js';
import type { XmlValue } from './xml.js';

const { utils } = ssh2;

const OWNER_ID = '123456789012';
const VPC_ID = 'vpc-0b0e7000000000001';
const DEFAULT_SUBNET = 'subnet-0b0e7000000000001';
const DEFAULT_SG = 'sg-0b0e7000000000001';
const MAX_PER_CALL = 20;
/** Bounds on what requests can make the simulator keep. */
const MAX_INSTANCES = 10_000;
const MAX_KEY_PAIRS = 5_000;
const MAX_USER_DATA = 16 * 1024;

const STATE_CODES: Record<InstanceState, number> = { pending: 0, running: 16, 'shutting-down': 32, terminated: 48 };

interface KeyPair {
  readonly id: string;
  readonly name: string;
  readonly publicKey: string;
  readonly parsed: ParsedKey;
  readonly fingerprint: string;
  readonly createdAt: Date;
  readonly tags: Record<string, string>;
}

interface TokenEntry { readonly paramsKey: string; readonly instanceIds: readonly string[] }

type Handler = (p: Params) => Record<string, XmlValue>;

/** 0, 1, 2, … */
export function counter(): { next(): number } {
  let n = 0;
  return { next: () => n++ };
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** The EC2 actions, over the simulator's in-memory tables. */
export class Ec2Actions {
  readonly records: InstanceRecord[] = [];
  private readonly keyPairs = new Map<string, KeyPair>();
  private readonly tokens = new Map<string, TokenEntry>();
  private readonly runCalls = new Map<string, number>();
  private readonly handlers: Record<string, Handler>;

  /**
   * `addresses` hands out instance address numbers; regions of one simulator share one
   * counter, so no two instances anywhere get the same loopback address.
   */
  constructor(
    private readonly clock: Clock,
    readonly region: string,
    private readonly addresses: { next(): number } = counter(),
    private readonly faults: { forgetsOnTerminate(): boolean } = { forgetsOnTerminate: () => false },
  ) {
    this.handlers = {
      DescribeImages: (p) => this.describeImages(p),
      DescribeInstanceTypes: (p) => this.describeInstanceTypes(p),
      RunInstances: (p) => this.runInstances(p),
      DescribeInstances: (p) => this.describeInstances(p),
      GetConsoleOutput: (p) => this.getConsoleOutput(p),
      TerminateInstances: (p) => this.terminateInstances(p),
      ImportKeyPair: (p) => this.importKeyPair(p),
      DeleteKeyPair: (p) => this.deleteKeyPair(p),
      DescribeKeyPairs: (p) => this.describeKeyPairs(p),
      CreateTags: (p) => this.createTags(p),
    };
  }

  handle(action: string, params: Params): Record<string, XmlValue> {
    const h = Object.hasOwn(this.handlers, action) ? this.handlers[action] : undefined;
    if (h === undefined) throw new Ec2Error('InvalidAction', `The action ${action || '(none)'} is not valid for this web service.`);
    return h(params);
  }

  // --- images and types -------------------------------------------------------------

  private describeImages(p: Params): Record<string, XmlValue> {
    const ids = list(p, 'ImageId');
    for (const id of ids) {
      if (!/^ami-[0-9a-f]{8}([0-9a-f]{9})?$/.test(id)) throw new Ec2Error('InvalidAMIID.Malformed', `Invalid id: "${id}" (expecting "ami-...")`);
      if (findScenario(id) === undefined) throw new Ec2Error('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`);
    }
    let images = ids.length > 0 ? SCENARIOS.filter((s) => ids.includes(s.amiId)) : [...SCENARIOS];
    for (const f of filters(p)) {
      const field: Record<string, (s: Scenario) => string> = {
        'image-id': (s) => s.amiId, name: (s) => s.image.name, architecture: (s) => s.image.architecture,
        state: () => 'available', 'owner-id': () => OWNER_ID, 'boot-mode': (s) => s.image.bootMode,
      };
      const get = field[f.name];
      if (get === undefined) throw new Ec2Error('InvalidParameterValue', `The filter '${f.name}' is invalid`);
      images = images.filter((s) => f.values.some((v) => globMatch(v, get(s))));
    }
    return { imagesSet: images.map((s) => this.imageXml(s)) };
  }

  private imageXml(s: Scenario): XmlValue {
    return {
      imageId: s.amiId,
      imageLocation: `${OWNER_ID}/${s.image.name}`,
      imageState: 'available',
      imageOwnerId: OWNER_ID,
      creationDate: '2024-10-08T12:00:00.000Z',
      isPublic: false,
      architecture: s.image.architecture,
      imageType: 'machine',
      name: s.image.name,
      description: `${s.image.description} [bootgate sim: ${s.id}]`,
      rootDeviceType: 'ebs',
      rootDeviceName: '/dev/sda1',
      blockDeviceMapping: [{ deviceName: '/dev/sda1', ebs: { snapshotId: `snap-${s.amiId.slice(4)}`, volumeSize: 10, deleteOnTermination: true, volumeType: 'gp3', encrypted: false } }],
      virtualizationType: 'hvm',
      hypervisor: 'xen',
      enaSupport: s.image.enaSupport,
      bootMode: s.image.bootMode,
      platformDetails: 'Linux/UNIX',
      usageOperation: 'RunInstances',
      tagSet: [{ key: 'bootgate:scenario', value: s.id }],
    };
  }

  private describeInstanceTypes(p: Params): Record<string, XmlValue> {
    const names = list(p, 'InstanceType');
    const unknown = names.filter((n) => findInstanceType(n) === undefined);
    if (unknown.length > 0) throw new Ec2Error('InvalidInstanceType', `The following supplied instance types do not exist: [${unknown.join(', ')}]`);
    let types = names.length > 0 ? INSTANCE_TYPES.filter((t) => names.includes(t.name)) : [...INSTANCE_TYPES];
    for (const f of filters(p)) {
      const field: Record<string, (t: SimInstanceType) => string> = {
        'instance-type': (t) => t.name, hypervisor: (t) => t.hypervisor,
        'processor-info.supported-architecture': (t) => t.arch, 'network-info.ena-support': (t) => t.ena,
      };
      const get = field[f.name];
      if (get === undefined) throw new Ec2Error('InvalidParameterValue', `The filter '${f.name}' is invalid`);
      types = types.filter((t) => f.values.some((v) => globMatch(v, get(t))));
    }
    return {
      instanceTypeSet: types.map((t) => ({
        instanceType: t.name,
        currentGeneration: t.currentGeneration,
        freeTierEligible: t.freeTier,
        supportedUsageClasses: ['on-demand', 'spot'],
        supportedRootDeviceTypes: ['ebs'],
        supportedVirtualizationTypes: ['hvm'],
        bareMetal: false,
        hypervisor: t.hypervisor,
        processorInfo: { supportedArchitectures: [t.arch], sustainedClockSpeedInGhz: t.arch === 'arm64' ? 2.5 : 2.4, manufacturer: t.arch === 'arm64' ? 'AWS' : 'Intel' },
        vCpuInfo: { defaultVCpus: t.vcpus },
        memoryInfo: { sizeInMiB: t.memoryMiB },
        instanceStorageSupported: false,
        ebsInfo: { ebsOptimizedSupport: t.hypervisor === 'nitro' ? 'default' : 'supported', encryptionSupport: 'supported', nvmeSupport: t.hypervisor === 'nitro' ? 'required' : 'unsupported' },
        networkInfo: { networkPerformance: t.network, maximumNetworkInterfaces: 3, ipv4AddressesPerInterface: 10, ipv6Supported: true, enaSupport: t.ena, efaSupported: false },
        supportedBootModes: [...t.bootModes],
      })),
    };
  }

  // --- instances ------------------------------------------------------------------

  private runInstances(p: Params): Record<string, XmlValue> {
    const imageId = required(p, 'ImageId');
    const minCount = integer(p, 'MinCount');
    const maxCount = integer(p, 'MaxCount');
    if (minCount < 1 || maxCount < minCount) throw new Ec2Error('InvalidParameterValue', `MinCount (${minCount}) must be at least 1 and not above MaxCount (${maxCount})`);
    if (maxCount > MAX_PER_CALL) throw new Ec2Error('InstanceLimitExceeded', `You have requested more instances (${maxCount}) than your current instance limit of ${MAX_PER_CALL} allows for the specified instance type.`);
    const clientToken = p['ClientToken'] ?? null;
    if (clientToken !== null) {
      const paramsKey = JSON.stringify(Object.entries(p).filter(([k]) => k !== 'ClientToken').sort(([a], [b]) => a.localeCompare(b)));
      const seen = this.tokens.get(clientToken);
      if (seen !== undefined) {
        if (seen.paramsKey !== paramsKey) throw new Ec2Error('IdempotentParameterMismatch', `Client token '${clientToken}' was already used with different parameters.`);
        return this.reservationXml(this.records.filter((r) => seen.instanceIds.includes(r.id)));
      }
    }
    if (!/^ami-[0-9a-f]{8}([0-9a-f]{9})?$/.test(imageId)) throw new Ec2Error('InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
    const scenario = findScenario(imageId);
    if (scenario === undefined) throw new Ec2Error('InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);
    const typeName = p['InstanceType'] ?? 'm1.small';
    const type = findInstanceType(typeName);
    if (type === undefined) throw new Ec2Error('InvalidParameterValue', `Invalid value '${typeName}' for InstanceType.`);
    if (type.arch !== scenario.image.architecture) {
      throw new Ec2Error('InvalidParameterValue', `The architecture '${type.arch}' of the specified instance type does not match the architecture '${scenario.image.architecture}' of the specified AMI. Specify an instance type and an AMI that have matching architectures, and try again.`);
    }
    if (!type.bootModes.includes(scenario.image.bootMode)) {
      throw new Ec2Error('Unsupported', `The instance type '${type.name}' does not support the boot mode '${scenario.image.bootMode}' of AMI '${imageId}'; it supports: ${type.bootModes.join(', ')}.`);
    }
    const keyName = p['KeyName'] ?? null;
    const key = keyName === null ? undefined : this.keyPairs.get(keyName);
    if (keyName !== null && key === undefined) throw new Ec2Error('InvalidKeyPair.NotFound', `The key pair '${keyName}' does not exist`);
    const shutdownBehavior = p['InstanceInitiatedShutdownBehavior'] ?? 'stop';
    if (shutdownBehavior !== 'stop' && shutdownBehavior !== 'terminate') throw new Ec2Error('InvalidParameterValue', `Invalid value '${shutdownBehavior}' for InstanceInitiatedShutdownBehavior`);
    const httpTokens = p['MetadataOptions.HttpTokens'] ?? 'optional';
    if (httpTokens !== 'optional' && httpTokens !== 'required') throw new Ec2Error('InvalidParameterValue', `Invalid value '${httpTokens}' for MetadataOptions.HttpTokens`);
    const userData = p['UserData'] ?? null;
    if (userData !== null) {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(userData) || userData.length % 4 !== 0) throw new Ec2Error('InvalidParameterValue', 'Invalid BASE64 encoding of user data.');
      if (userData.length > MAX_USER_DATA) throw new Ec2Error('InvalidParameterValue', `User data is limited to ${MAX_USER_DATA} bytes.`);
    }
    const subnetId = p['SubnetId'] ?? DEFAULT_SUBNET;
    if (!/^subnet-[0-9a-f]{8,17}$/.test(subnetId)) throw new Ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`);
    const groups = list(p, 'SecurityGroupId');
    const badGroup = groups.find((g) => !/^sg-[0-9a-f]{8,17}$/.test(g));
    if (badGroup !== undefined) throw new Ec2Error('InvalidGroup.NotFound', `The security group '${badGroup}' does not exist`);
    const instanceTags: Record<string, string> = {};
    const volumeTags: Record<string, string> = {};
    for (const i of indices(p, 'TagSpecification')) {
      const rt = p[`TagSpecification.${i}.ResourceType`];
      const t = tags(p, `TagSpecification.${i}.Tag`);
      if (rt === 'instance') Object.assign(instanceTags, t);
      else if (rt === 'volume') Object.assign(volumeTags, t);
      else if (rt !== 'network-interface') throw new Ec2Error('InvalidParameterValue', `'${rt ?? ''}' is not a valid taggable resource type for this operation.`);
    }

    // Faults come after validation: AWS throttles and runs out of capacity for valid requests too.
    const calls = (this.runCalls.get(imageId) ?? 0) + 1;
    this.runCalls.set(imageId, calls);
    for (const f of scenario.faults) {
      if (f.kind === 'throttle' && calls <= f.calls) throw new Ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503);
      if (f.kind === 'internal-error' && calls <= f.calls) throw new Ec2Error('InternalError', 'An internal error has occurred', 500);
      if (f.kind === 'capacity') {
        throw new Ec2Error('InsufficientInstanceCapacity', `We currently do not have sufficient ${type.name} capacity in the Availability Zone you requested (${this.region}a). Our system will be working on provisioning additional capacity. You can currently get ${type.name} capacity by not specifying an Availability Zone in your request or choosing ${this.region}b, ${this.region}c.`);
      }
    }
    if (this.records.length + maxCount > MAX_INSTANCES) throw new Ec2Error('InstanceLimitExceeded', `The simulator holds at most ${MAX_INSTANCES} instances; start a new one.`);

    const reservationId = `r-${hex(9).slice(0, 17)}`;
    const launchedAt = this.clock.now();
    const created: InstanceRecord[] = [];
    for (let i = 0; i < maxCount; i++) {
      created.push(this.createInstance({ scenario, type, reservationId, launchIndex: i, launchedAt, key, keyName, instanceTags, volumeTags, clientToken, subnetId, groups, shutdownBehavior, httpTokens, userData }));
    }
    this.records.push(...created);
    if (clientToken !== null) {
      const paramsKey = JSON.stringify(Object.entries(p).filter(([k]) => k !== 'ClientToken').sort(([a], [b]) => a.localeCompare(b)));
      this.tokens.set(clientToken, { paramsKey, instanceIds: created.map((r) => r.id) });
    }
    return this.reservationXml(created);
  }

  private createInstance(o: {
    scenario: Scenario; type: SimInstanceType; reservationId: string; launchIndex: number; launchedAt: number;
    key: KeyPair | undefined; keyName: string | null; instanceTags: Record<string, string>; volumeTags: Record<string, string>;
    clientToken: string | null; subnetId: string; groups: string[]; shutdownBehavior: string; httpTokens: string; userData: string | null;
  }): InstanceRecord {
    const n = this.addresses.next();
    const privateIp = instanceAddress(n);
    // The guest believes it lives in the default VPC; its hostname follows that address.
    const vpcIp = `172.31.${Math.floor((n + 2) / 250) % 256}.${((n + 2) % 250) + 4}`;
    const hostname = this.region === 'us-east-1' ? `ip-${vpcIp.replaceAll('.', '-')}.ec2.internal` : `ip-${vpcIp.replaceAll('.', '-')}.${this.region}.compute.internal`;
    const presented = ed25519KeyPair();
    const presentedFp = fingerprintOf(presented.public);
    const bannerFp = o.scenario.boot.bannerKey === 'presented' ? presentedFp : fingerprintOf(ed25519KeyPair().public);
    const mac = `0a:${hex(5).match(/../g)?.join(':') ?? '00:00:00:00:00'}`;
    const script = renderBoot(o.scenario.boot, {
      hypervisor: o.type.hypervisor, instanceType: o.type.name, vpcIp, mac, hostname,
      bannerFingerprint: bannerFp, launchedAtMs: o.launchedAt, duid: hex(8),
    });
    return {
      id: `i-${hex(9).slice(0, 17)}`,
      reservationId: o.reservationId,
      launchIndex: o.launchIndex,
      scenario: o.scenario,
      type: o.type,
      launchedAt: o.launchedAt,
      terminateRequestedAt: null,
      endReason: null,
      forgetAt: null,
      privateIp,
      // 203.0.113.0/24 is TEST-NET-3 (RFC 5737): documentation only, never routed.
      publicIp: o.scenario.publicIp === 'fake' ? `203.0.113.${(n % 254) + 1}` : privateIp,
      vpcIp,
      hostname,
      keyName: o.keyName,
      authorizedKey: o.key?.parsed ?? null,
      tags: { ...o.instanceTags },
      volumeTags: { ...o.volumeTags },
      volumeId: `vol-${hex(9).slice(0, 17)}`,
      clientToken: o.clientToken,
      subnetId: o.subnetId,
      securityGroupIds: o.groups.length > 0 ? o.groups : [DEFAULT_SG],
      shutdownBehavior: o.shutdownBehavior === 'terminate' ? 'terminate' : 'stop',
      httpTokens: o.httpTokens === 'required' ? 'required' : 'optional',
      userData: o.userData,
      hostKey: presented.private,
      hostKeyFingerprint: presentedFp,
      script,
    };
  }

  /** Known to the API now: not forgotten, and past the scenario's eventual-consistency window. */
  private visible(rec: InstanceRecord): boolean {
    if (isForgotten(rec, this.clock)) return false;
    for (const f of rec.scenario.faults) {
      if (f.kind === 'not-found-after-launch' && simSeconds(rec, this.clock) < f.simSeconds) return false;
    }
    return true;
  }

  private lookup(ids: readonly string[], opts: { eventual: boolean }): InstanceRecord[] {
    const out: InstanceRecord[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      if (!/^i-[0-9a-f]{8}([0-9a-f]{9})?$/.test(id)) throw new Ec2Error('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
      const rec = this.records.find((r) => r.id === id);
      if (rec === undefined || isForgotten(rec, this.clock) || (opts.eventual && !this.visible(rec))) missing.push(id);
      else out.push(rec);
    }
    if (missing.length === 1) throw new Ec2Error('InvalidInstanceID.NotFound', `The instance ID '${missing[0]}' does not exist`);
    if (missing.length > 1) throw new Ec2Error('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
    return out;
  }

  private describeInstances(p: Params): Record<string, XmlValue> {
    const ids = list(p, 'InstanceId');
    let recs = ids.length > 0 ? this.lookup(ids, { eventual: true }) : this.records.filter((r) => this.visible(r));
    for (const f of filters(p)) {
      let get: (r: InstanceRecord) => string[];
      if (f.name.startsWith('tag:')) {
        const key = f.name.slice(4);
        get = (r) => (Object.hasOwn(r.tags, key) ? [r.tags[key] ?? ''] : []);
      } else {
        const fields: Record<string, (r: InstanceRecord) => string[]> = {
          'tag-key': (r) => Object.keys(r.tags),
          'instance-state-name': (r) => [stateOf(r, this.clock)],
          'instance-id': (r) => [r.id],
          'image-id': (r) => [r.scenario.amiId],
          'instance-type': (r) => [r.type.name],
          'key-name': (r) => (r.keyName === null ? [] : [r.keyName]),
          'client-token': (r) => (r.clientToken === null ? [] : [r.clientToken]),
        };
        const field = fields[f.name];
        if (field === undefined) throw new Ec2Error('InvalidParameterValue', `The filter '${f.name}' is invalid`);
        get = field;
      }
      recs = recs.filter((r) => get(r).some((v) => f.values.some((pat) => globMatch(pat, v))));
    }
    const byReservation = new Map<string, InstanceRecord[]>();
    for (const r of recs) byReservation.set(r.reservationId, [...(byReservation.get(r.reservationId) ?? []), r]);
    return { reservationSet: [...byReservation.values()].map((rs) => this.reservationBody(rs)) };
  }

  private reservationBody(recs: readonly InstanceRecord[]): { [name: string]: XmlValue } {
    return {
      reservationId: recs[0]?.reservationId ?? '',
      ownerId: OWNER_ID,
      groupSet: [],
      instancesSet: recs.map((r) => this.instanceXml(r)),
    };
  }

  private reservationXml(recs: readonly InstanceRecord[]): Record<string, XmlValue> {
    return this.reservationBody(recs);
  }

  private instanceXml(r: InstanceRecord): XmlValue {
    const state = stateOf(r, this.clock);
    const live = state === 'pending' || state === 'running';
    const end = terminatedAt(r, this.clock);
    return {
      instanceId: r.id,
      imageId: r.scenario.amiId,
      instanceState: { code: STATE_CODES[state], name: state },
      privateDnsName: state === 'terminated' ? '' : r.hostname,
      dnsName: '',
      reason: r.terminateRequestedAt === null ? '' : r.endReason ? r.endReason.message : `User initiated (${new Date(r.terminateRequestedAt).toISOString()})`,
      keyName: r.keyName,
      amiLaunchIndex: r.launchIndex,
      productCodes: [],
      instanceType: r.type.name,
      launchTime: new Date(r.launchedAt),
      placement: { availabilityZone: `${this.region}a`, groupName: '', tenancy: 'default' },
      monitoring: { state: 'disabled' },
      subnetId: live ? r.subnetId : null,
      vpcId: live ? VPC_ID : null,
      privateIpAddress: state === 'terminated' ? null : r.privateIp,
      ipAddress: live ? r.publicIp : null,
      sourceDestCheck: true,
      groupSet: r.securityGroupIds.map((g) => ({ groupId: g, groupName: g === DEFAULT_SG ? 'default' : g })),
      stateReason: end === null ? null : (r.endReason ?? { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' }),
      architecture: r.type.arch,
      rootDeviceType: 'ebs',
      rootDeviceName: '/dev/sda1',
      blockDeviceMapping: state === 'terminated' ? [] : [{ deviceName: '/dev/sda1', ebs: { volumeId: r.volumeId, status: 'attached', attachTime: new Date(r.launchedAt), deleteOnTermination: true } }],
      virtualizationType: 'hvm',
      clientToken: r.clientToken,
      tagSet: Object.entries(r.tags).map(([key, value]) => ({ key, value })),
      // DescribeInstances says "xen" for Nitro instances too; DescribeInstanceTypes tells them apart.
      hypervisor: 'xen',
      enaSupport: r.scenario.image.enaSupport,
      metadataOptions: { state: 'applied', httpTokens: r.httpTokens, httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' },
      bootMode: r.scenario.image.bootMode,
      currentInstanceBootMode: r.scenario.image.bootMode,
      platformDetails: 'Linux/UNIX',
    };
  }

  private getConsoleOutput(p: Params): Record<string, XmlValue> {
    const id = required(p, 'InstanceId');
    const latest = bool(p, 'Latest');
    const [rec] = this.lookup([id], { eventual: true });
    if (rec === undefined) throw new Ec2Error('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
    if (latest && rec.type.hypervisor !== 'nitro') {
      throw new Ec2Error('UnsupportedOperation', `Retrieving the latest console output is supported only on Nitro-based instances; ${rec.type.name} is not one.`);
    }
    const view = consoleView(rec, this.clock, latest);
    return {
      instanceId: rec.id,
      timestamp: new Date(view.updatedAt ?? this.clock.now()),
      output: view.text === '' ? null : Buffer.from(view.text, 'utf8').toString('base64'),
    };
  }

  private terminateInstances(p: Params): Record<string, XmlValue> {
    const ids = list(p, 'InstanceId');
    if (ids.length === 0) throw new Ec2Error('MissingParameter', 'The request must contain the parameter InstanceId');
    const recs = this.lookup(ids, { eventual: false });
    const now = this.clock.now();
    return {
      instancesSet: recs.map((r) => {
        const previous = stateOf(r, this.clock, now);
        if (r.terminateRequestedAt === null) r.terminateRequestedAt = now;
        if (this.faults.forgetsOnTerminate() && r.forgetAt === null) r.forgetAt = now;
        const current = stateOf(r, this.clock, now);
        return { instanceId: r.id, currentState: { code: STATE_CODES[current], name: current }, previousState: { code: STATE_CODES[previous], name: previous } };
      }),
    };
  }

  private createTags(p: Params): Record<string, XmlValue> {
    const resources = list(p, 'ResourceId');
    if (resources.length === 0) throw new Ec2Error('MissingParameter', 'The request must contain the parameter ResourceId');
    const t = tags(p, 'Tag');
    const instanceIds = resources.filter((r) => r.startsWith('i-'));
    const recs = this.lookup(instanceIds, { eventual: true });
    for (const r of recs) Object.assign(r.tags, t);
    for (const v of resources.filter((id) => id.startsWith('vol-'))) {
      const owner = this.records.find((r) => r.volumeId === v);
      if (owner === undefined) throw new Ec2Error('InvalidVolume.NotFound', `The volume '${v}' does not exist.`);
      Object.assign(owner.volumeTags, t);
    }
    const other = resources.find((r) => !r.startsWith('i-') && !r.startsWith('vol-'));
    if (other !== undefined) throw new Ec2Error('InvalidID', `The ID '${other}' is not valid`);
    return { return: true };
  }

  // --- key pairs --------------------------------------------------------------------

  private importKeyPair(p: Params): Record<string, XmlValue> {
    const name = required(p, 'KeyName');
    const material = required(p, 'PublicKeyMaterial');
    if (this.keyPairs.has(name)) throw new Ec2Error('InvalidKeyPair.Duplicate', `The keypair '${name}' already exists.`);
    if (this.keyPairs.size >= MAX_KEY_PAIRS) throw new Ec2Error('KeyPairLimitExceeded', `Maximum of ${MAX_KEY_PAIRS} keypairs reached.`);
    // The SDK sends the blob base64-encoded, as the Query API wants it.
    const text = Buffer.from(material, 'base64').toString('utf8').trim();
    const parsed = utils.parseKey(text);
    if (parsed instanceof Error || Array.isArray(parsed) || parsed.isPrivateKey()) throw new Ec2Error('InvalidKey.Format', 'Key is not in valid OpenSSH public key format');
    const blob = parsed.getPublicSSH();
    const fingerprint = parsed.type === 'ssh-ed25519'
      ? createHash('sha256').update(blob).digest('base64')
      : createHash('md5').update(blob).digest('hex').match(/../g)?.join(':') ?? '';
    const kp: KeyPair = { id: `key-${hex(9).slice(0, 17)}`, name, publicKey: text, parsed, fingerprint, createdAt: new Date(this.clock.now()), tags: {} };
    for (const i of indices(p, 'TagSpecification')) Object.assign(kp.tags, tags(p, `TagSpecification.${i}.Tag`));
    this.keyPairs.set(name, kp);
    return { keyFingerprint: kp.fingerprint, keyName: kp.name, keyPairId: kp.id, tagSet: Object.entries(kp.tags).map(([key, value]) => ({ key, value })) };
  }

  private deleteKeyPair(p: Params): Record<string, XmlValue> {
    const name = p['KeyName'];
    const id = p['KeyPairId'];
    if (name === undefined && id === undefined) throw new Ec2Error('MissingParameter', 'The request must contain the parameter KeyName or KeyPairId');
    const kp = [...this.keyPairs.values()].find((k) => k.name === name || k.id === id);
    // AWS answers true for a key pair that does not exist.
    if (kp !== undefined) this.keyPairs.delete(kp.name);
    return { return: true, keyPairId: kp?.id ?? null };
  }

  private describeKeyPairs(p: Params): Record<string, XmlValue> {
    const names = list(p, 'KeyName');
    const ids = list(p, 'KeyPairId');
    const all = [...this.keyPairs.values()];
    for (const n of names) if (!all.some((k) => k.name === n)) throw new Ec2Error('InvalidKeyPair.NotFound', `The key pair '${n}' does not exist`);
    for (const n of ids) if (!all.some((k) => k.id === n)) throw new Ec2Error('InvalidKeyPair.NotFound', `The key pair '${n}' does not exist`);
    let keys = all.filter((k) => (names.length === 0 && ids.length === 0) || names.includes(k.name) || ids.includes(k.id));
    for (const f of filters(p)) {
      const fields: Record<string, (k: KeyPair) => string[]> = { 'key-name': (k) => [k.name], 'key-pair-id': (k) => [k.id], 'tag-key': (k) => Object.keys(k.tags) };
      const get = f.name.startsWith('tag:') ? (k: KeyPair) => { const key = f.name.slice(4); return Object.hasOwn(k.tags, key) ? [k.tags[key] ?? ''] : []; } : fields[f.name];
      if (get === undefined) throw new Ec2Error('InvalidParameterValue', `The filter '${f.name}' is invalid`);
      keys = keys.filter((k) => get(k).some((v) => f.values.some((pat) => globMatch(pat, v))));
    }
    const includePublic = bool(p, 'IncludePublicKey');
    return {
      keySet: keys.map((k) => ({
        keyPairId: k.id, keyFingerprint: k.fingerprint, keyName: k.name, keyType: k.parsed.type === 'ssh-ed25519' ? 'ed25519' : 'rsa',
        tagSet: Object.entries(k.tags).map(([key, value]) => ({ key, value })), createTime: k.createdAt, publicKey: includePublic ? k.publicKey : null,
      })),
    };
  }
}

function fingerprintOf(publicKey: string): string {
  const parsed = utils.parseKey(publicKey);
  if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('generated host key does not parse');
  return sshFingerprint(parsed.getPublicSSH());
}
