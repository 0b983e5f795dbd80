import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BootModel } from '../model/boot-model.js';
import type { Analyse } from './analyse.js';
import { classifyAwsError, isActionNotImplemented, isKeyMaterialRefused, toLaunchError } from './aws-errors.js';
import type { Clock } from './clock.js';
import { createDeadline } from './deadline.js';
import type { Ec2Api, ImageFacts } from './ec2.js';
import { generateEphemeralKey, type EphemeralKey } from './ephemeral-key.js';
import { DeadlineError, InterruptedError, LaunchError, PreflightError } from './errors.js';
import { instanceHandle, type InstanceHandle } from './instance-handle.js';
import { withBound } from './bounded-signal.js';
import { DEFAULT_TEARDOWN_CALL_MS, terminateAndConfirm } from './teardown.js';
import { preflight, releaseOfImage, type Preflight } from './preflight.js';
import { Timeline } from './timeline.js';
import type { LaunchReport } from '../verdict/launch-report.js';
import type { Progress, ProgressEvent } from './progress.js';
import { watch, type WatchResult } from './watch.js';
import type { Connect } from './wait/tcp-port.js';

export interface LaunchOptions {
  readonly amiId: string;
  readonly instanceType: string;
  readonly region: string;
  /** Shared by every instance of one invocation; tags and ClientTokens derive from it. */
  readonly runId: string;
  readonly subnetId: string | null;
  readonly securityGroupIds: readonly string[];
  /** Existing key pair; null = generate an ephemeral one (when SSH is on). */
  readonly keyName: string | null;
  /** Private key for --key-name, to log in and fetch dmesg. */
  readonly privateKey: string | null;
  readonly ssh: boolean;
  readonly sshUser: string;
  readonly sshAddress: 'public' | 'private';
  readonly sshPort: number;
  readonly imdsTokens: 'required' | 'optional';
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  readonly keepOnFailure: boolean;
  readonly strictPreflight: boolean;
  readonly tags: Readonly<Record<string, string>>;
  /** --endpoint-url is loopback: every address must be 127.0.0.0/8. */
  readonly loopbackOnly: boolean;
  /** How long teardown keeps confirming termination. */
  readonly teardownTimeoutMs?: number;
  /** How long a refused or silent SSH port is given once the console shows sshd started (default 60 s). */
  readonly sshGraceMs?: number;
  /** Where --keep-on-failure saves the ephemeral private key (mode 0600); default a new private temporary directory. */
  readonly keyDir?: string;
}

/** --teardown-timeout default: EC2 takes a minute or two to report `terminated`. */
export const DEFAULT_TEARDOWN_TIMEOUT_MS = 300_000;

/** --ssh-grace default: sshd answers within seconds of its rc(8) line; a minute covers a slow first boot. */
export const DEFAULT_SSH_GRACE_MS = 60_000;

export type { ProgressEvent, ProgressKind } from './progress.js';

export interface LaunchDeps {
  readonly ec2: Ec2Api;
  readonly clock: Clock;
  readonly analyse: Analyse;
  /** Ctrl-C / SIGTERM: aborting it ends the watch (then teardown still runs). */
  readonly signal?: AbortSignal;
  /** A second Ctrl-C: abandons teardown. */
  readonly teardownSignal?: AbortSignal;
  readonly onProgress?: (e: ProgressEvent) => void;
  /** How the TCP probe opens a socket (tests inject one that never touches the network). */
  readonly connect?: Connect;
  /**
   * Asked after pre-flight, before anything is launched, with the image and the OpenBSD release
   * its name or description gives: a message refuses the image (e.g. `--baseline latest` with no
   * baseline of its architecture and release), null lets it launch.
   */
  readonly imageCheck?: (image: ImageFacts, release: string | null) => string | null;
}

export function newRunId(): string {
  return randomUUID().slice(0, 8);
}

/**
 * One token per launch, reused on every one of our own RunInstances retries, so a retry can
 * never start a second instance. Unique per launch: two launches of one run (a demo, a bench)
 * with the same image and type must not collide (IdempotentParameterMismatch).
 */
/** Tag on every instance a launch starts: its ClientToken (teardown finds twins by it). */
export const TOKEN_TAG = 'bootgate:client-token';

