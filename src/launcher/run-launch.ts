import { randomUUID } from 'node:crypto';
import type { BootModel } from '../model/boot-model.js';
import type { Analyse } from './analyse.js';
import { classifyAwsError, toLaunchError } from './aws-errors.js';
import type { Clock } from './clock.js';
import { createDeadline } from './deadline.js';
import type { Ec2Api } from './ec2.js';
import { generateEphemeralKey, type EphemeralKey } from './ephemeral-key.js';
import { DeadlineError, InterruptedError, LaunchError, PreflightError } from './errors.js';
import { instanceHandle, type InstanceHandle } from './instance-handle.js';
import { preflight, type Preflight } from './preflight.js';
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
}

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
}

export function newRunId(): string {
  return randomUUID().slice(0, 8);
}

/**
 * One token per launch, reused on every one of our own RunInstances retries, so a retry can
 * never start a second instance. Unique per launch: two launches of one run (a demo, a bench)
 * with the same image and type must not collide (IdempotentParameterMismatch).
 */
export function newClientToken(runId: string): string {
  return `bootgate-${runId}-${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}


/** One launch's report, and the model its console was judged from (null when none was posted). */
export interface LaunchResult {
  readonly report: LaunchReport;
  readonly model: BootModel | null;
}

/** How the stages before teardown ended: watched to a verdict, or never got an instance to watch. */
type StagesResult =
  | { readonly kind: 'watched'; readonly watched: WatchResult }
  | { readonly kind: 'no-instance'; readonly reason: string; readonly cause: 'infrastructure' | null; readonly preflightPlatform: Preflight['platform'] | undefined };

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
  let launchedAt: number | null = null;
  let endedAt: number | null = null;
  const uncleaned: string[] = [];
  const warnings: string[] = [];

  const stages = async (): Promise<StagesResult> => {
    // 1. Pre-flight
    const image = await timeline.api('DescribeImages', () => ec2.describeImage(opts.amiId, signal)).catch((err) => {
      throw toLaunchError(err, 'DescribeImages');
    });
    if (!image) throw new PreflightError(`${opts.amiId}: no such image (DescribeImages returned nothing)`);
    const type = await timeline.api('DescribeInstanceTypes', () => ec2.describeInstanceType(opts.instanceType, signal)).catch((err) => {
      throw toLaunchError(err, 'DescribeInstanceTypes');
    });
    if (!type) throw new PreflightError(`${opts.instanceType}: no such instance type in ${opts.region}`);
    const pf: Preflight = preflight(image, type, { imdsTokens: opts.imdsTokens });
    timeline.add('preflight', `platform ${pf.platform}, hypervisor ${pf.hypervisor ?? 'unknown'}`);
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
      await timeline.api('ImportKeyPair', () => ec2.importKeyPair(k.name, k.publicKey, { 'bootgate:run-id': opts.runId }, signal)).catch((err) => {
        throw toLaunchError(err, `ImportKeyPair ${k.name}`);
      });
      key = k; // imported: from here on teardown deletes it
      keyName = k.name;
      privateKey = k.privateKey;
    }

    // 3. Launch
    const expiresAt = new Date(clock.now() + opts.timeoutMs + 3_600_000).toISOString();
    const tags = { ...opts.tags, 'bootgate:run-id': opts.runId, 'bootgate:expires-at': expiresAt, Name: `bootgate ${opts.amiId} ${opts.instanceType}` };
    const clientToken = newClientToken(opts.runId);
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
    if (typeof launched !== 'string') {
      // Capacity never came: AWS's problem, not the image's. Nothing was launched.
      return { kind: 'no-instance', reason: launched.message, cause: 'infrastructure', preflightPlatform: pf.platform };
    }
    instanceId = launched;
    launchedAt = clock.now();
    timeline.add('run-instances', instanceId);
    progress('state', `launched ${instanceId}`);
    const id = instanceId;
    const timedEc2: Ec2Api = { ...ec2, terminateInstance: (i, sig) => timeline.api('TerminateInstances', () => ec2.terminateInstance(i, sig)) };
    handle = instanceHandle(timedEc2, id, {
      clock,
      confirmTimeoutMs: opts.teardownTimeoutMs ?? 300_000,
      ...(deps.teardownSignal ? { signal: deps.teardownSignal } : {}),
      onTerminate: () => timeline.add('terminate', id),
    });

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
      progress(
        'teardown',
        `kept ${handle.instanceId} (--keep-on-failure): reach it with ssh -p ${opts.sshPort} ${opts.sshUser}@${addr}` +
          (key ? ` (ephemeral key ${key.name} is kept too)` : '') +
          `; remove it with: aws ec2 terminate-instances --region ${opts.region} --instance-ids ${handle.instanceId}` +
          (key ? ` && aws ec2 delete-key-pair --region ${opts.region} --key-name ${key.name}` : ''),
      );
      key = null;
    } else if (handle) {
      const t = await handle.terminate();
      state = t.lastState;
      if (!quiet) endedAt = clock.now();
      timeline.add('terminated', t.confirmed ? 'confirmed' : `not confirmed: ${t.error}`);
      if (!t.confirmed) {
        uncleaned.push(handle.instanceId);
        progress('teardown', `could not confirm ${handle.instanceId} terminated: ${t.error}`);
      } else if (!quiet) progress('teardown', `${handle.instanceId} terminated`);
    }
    if (key) {
      const k = key;
      try {
        await timeline.api('DeleteKeyPair', () => ec2.deleteKeyPair(k.name, deps.teardownSignal));
      } catch (err) {
        uncleaned.push(`key-pair ${k.name}`);
        progress('teardown', `could not delete key pair ${k.name}: ${toLaunchError(err, 'DeleteKeyPair').message}`);
      }
    }
    return state;
  };

  let result: StagesResult | null = null;
  try {
    try {
      result = await stages();
    } catch (err) {
      // Terminate first, then rethrow the original error; teardown problems are reported, never mask it.
      await teardown(false, true);
      if (uncleaned.length > 0 && err instanceof Error) err.message += ` [not cleaned: ${uncleaned.join(', ')}]`;
      throw err;
    }
    const r: StagesResult = result;
    const keep = r.kind === 'watched' && r.watched.report.verdict !== 'pass' && opts.keepOnFailure && !(signal.aborted && signal.reason instanceof InterruptedError);
    const terminatedState = await teardown(keep, false);
    if (r.kind === 'no-instance') return noInstanceResult(r);
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
      },
    };
  } finally {
    deadline.dispose();
  }

  function noInstanceResult(r: Extract<StagesResult, { kind: 'no-instance' }>): LaunchResult {
    const base = analyse('', { inProgress: true, ...(r.preflightPlatform ? { preflightPlatform: r.preflightPlatform } : {}) });
    timeline.add('verdict', `inconclusive: ${r.reason}`);
    progress('verdict', 'inconclusive');
    return {
      model: null,
      report: {
        ...base.report,
        // Nothing booted, so no rule has anything to say: a "no console" diagnosis would mislead.
        findings: [],
        diagnoses: [],
        verdict: 'inconclusive',
        runId: opts.runId,
        instance: { id: null, type: opts.instanceType, amiId: opts.amiId, region: opts.region, state: 'never-launched' },
        timeline: timeline.entries(),
        cost: { instanceSeconds: 0 },
        cause: r.cause,
        reason: r.reason,
        console: '',
        dmesg: null,
        uname: null,
        warnings,
        kept: false,
        uncleaned,
      },
    };
  }
}

async function launchWithRetry(
  ec2: Ec2Api,
  clock: Clock,
  signal: AbortSignal,
  timeline: Timeline,
  progress: Progress,
  req: Parameters<Ec2Api['runInstance']>[0],
): Promise<string | LaunchError> {
  let capacityWaitMs = 15_000;
  while (true) {
    try {
      return await timeline.api('RunInstances', () => ec2.runInstance(req, signal));
    } catch (err) {
      if (signal.aborted && !(signal.reason instanceof DeadlineError)) throw signal.reason;
      // Capacity comes back in minutes; the same ClientToken keeps the retry idempotent.
      if (classifyAwsError(err) !== 'capacity') throw toLaunchError(err, 'RunInstances');
      const launchError = toLaunchError(err, 'RunInstances');
      if (signal.aborted) return launchError;
      progress('state', `${launchError.message}; retrying in ${capacityWaitMs / 1000}s`);
      try {
        await clock.sleep(capacityWaitMs, signal);
      } catch {
        if (signal.reason instanceof DeadlineError) return launchError;
        throw signal.reason;
      }
      capacityWaitMs = Math.min(capacityWaitMs * 2, 120_000);
    }
  }
}

export { LaunchError };
