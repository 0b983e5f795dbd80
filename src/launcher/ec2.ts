import {
  EC2Client,
  DeleteKeyPairCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeKeyPairsCommand,
  GetConsoleOutputCommand,
  ImportKeyPairCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { ConfigError } from '../errors.js';
import { classifyAwsError } from './aws-errors.js';
import { isLoopbackEndpoint } from './loopback.js';

export interface ImageFacts {
  readonly id: string;
  readonly name: string | null;
  readonly architecture: string | null;
  /** "legacy-bios", "uefi", "uefi-preferred", or null when the image does not say. */
  readonly bootMode: string | null;
  readonly enaSupport: boolean;
  readonly sriovNetSupport: string | null;
  /** DescribeImages's free text ("OpenBSD 7.6 amd64 …"), null when absent. */
  readonly description?: string | null;
}

export interface InstanceTypeFacts {
  readonly type: string;
  /** "xen" or "nitro" (null when AWS does not say, e.g. bare metal). */
  readonly hypervisor: string | null;
  readonly enaSupport: string | null;
  readonly architectures: readonly string[];
  readonly bootModes: readonly string[];
}

export interface InstanceFacts {
  readonly id: string;
  readonly state: string;
  readonly privateIp: string | null;
  readonly publicIp: string | null;
  readonly launchTime: Date | null;
  /** Security groups of its network interface (absent when the API did not say). */
  readonly securityGroupIds?: readonly string[];
  /** Why it left `running` or never got there, as EC2's StateReason says (`Server.InternalError: Internal error on launch`). */
  readonly stateReason?: { readonly code: string; readonly message: string } | null;
}

export interface ConsoleFacts {
  /** Decoded bytes; null while nothing has been posted. */
  readonly bytes: Uint8Array | null;
  readonly timestamp: Date | null;
}

export interface RunInstanceRequest {
  readonly amiId: string;
  readonly instanceType: string;
  readonly clientToken: string;
  readonly keyName: string | null;
  readonly subnetId: string | null;
  readonly securityGroupIds: readonly string[];
  readonly imdsTokens: 'required' | 'optional';
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The EC2 calls the launcher makes, and nothing else. An interface so the retry and
 * teardown logic can be unit tested with fakes; the real one is the SDK client.
 * Every method throws the SDK's own errors (matched by `name` upstream).
 */
export interface Ec2Api {
  describeImage(amiId: string, signal?: AbortSignal): Promise<ImageFacts | null>;
  describeInstanceType(type: string, signal?: AbortSignal): Promise<InstanceTypeFacts | null>;
  runInstance(req: RunInstanceRequest, signal?: AbortSignal): Promise<string>;
  describeInstance(id: string, signal?: AbortSignal): Promise<InstanceFacts | null>;
  getConsoleOutput(id: string, latest: boolean, signal?: AbortSignal): Promise<ConsoleFacts>;
  /** The instance's state as TerminateInstances answered it (`shutting-down`, `terminated`), when the answer has it. */
  terminateInstance(id: string, signal?: AbortSignal): Promise<string | null | void>;
  importKeyPair(name: string, publicKey: string, tags: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<void>;
  deleteKeyPair(name: string, signal?: AbortSignal): Promise<void>;
  /** Instances carrying tag `key`, any state but terminated. */
  findTaggedInstances(tagKey: string, signal?: AbortSignal): Promise<(InstanceFacts & { tags: Record<string, string> })[]>;
  /** Instances launched with this ClientToken (DescribeInstances filter client-token): what a cut-off RunInstances started. */
  findByClientToken?(clientToken: string, signal?: AbortSignal): Promise<InstanceFacts[]>;
  /** Key pairs carrying tag `key`, with their tags and creation time. */
  findTaggedKeyPairs?(tagKey: string, signal?: AbortSignal): Promise<KeyPairFacts[]>;
}

export interface KeyPairFacts {
  readonly name: string;
  readonly createdAt: Date | null;
  readonly tags: Readonly<Record<string, string>>;
}

export interface Ec2ClientOptions {
  readonly region?: string;
  readonly profile?: string;
  readonly endpoint?: string;
  /** Static credentials (the demo's fake ones); otherwise the SDK's default chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** `--region`, `--profile`, `--endpoint-url` as `launch` and `sweep` take them (the AWS CLI's names). */
export function clientOptionsFromFlags(flags: { readonly region?: string; readonly profile?: string; readonly endpointUrl?: string }): Ec2ClientOptions {
  return {
    ...(flags.region ? { region: flags.region } : {}),
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.endpointUrl ? { endpoint: flags.endpointUrl } : {}),
  };
}

const toTags = (tags: Readonly<Record<string, string>>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/**
 * Builds the SDK client and resolves region and credentials up front, so a missing
 * one is a single clear line before anything is launched.
 */
export async function createEc2(opts: Ec2ClientOptions): Promise<{ api: Ec2Api; region: string; client: EC2Client }> {
  // bootgate supports Node 20 on purpose; the SDK's multi-line Node-version notice would break
  // the one-line error contract. Its own switch; set it to "false" to see the notice.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  // Against a loopback endpoint (the simulator) nothing may leave 127.0.0.0/8: without
  // credentials the SDK's default chain would otherwise ask the instance metadata
  // service at 169.254.169.254.
  if (isLoopbackEndpoint(opts.endpoint)) process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
  const client = new EC2Client({
    ...(opts.region ? { region: opts.region } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
  });
  let region: string;
  try {
    region = await client.config.region();
  } catch {
    client.destroy();
    throw new ConfigError('no AWS region: pass --region or set AWS_REGION (or a region in your profile)');
  }
  if (!region) {
    client.destroy();
    throw new ConfigError('no AWS region: pass --region or set AWS_REGION (or a region in your profile)');
  }
  try {
    await client.config.credentials();
  } catch (err) {
    client.destroy();
    const kind = classifyAwsError(err);
    const why = kind === 'credentials' ? '' : ` (${(err as Error)?.name ?? 'error'})`;
    throw new ConfigError(
      `no AWS credentials found${why}: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or --profile`,
    );
  }
  return { api: sdkEc2(client), region, client };
}

/**
 * The entry for `id` in an answer that asked for `id` alone. An endpoint that ignores the id list
 * (some EC2 emulators do) lists everything; the first entry could be someone else's instance, whose
 * state would then be taken for ours. An answer whose one entry carries no id is taken as the one.
 */
function theOne<T>(entries: readonly T[] | undefined, idOf: (e: T) => string | undefined, id: string): T | undefined {
  const list = entries ?? [];
  return list.find((e) => idOf(e) === id) ?? (list.length === 1 && idOf(list[0]!) === undefined ? list[0] : undefined);
}

/**
 * GetConsoleOutput's `Output` is base64 (the JS SDK v3 leaves it encoded; the AWS CLI decodes it).
 * An endpoint that answers the text itself (some emulators do) is taken as it is: a console has
 * spaces and punctuation, which base64 never holds.
 */
export function consoleBytes(output: string): Uint8Array {
  const base64 = /^[A-Za-z0-9+/=\r\n]*$/.test(output);
  return new Uint8Array(Buffer.from(output, base64 ? 'base64' : 'utf8'));
}

export function sdkEc2(client: EC2Client): Ec2Api {
  const instanceFacts = (i: {
    InstanceId?: string;
    State?: { Name?: string };
    PrivateIpAddress?: string;
    PublicIpAddress?: string;
    LaunchTime?: Date;
    SecurityGroups?: { GroupId?: string }[];
    StateReason?: { Code?: string; Message?: string };
  }): InstanceFacts => ({
    id: i.InstanceId ?? '',
    state: i.State?.Name ?? 'unknown',
    privateIp: i.PrivateIpAddress ?? null,
    publicIp: i.PublicIpAddress ?? null,
    launchTime: i.LaunchTime ?? null,
    securityGroupIds: (i.SecurityGroups ?? []).map((g) => g.GroupId ?? '').filter(Boolean),
    stateReason: i.StateReason?.Code ? { code: i.StateReason.Code, message: i.StateReason.Message ?? i.StateReason.Code } : null,
  });
  return {
    async describeImage(amiId, signal) {
      const out = await client.send(new DescribeImagesCommand({ ImageIds: [amiId] }), { abortSignal: signal });
      const img = theOne(out.Images, (i) => i.ImageId, amiId);
      if (!img) return null;
      return {
        id: img.ImageId ?? amiId,
        name: img.Name ?? null,
        architecture: img.Architecture ?? null,
        bootMode: img.BootMode ?? null,
        enaSupport: img.EnaSupport === true,
        sriovNetSupport: img.SriovNetSupport ?? null,
        description: img.Description ?? null,
      };
    },
    async describeInstanceType(type, signal) {
      const out = await client.send(new DescribeInstanceTypesCommand({ InstanceTypes: [type as never] }), { abortSignal: signal });
      const t = theOne(out.InstanceTypes, (i) => i.InstanceType, type);
      if (!t) return null;
      return {
        type: t.InstanceType ?? type,
        hypervisor: t.Hypervisor ?? null,
        enaSupport: t.NetworkInfo?.EnaSupport ?? null,
        architectures: t.ProcessorInfo?.SupportedArchitectures ?? [],
        bootModes: t.SupportedBootModes ?? [],
      };
    },
    async runInstance(req, signal) {
      const input: RunInstancesCommandInput = {
        ImageId: req.amiId,
        InstanceType: req.instanceType as never,
        MinCount: 1,
        MaxCount: 1,
        ClientToken: req.clientToken,
        InstanceInitiatedShutdownBehavior: 'terminate',
        MetadataOptions: { HttpTokens: req.imdsTokens, HttpEndpoint: 'enabled' },
        TagSpecifications: [
          { ResourceType: 'instance', Tags: toTags(req.tags) },
          { ResourceType: 'volume', Tags: toTags(req.tags) },
        ],
        ...(req.keyName ? { KeyName: req.keyName } : {}),
        ...(req.subnetId ? { SubnetId: req.subnetId } : {}),
        ...(req.securityGroupIds.length > 0 ? { SecurityGroupIds: [...req.securityGroupIds] } : {}),
      };
      const out = await client.send(new RunInstancesCommand(input), { abortSignal: signal });
      const id = out.Instances?.[0]?.InstanceId;
      if (!id) throw Object.assign(new Error('RunInstances returned no instance id'), { name: 'MissingInstanceId' });
      return id;
    },
    async describeInstance(id, signal) {
      const out = await client.send(new DescribeInstancesCommand({ InstanceIds: [id] }), { abortSignal: signal });
      const i = theOne(out.Reservations?.flatMap((r) => r.Instances ?? []), (x) => x.InstanceId, id);
      return i ? instanceFacts(i) : null;
    },
    async getConsoleOutput(id, latest, signal) {
      const out = await client.send(new GetConsoleOutputCommand({ InstanceId: id, ...(latest ? { Latest: true } : {}) }), { abortSignal: signal });
      // Absent means nothing posted yet.
      return {
        bytes: out.Output ? consoleBytes(out.Output) : null,
        timestamp: out.Timestamp ?? null,
      };
    },
    async terminateInstance(id, signal) {
      const out = await client.send(new TerminateInstancesCommand({ InstanceIds: [id] }), { abortSignal: signal });
      return theOne(out.TerminatingInstances, (t) => t.InstanceId, id)?.CurrentState?.Name ?? null;
    },
    async importKeyPair(name, publicKey, tags, signal) {
      await client.send(
        new ImportKeyPairCommand({
          KeyName: name,
          PublicKeyMaterial: new TextEncoder().encode(publicKey),
          TagSpecifications: [{ ResourceType: 'key-pair', Tags: toTags(tags) }],
        }),
        { abortSignal: signal },
      );
    },
    async deleteKeyPair(name, signal) {
      await client.send(new DeleteKeyPairCommand({ KeyName: name }), { abortSignal: signal });
    },
    // What these finders return is terminated or deleted: each answer is checked here too, so an
    // endpoint that ignores a filter (some EC2 emulators do) never hands over someone else's instance.
    async findByClientToken(clientToken, signal) {
      const out = await client.send(new DescribeInstancesCommand({ Filters: [{ Name: 'client-token', Values: [clientToken] }] }), { abortSignal: signal });
      return (out.Reservations ?? []).flatMap((r) => (r.Instances ?? []).filter((i) => i.ClientToken === clientToken).map(instanceFacts));
    },
    async findTaggedKeyPairs(tagKey, signal) {
      const out = await client.send(new DescribeKeyPairsCommand({ Filters: [{ Name: 'tag-key', Values: [tagKey] }] }), { abortSignal: signal });
      return (out.KeyPairs ?? []).filter((k) => (k.Tags ?? []).some((t) => t.Key === tagKey)).map((k) => ({
        name: k.KeyName ?? '',
        createdAt: k.CreateTime ?? null,
        tags: Object.fromEntries((k.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
      }));
    },
    async findTaggedInstances(tagKey, signal) {
      const found: (InstanceFacts & { tags: Record<string, string> })[] = [];
      const states = ['pending', 'running', 'stopping', 'stopped', 'shutting-down'];
      let token: string | undefined;
      const seenTokens = new Set<string>();
      do {
        const out = await client.send(
          new DescribeInstancesCommand({
            Filters: [
              { Name: 'tag-key', Values: [tagKey] },
              { Name: 'instance-state-name', Values: states },
            ],
            ...(token ? { NextToken: token } : {}),
          }),
          { abortSignal: signal },
        );
        for (const r of out.Reservations ?? []) {
          for (const i of r.Instances ?? []) {
            const tags = Object.fromEntries((i.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
            if (!Object.hasOwn(tags, tagKey) || !states.includes(i.State?.Name ?? '')) continue;
            found.push({ ...instanceFacts(i), tags });
          }
        }
        // An endpoint that hands back a token it already gave would page forever.
        if (out.NextToken !== undefined && seenTokens.has(out.NextToken)) {
          throw Object.assign(new Error(`DescribeInstances gave NextToken "${out.NextToken}" a second time; stopped paging`), { name: 'RepeatedNextToken' });
        }
        token = out.NextToken;
        if (token) seenTokens.add(token);
      } while (token);
      return found;
    },
  };
}