export function newClientToken(runId: string): string {
  return `bootgate-${runId}-${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}


/** One launch's report, and the model its console was judged from (null when none was posted). */
export interface LaunchResult {
  readonly report: LaunchReport;
  readonly model: BootModel | null;
}

/**
 * How the stages before teardown ended: watched to a verdict, or cut short before there was
 * anything to watch (no capacity; a signal or the deadline during pre-flight or while
 * RunInstances was in flight, when the instance it may have started is recovered by its ClientToken).
 */
type StagesResult =
  | { readonly kind: 'watched'; readonly watched: WatchResult }
  | { readonly kind: 'cut-short'; readonly reason: string; readonly cause: 'infrastructure' | null; readonly preflightPlatform: Preflight['platform'] | undefined };

/** Thrown inside the stages when the run's signal fired during an AWS call: the run ends inconclusive, not as an AWS error. */
class CutShort extends Error {
  constructor(readonly during: string) {
    super(`cut short during ${during}`);
  }
}

/** Bound of each call made to recover what a cut-off RunInstances started, and how often it is tried (eventual consistency). */
const RECOVER_CALL_MS = 10_000;
const RECOVER_TRIES = 3;
const RECOVER_PAUSE_MS = 2000;

/**
 * Launches one instance, watches its console until the evidence decides (or the
 * deadline), checks SSH, and always tears down. Returns the report; throws only
 * for errors that leave nothing to report (pre-flight refusal, terminal AWS errors
 * before launch) — after teardown.
 */
export async function runLaunch(opts: LaunchOptions, deps: LaunchDeps): Promise<LaunchReport> {
  return (await launchInstance(opts, deps)).report;
}

/** runLaunch, also handing back the model the watch built so nobody parses the console again. */
export async function launchInstance(opts: LaunchOptions, deps: LaunchDeps): Promise<LaunchResult> {
  const { ec2, clock, analyse } = deps;
  const timeline = new Timeline(clock);
  const deadline = createDeadline(opts.timeoutMs, clock, deps.signal);
  const signal = deadline.signal;
  let instanceId: string | null = null;
  const progress: Progress = (kind, message) => deps.onProgress?.({ instanceType: opts.instanceType, instanceId, kind, message });

  let key: EphemeralKey | null = null;
  let handle: InstanceHandle | null = null;
  /** This launch's ClientToken, once RunInstances was asked: every instance it started carries it as tag TOKEN_TAG. */
  let launchToken: string | null = null;
  let launchedAt: number | null = null;
  let endedAt: number | null = null;
  const uncleaned: string[] = [];
  const warnings: string[] = [];
  let platform: Preflight['platform'] | undefined;
  const teardownBudgetMs = opts.teardownTimeoutMs ?? DEFAULT_TEARDOWN_TIMEOUT_MS;
  let teardownMs: number | null = null;
  let teardownConfirmed: boolean | null = null;

  /** An AWS error, unless the run's signal fired meanwhile: then the call was cut off, and the run is cut short. */
  const failed = (action: string, during: string) => (err: unknown): never => {
    if (signal.aborted) throw new CutShort(`${during} (${action})`);
    throw toLaunchError(err, action);
  };

  const newHandle = (id: string): InstanceHandle => {
    const timedEc2: Ec2Api = { ...ec2, terminateInstance: (i, sig) => timeline.api('TerminateInstances', () => ec2.terminateInstance(i, sig)) };
    return instanceHandle(timedEc2, id, {
      clock,
      confirmTimeoutMs: teardownBudgetMs,
      ...(deps.teardownSignal ? { signal: deps.teardownSignal } : {}),
      onTerminate: () => timeline.add('terminate', id),
    });
  };

  /**
   * An endpoint without ClientToken idempotency starts a second instance when the SDK retries a
   * RunInstances it answered with an error (EC2 itself hands back the first). Every instance this
   * launch started carries its token as a tag: any other still up is terminated, or named. After
   * a cut-off RunInstances whose instance the ClientToken did not find, this finds it by the tag.
   */
  const reapByToken = async (): Promise<void> => {
    if (launchToken === null || deps.teardownSignal?.aborted) return;
    const token = launchToken;
    let found: Awaited<ReturnType<Ec2Api['findTaggedInstances']>>;
    try {
      found = await timeline.api('DescribeInstances', () => withBound(clock, RECOVER_CALL_MS, deps.teardownSignal, (s) => ec2.findTaggedInstances(TOKEN_TAG, s)));
    } catch {
      return; // best effort: the launch's own instance was dealt with by id
    }
    const lost = `instance with ClientToken ${token}`;
    for (const other of found.filter((i) => i.tags[TOKEN_TAG] === token && i.id !== handle?.instanceId)) {
      const t = await terminateAndConfirm(ec2, other.id, { clock, confirmTimeoutMs: teardownBudgetMs, ...(deps.teardownSignal ? { signal: deps.teardownSignal } : {}) });
      const what = handle === null ? `${other.id}, started by the cut-off RunInstances (found by its ${TOKEN_TAG} tag)` : `${other.id}, a second instance the endpoint started for the same RunInstances (ClientToken ${token})`;
      timeline.add('terminated', `${other.id} ${t.confirmed ? 'confirmed' : `not confirmed: ${t.error}`}`);
      if (t.confirmed) {
        warnings.push(`terminated ${what}`);
        progress('teardown', `terminated ${what}`);
        if (handle === null && uncleaned.includes(lost)) uncleaned.splice(uncleaned.indexOf(lost), 1);
      } else {
        uncleaned.push(other.id);
        progress('teardown', `could not confirm ${what} terminated: ${t.error}`);
      }
    }
  };

  /**
   * RunInstances was cut off: the endpoint may have started the instance without bootgate
   * learning its id. The ClientToken names it: DescribeInstances with the client-token filter,
   * a few times (a new instance takes a moment to show), each call bounded.
   */
  const recoverByToken = async (clientToken: string): Promise<void> => {
    let lastError: string | null = null;
    for (let attempt = 0; attempt < RECOVER_TRIES && !deps.teardownSignal?.aborted; attempt++) {
      if (attempt > 0) await clock.sleep(RECOVER_PAUSE_MS, deps.teardownSignal).catch(() => undefined);
      if (!ec2.findByClientToken) break;
      try {
        const found = await timeline.api('DescribeInstances', () => withBound(clock, RECOVER_CALL_MS, deps.teardownSignal, (s) => ec2.findByClientToken!(clientToken, s)));
        const live = found.filter((i) => i.state !== 'terminated');
        if (live.length > 0) {
          instanceId = live[0]!.id;
          launchedAt = clock.now();
          timeline.add('run-instances', `${instanceId} (recovered by its ClientToken after RunInstances was cut off)`);
          progress('state', `RunInstances was cut off; found ${instanceId} by its ClientToken: terminating it`);
          handle = newHandle(instanceId);
          return;
        }
        if (found.length > 0) return; // it exists and is already terminated
      } catch (err) {
        lastError = (err as Error).name === 'CallTimedOut' ? (err as Error).message : toLaunchError(err, 'DescribeInstances').message;
      }
    }
    const what = `instance with ClientToken ${clientToken}`;
    uncleaned.push(what);
    progress(
      'teardown',
      `RunInstances was cut off and no instance with its ClientToken was found${lastError ? ` (${lastError})` : ec2.findByClientToken ? '' : ' (this API cannot look it up)'}: it may still have started`,
    );
  };

  const stages = async (): Promise<StagesResult> => {
    // 1. Pre-flight
    const image = await timeline.api('DescribeImages', () => ec2.describeImage(opts.amiId, signal)).catch(failed('DescribeImages', 'pre-flight'));
    if (!image) throw new PreflightError(`${opts.amiId}: no such image (DescribeImages returned nothing)`);
    const type = await timeline.api('DescribeInstanceTypes', () => ec2.describeInstanceType(opts.instanceType, signal)).catch((err: unknown) => {
      // An endpoint without the action (a partial EC2 emulator): nothing is known of the type, and the console tells the platform.
      if (signal.aborted || !isActionNotImplemented(err)) return failed('DescribeInstanceTypes', 'pre-flight')(err);
      const message = `DescribeInstanceTypes is not implemented at this endpoint (${toLaunchError(err, 'DescribeInstanceTypes').code}): nothing is known of ${opts.instanceType} before launch, so the platform comes from the console`;
      warnings.push(message);
      progress('warning', message);
      return { type: opts.instanceType, hypervisor: null, enaSupport: null, architectures: [], bootModes: [] };
    });
    if (!type) throw new PreflightError(`${opts.instanceType}: no such instance type in ${opts.region}`);
    const pf: Preflight = preflight(image, type, { imdsTokens: opts.imdsTokens });
    platform = pf.platform;
    const release = releaseOfImage(image);
    const refusal = deps.imageCheck?.(image, release) ?? null;
    if (refusal !== null) throw new PreflightError(refusal);
    timeline.add('preflight', `platform ${pf.platform}, hypervisor ${pf.hypervisor ?? 'unknown'}${release ? `, OpenBSD ${release} (from the AMI)` : ''}`);
    for (const p of pf.problems) {
      if (p.severity === 'warning') {
        warnings.push(p.message);
        progress('warning', p.message);
      }
    }
    const refused = pf.problems.filter((p) => p.severity === 'error' || opts.strictPreflight);
    if (refused.length > 0) {
      throw new PreflightError(
        `pre-flight refused ${opts.amiId} on ${opts.instanceType}: ${refused.map((p) => p.message).join('; ')}` +
          (refused.some((p) => p.severity === 'warning') ? ' (--strict-preflight)' : ''),
      );
    }

    // 2. Key pair
    let privateKey = opts.privateKey;
    let keyName = opts.keyName;
    if (opts.ssh && !keyName) {
      const k = generateEphemeralKey(opts.runId, opts.instanceType);
      const imported = await timeline.api('ImportKeyPair', () => ec2.importKeyPair(k.name, k.publicKey, { 'bootgate:run-id': opts.runId }, signal)).then(
        () => true,
        (err: unknown) => {
          // Cut off in flight, the key pair may exist: teardown deletes it (deleting a missing one is not an error).
          if (signal.aborted) key = k;
          if (signal.aborted || !isKeyMaterialRefused(err)) return failed(`ImportKeyPair ${k.name}`, 'pre-flight')(err);
          // The host key check needs no login: launch without a key pair rather than not at all.
          const message = `ImportKeyPair refused bootgate's ed25519 key (${toLaunchError(err, 'ImportKeyPair').code}): launched without a key pair, so SSH checks the host key but does not log in (no dmesg or uname in the report)`;
          warnings.push(message);
          progress('warning', message);
          return false;
        },
      );
      if (imported) {
        key = k; // imported: from here on teardown deletes it
        keyName = k.name;
        privateKey = k.privateKey;
      }
    }

    // 3. Launch
    const expiresAt = new Date(clock.now() + opts.timeoutMs + 3_600_000).toISOString();
    const clientToken = newClientToken(opts.runId);
    const tags = { ...opts.tags, 'bootgate:run-id': opts.runId, [TOKEN_TAG]: clientToken, 'bootgate:expires-at': expiresAt, Name: `bootgate ${opts.amiId} ${opts.instanceType}` };
    launchToken = clientToken;
    const launched = await launchWithRetry(ec2, clock, signal, timeline, progress, {
      amiId: opts.amiId,
      instanceType: opts.instanceType,
      clientToken,
      keyName,
      subnetId: opts.subnetId,
      securityGroupIds: opts.securityGroupIds,
      imdsTokens: opts.imdsTokens,
      tags,
    });
    if (launched instanceof LaunchError) {
      // Capacity never came: AWS's problem, not the image's. Nothing was launched.
      return { kind: 'cut-short', reason: launched.message, cause: 'infrastructure', preflightPlatform: pf.platform };
    }
    if (launched.cutOff) {
      if (launched.inFlight) await recoverByToken(clientToken);
      throw new CutShort(launched.inFlight ? 'RunInstances (in flight)' : 'a wait for capacity');
    }
    instanceId = launched.id;
    launchedAt = clock.now();
    timeline.add('run-instances', instanceId);
    progress('state', `launched ${instanceId}`);
    const id = instanceId;
    handle = newHandle(id);

    // 4. Watch
    const watched = await watch(
      { instanceId: id, preflight: pf, privateKey, ssh: opts.ssh, sshUser: opts.sshUser, sshAddress: opts.sshAddress, sshPort: opts.sshPort, pollIntervalMs: opts.pollIntervalMs, timeoutMs: opts.timeoutMs, loopbackOnly: opts.loopbackOnly,
        sshGraceMs: opts.sshGraceMs ?? DEFAULT_SSH_GRACE_MS, securityGroupIds: opts.securityGroupIds },
      { ec2, analyse, ...(deps.connect ? { connect: deps.connect } : {}) },
      { clock, signal, timeline, progress },
    );
    endedAt = clock.now();
    return { kind: 'watched', watched };
  };

  /**
   * 5. Teardown, the one path every run takes (a verdict, a capacity give-up, an error):
   * terminate and confirm what was launched, or keep it on --keep-on-failure; delete the
   * ephemeral key pair unless it is kept with the instance. Returns the last state seen.
   */
  const teardown = async (keep: boolean, quiet: boolean): Promise<string | null> => {
    let state: string | null = null;
    if (handle && keep) {
      const addr = result?.kind === 'watched' ? (result.watched.address ?? '(no address)') : '(no address)';
      let keyFile: string | null = null;
      let keyTrouble = '';
      if (key) {
        try {
          keyFile = await saveKeptKey(key, opts.keyDir);
        } catch (err) {
          keyTrouble = ` (the private key could not be saved: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
        }
      }
      progress(
        'teardown',
        `kept ${handle.instanceId} (--keep-on-failure): reach it with ssh${keyFile ? ` -i ${keyFile}` : ''} -p ${opts.sshPort} ${opts.sshUser}@${addr}` +
          (key ? ` (ephemeral key ${key.name} is kept too)${keyTrouble}` : '') +
          `; remove it with: aws ec2 terminate-instances --region ${opts.region} --instance-ids ${handle.instanceId}` +
          (key ? ` && aws ec2 delete-key-pair --region ${opts.region} --key-name ${key.name}` : ''),
      );
      key = null;
    } else if (handle) {
      const t0 = clock.now();
      const t = await handle.terminate();
      teardownMs = clock.now() - t0;
      teardownConfirmed = t.confirmed;
      state = t.lastState;
      if (!quiet) endedAt = clock.now();
      timeline.add('terminated', t.confirmed ? `confirmed after ${(teardownMs / 1000).toFixed(1)}s${t.unlisted ? ' (no longer listed)' : ''}` : `not confirmed after ${(teardownMs / 1000).toFixed(1)}s: ${t.error}`);
      if (!t.confirmed) {
        uncleaned.push(handle.instanceId);
        progress('teardown', `could not confirm ${handle.instanceId} terminated: ${t.error}`);
      } else if (!quiet) progress('teardown', `${handle.instanceId} terminated`);
    }
    await reapByToken();
    if (key) {
      const k = key;
      try {
        // Bounded like every teardown call: a DeleteKeyPair that never answers must not hold the run.
        await timeline.api('DeleteKeyPair', () => withBound(clock, DEFAULT_TEARDOWN_CALL_MS, deps.teardownSignal, (sig) => ec2.deleteKeyPair(k.name, sig)));
      } catch (err) {
        uncleaned.push(`key-pair ${k.name}`);
        const why = (err as Error).name === 'CallTimedOut' ? `DeleteKeyPair: ${(err as Error).message}` : toLaunchError(err, 'DeleteKeyPair').message;
        progress('teardown', `could not delete key pair ${k.name}: ${why}`);
      }
    }
    return state;
  };

  let result: StagesResult | null = null;
  try {
    try {
      result = await stages().catch((err: unknown): StagesResult => {
        if (!(err instanceof CutShort)) throw err;
        const interrupted = signal.reason instanceof InterruptedError;
        return {
          kind: 'cut-short',
          reason: `${interrupted ? (signal.reason as InterruptedError).message : `deadline reached (${Math.round(opts.timeoutMs / 1000)}s)`} during ${err.during}`,
          cause: interrupted ? null : 'infrastructure',
          preflightPlatform: platform,
        };
      });
    } catch (err) {
      // Terminate first, then rethrow the original error; teardown problems are reported, never mask it.
      await teardown(false, true);
      if (uncleaned.length > 0 && err instanceof Error) {
        err.message += ` [not cleaned: ${uncleaned.join(', ')}]`;
        Object.assign(err, { uncleaned: [...uncleaned] });
      }
      throw err;
    }
    const r: StagesResult = result;
    const keep = r.kind === 'watched' && r.watched.report.verdict !== 'pass' && opts.keepOnFailure && !(signal.aborted && signal.reason instanceof InterruptedError);
    const terminatedState = await teardown(keep, false);
    if (r.kind === 'cut-short') return cutShortResult(r, terminatedState);
    const w = r.watched;
    const cost = ((endedAt ?? clock.now()) - (launchedAt ?? clock.now())) / 1000;
    return {
      model: w.model,
      report: {
        ...w.report,
        runId: opts.runId,
        instance: { id: instanceId, type: opts.instanceType, amiId: opts.amiId, region: opts.region, state: terminatedState ?? w.lastState },
        timeline: timeline.entries(),
        cost: { instanceSeconds: Math.round(cost * 10) / 10 },
        cause: w.cause,
        reason: w.reason,
        console: w.console,
        dmesg: w.ssh?.outputs['dmesg'] ?? null,
        uname: w.ssh?.outputs['uname -a']?.trim() ?? null,
        warnings,
        kept: keep,
        uncleaned,
        ...teardownFacts(),
      },
    };
  } finally {
    deadline.dispose();
  }

  function teardownFacts(): Pick<LaunchReport, 'teardown'> | Record<string, never> {
    if (teardownMs === null || teardownConfirmed === null) return {};
    return { teardown: { seconds: Math.round(teardownMs / 100) / 10, budgetSeconds: Math.round(teardownBudgetMs / 1000), confirmed: teardownConfirmed } };
  }

  function cutShortResult(r: Extract<StagesResult, { kind: 'cut-short' }>, terminatedState: string | null): LaunchResult {
    const base = analyse('', { inProgress: true, ...(r.preflightPlatform ? { preflightPlatform: r.preflightPlatform } : {}) });
    timeline.add('verdict', `inconclusive: ${r.reason}`);
    progress('verdict', 'inconclusive');
    const cost = launchedAt === null ? 0 : ((endedAt ?? clock.now()) - launchedAt) / 1000;
    return {
      model: null,
      report: {
        ...base.report,
        // Nothing booted, so no rule has anything to say: a "no console" diagnosis would mislead.
        findings: [],
        diagnoses: [],
        verdict: 'inconclusive',
        runId: opts.runId,
        instance: { id: instanceId, type: opts.instanceType, amiId: opts.amiId, region: opts.region, state: instanceId === null ? 'never-launched' : (terminatedState ?? 'unknown') },
        timeline: timeline.entries(),
        cost: { instanceSeconds: Math.round(cost * 10) / 10 },
        cause: r.cause,
        reason: r.reason,
        console: '',
        dmesg: null,
        uname: null,
        warnings,
        kept: false,
        uncleaned,
        ...teardownFacts(),
      },
    };
  }
}

/** --keep-on-failure: the ephemeral private key, written mode 0600, so the printed ssh command works. */
async function saveKeptKey(key: EphemeralKey, dir: string | undefined): Promise<string> {
  const target = dir ?? (await mkdtemp(join(tmpdir(), 'bootgate-key-')));
  await mkdir(target, { recursive: true });
  const file = join(target, `${key.name}.pem`);
  await writeFile(file, key.privateKey, { mode: 0o600 });
  // The mode is applied only when the file is created: make sure of it.
  await chmod(file, 0o600);
  return file;
}

/** RunInstances's answer: the id, or cut off by the run's signal (in flight: the call itself was; else a capacity wait). */
type Launched = { readonly cutOff: false; readonly id: string } | { readonly cutOff: true; readonly inFlight: boolean };

async function launchWithRetry(
  ec2: Ec2Api,
  clock: Clock,
  signal: AbortSignal,
  timeline: Timeline,
  progress: Progress,
  req: Parameters<Ec2Api['runInstance']>[0],
): Promise<Launched | LaunchError> {
  let capacityWaitMs = 15_000;
  let lastCapacity: LaunchError | null = null;
  while (true) {
    if (signal.aborted) return lastCapacity && signal.reason instanceof DeadlineError ? lastCapacity : { cutOff: true, inFlight: false };
    try {
      return { cutOff: false, id: await timeline.api('RunInstances', () => ec2.runInstance(req, signal)) };
    } catch (err) {
      // Aborted while the call was out (no answer came back): the endpoint may have started the instance all the same.
      if (signal.aborted && typeof (err as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata?.httpStatusCode !== 'number') return { cutOff: true, inFlight: true };
      // Capacity comes back in minutes; the same ClientToken keeps the retry idempotent.
      if (classifyAwsError(err) !== 'capacity') throw toLaunchError(err, 'RunInstances');
      lastCapacity = toLaunchError(err, 'RunInstances');
      progress('state', `${lastCapacity.message}; retrying in ${capacityWaitMs / 1000}s`);
      await clock.sleep(capacityWaitMs, signal).catch(() => undefined);
      capacityWaitMs = Math.min(capacityWaitMs * 2, 120_000);
    }
  }
}

export { LaunchError };
