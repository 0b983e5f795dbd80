import { randomUUID } from 'node:crypto';
import type { CheckReport, LiveFacts } from '../check/types.js';
import type { Analyse, Analysis } from './analyse.js';
import { classifyAwsError, toLaunchError } from './aws-errors.js';
import type { Clock } from './clock.js';
import { createDeadline } from './deadline.js';
import type { Ec2Api, InstanceFacts } from './ec2.js';
import { generateEphemeralKey, type EphemeralKey } from './ephemeral-key.js';
import { DeadlineError, InterruptedError, LaunchError, PreflightError, WaitTimeoutError } from './errors.js';
import { instanceHandle, type InstanceHandle } from './instance-handle.js';
import { assertAddressAllowed } from './loopback.js';
import { bannerFingerprints, milestonesOf, sshdStarted, type Milestone } from './milestones.js';
import { done, notYet, poll } from './poll.js';
import { preflight, type Preflight } from './preflight.js';
import { Timeline } from './timeline.js';
import type { LaunchReport } from './types.js';
import { sshHandshake, type SshOutcome } from './wait/ssh-handshake.js';
import { probeTcp, type TcpState } from './wait/tcp-port.js';

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
}

export type ProgressKind = 'preflight' | 'state' | 'milestone' | 'ssh' | 'verdict' | 'teardown' | 'warning';
export interface ProgressEvent {
  readonly instanceType: string;
  readonly instanceId: string | null;
  readonly kind: ProgressKind;
  readonly message: string;
}

export interface LaunchDeps {
  readonly ec2: Ec2Api;
  readonly clock: Clock;
  readonly analyse: Analyse;
  /** Ctrl-C / SIGTERM: aborting it ends the watch (then teardown still runs). */
  readonly signal?: AbortSignal;
  /** A second Ctrl-C: abandons teardown. */
  readonly teardownSignal?: AbortSignal;
  readonly onProgress?: (e: ProgressEvent) => void;
}

const SSH_COMMANDS = ['dmesg', 'uname -a'] as const;

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

function consoleTail(text: string, n = 5): string[] {
  return text.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '').slice(-n);
}

/** Summarises what the rules still wait for, for the "last:" part of a timeout message. */
function pendingSummary(report: CheckReport): string {
  const open = report.findings.filter((f) => f.status === 'inconclusive').map((f) => f.rule);
  return open.length > 0 ? `rules still open: ${open.join(', ')}` : `verdict ${report.verdict}`;
}

/**
 * Launches one instance, watches its console until the evidence decides (or the
 * deadline), checks SSH, and always tears down. Returns the report; throws only
 * for errors that leave nothing to report (pre-flight refusal, terminal AWS errors
 * before launch) — after teardown.
 */
export async function runLaunch(opts: LaunchOptions, deps: LaunchDeps): Promise<LaunchReport> {
  const { ec2, clock, analyse } = deps;
  const timeline = new Timeline(clock);
  const deadline = createDeadline(opts.timeoutMs, clock, deps.signal);
  const signal = deadline.signal;
  let instanceId: string | null = null;
  const progress = (kind: ProgressKind, message: string): void =>
    deps.onProgress?.({ instanceType: opts.instanceType, instanceId, kind, message });

  let key: EphemeralKey | null = null;
  let handle: InstanceHandle | null = null;
  let launchedAt: number | null = null;
  let endedAt: number | null = null;
  const uncleaned: string[] = [];
  const warnings: string[] = [];

  const cleanupKey = async (): Promise<void> => {
    if (!key) return;
    try {
      await timeline.api('DeleteKeyPair', () => ec2.deleteKeyPair(key!.name, deps.teardownSignal));
    } catch (err) {
      uncleaned.push(`key-pair ${key.name}`);
      progress('teardown', `could not delete key pair ${key.name}: ${toLaunchError(err, 'DeleteKeyPair').message}`);
    }
  };

  try {
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
      key = generateEphemeralKey(opts.runId, opts.instanceType);
      await timeline
        .api('ImportKeyPair', () => ec2.importKeyPair(key!.name, key!.publicKey, { 'bootgate:run-id': opts.runId }, signal))
        .catch((err) => {
          const k = key;
          key = null; // never imported: nothing to delete
          throw toLaunchError(err, `ImportKeyPair ${k?.name}`);
        });
      keyName = key.name;
      privateKey = key.privateKey;
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
      await cleanupKey();
      const base = analyse('', { inProgress: true, preflightPlatform: pf.platform }).report;
      timeline.add('verdict', `inconclusive: ${launched.message}`);
      progress('verdict', 'inconclusive');
      return {
        ...base,
        // Nothing booted, so no rule has anything to say: a "no console" diagnosis would mislead.
        findings: [],
        diagnoses: [],
        verdict: 'inconclusive',
        runId: opts.runId,
        instance: { id: null, type: opts.instanceType, amiId: opts.amiId, region: opts.region, state: 'never-launched' },
        timeline: timeline.entries(),
        cost: { instanceSeconds: 0 },
        cause: 'infrastructure',
        reason: launched.message,
        console: '',
        dmesg: null,
        uname: null,
        warnings,
        kept: false,
        uncleaned,
      };
    }
    instanceId = launched;
    launchedAt = clock.now();
    timeline.add('run-instances', instanceId);
    progress('state', `launched ${instanceId}`);
    const timedEc2: Ec2Api = { ...ec2, terminateInstance: (id, sig) => timeline.api('TerminateInstances', () => ec2.terminateInstance(id, sig)) };
    handle = instanceHandle(timedEc2, instanceId, {
      clock,
      confirmTimeoutMs: opts.teardownTimeoutMs ?? 300_000,
      ...(deps.teardownSignal ? { signal: deps.teardownSignal } : {}),
      onTerminate: () => timeline.add('terminate', instanceId!),
    });

    // 4. Watch
    const watched = await watch(opts, deps, { instanceId, pf, privateKey, signal, timeline, progress });
    endedAt = clock.now();

    // 5. Teardown (or keep)
    const failed = watched.report.verdict !== 'pass';
    let kept = false;
    let state = watched.lastState;
    if (failed && opts.keepOnFailure && !(signal.aborted && signal.reason instanceof InterruptedError)) {
      kept = true;
      const addr = watched.address ?? '(no address)';
      progress(
        'teardown',
        `kept ${instanceId} (--keep-on-failure): reach it with ssh -p ${opts.sshPort} ${opts.sshUser}@${addr}` +
          (key ? ` (ephemeral key ${key.name} is kept too)` : '') +
          `; remove it with: aws ec2 terminate-instances --region ${opts.region} --instance-ids ${instanceId}` +
          (key ? ` && aws ec2 delete-key-pair --region ${opts.region} --key-name ${key.name}` : ''),
      );
      key = null;
    } else {
      const t = await handle.terminate();
      state = t.lastState;
      endedAt = clock.now();
      timeline.add('terminated', t.confirmed ? 'confirmed' : `not confirmed: ${t.error}`);
      if (!t.confirmed) {
        uncleaned.push(instanceId);
        progress('teardown', `could not confirm ${instanceId} terminated: ${t.error}`);
      } else progress('teardown', `${instanceId} terminated`);
    }
    await cleanupKey();
    const cost = ((endedAt ?? clock.now()) - (launchedAt ?? clock.now())) / 1000;
    return {
      ...watched.report,
      runId: opts.runId,
      instance: { id: instanceId, type: opts.instanceType, amiId: opts.amiId, region: opts.region, state },
      timeline: timeline.entries(),
      cost: { instanceSeconds: Math.round(cost * 10) / 10 },
      cause: watched.cause,
      reason: watched.reason,
      console: watched.console,
      dmesg: watched.ssh?.outputs['dmesg'] ?? null,
      uname: watched.ssh?.outputs['uname -a']?.trim() ?? null,
      warnings,
      kept,
      uncleaned,
    };
  } catch (err) {
    // Terminate first, then rethrow the original error; teardown problems are reported, never mask it.
    if (handle) {
      const t = await handle.terminate();
      timeline.add('terminated', t.confirmed ? 'confirmed' : `not confirmed: ${t.error}`);
      if (!t.confirmed) {
        uncleaned.push(handle.instanceId);
        progress('teardown', `could not confirm ${handle.instanceId} terminated: ${t.error}`);
      }
    }
    await cleanupKey();
    if (uncleaned.length > 0 && err instanceof Error) {
      err.message += ` [not cleaned: ${uncleaned.join(', ')}]`;
    }
    throw err;
  } finally {
    deadline.dispose();
  }
}

async function launchWithRetry(
  ec2: Ec2Api,
  clock: Clock,
  signal: AbortSignal,
  timeline: Timeline,
  progress: (k: ProgressKind, m: string) => void,
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

interface WatchResult {
  readonly report: CheckReport;
  readonly cause: 'image' | 'infrastructure' | null;
  readonly reason: string | null;
  readonly console: string;
  readonly ssh: SshOutcome | null;
  readonly address: string | null;
  readonly lastState: string;
}

async function watch(
  opts: LaunchOptions,
  deps: LaunchDeps,
  ctx: {
    instanceId: string;
    pf: Preflight;
    privateKey: string | null;
    signal: AbortSignal;
    timeline: Timeline;
    progress: (k: ProgressKind, m: string) => void;
  },
): Promise<WatchResult> {
  const { ec2, clock, analyse } = deps;
  const { instanceId, pf, signal, timeline, progress } = ctx;
  let state = 'pending';
  let address: string | null = null;
  let consoleLatest = pf.consoleLatest;
  let text = '';
  let lastBytes = -1;
  let analysis: Analysis | null = null;
  let report: CheckReport | null = null;
  const seen = new Set<string>();
  let tcp: TcpState | 'not-tried' = 'not-tried';
  let ssh: SshOutcome | null = null;
  let sshComplete = false;
  let infraTrouble: string | null = null;
  let describedOnce = false;
  let pendingSince = clock.now();

  const checkOptions = (live: LiveFacts | undefined) => ({
    inProgress: true,
    preflightPlatform: pf.platform,
    ...(live ? { live } : {}),
  });

  const probe = async () => {
    // Instance state: until running, and to notice it going away under us.
    if (state !== 'running' || !describedOnce) {
      let facts: InstanceFacts | null = null;
      try {
        facts = await timeline.api('DescribeInstances', () => ec2.describeInstance(instanceId, signal));
      } catch (err) {
        const kind = classifyAwsError(err);
        if (kind === 'not-found') return notYet('instance not visible yet (eventual consistency)');
        if (kind === 'throttled' || kind === 'server') {
          infraTrouble = toLaunchError(err, 'DescribeInstances').message;
          return notYet(infraTrouble);
        }
        throw toLaunchError(err, 'DescribeInstances');
      }
      describedOnce = true;
      if (facts && facts.state !== state) {
        if (facts.state === 'running') {
          timeline.add('running', `pending→running ${clock.now() - pendingSince}ms`);
          address = opts.sshAddress === 'public' ? (facts.publicIp ?? facts.privateIp) : facts.privateIp;
          if (address) assertAddressAllowed(address, opts.loopbackOnly, `SSH to ${instanceId}`);
        } else timeline.add('state', facts.state);
        progress('state', `${instanceId} ${facts.state}${facts.state === 'running' && address ? ` at ${address}` : ''}`);
        state = facts.state;
        if (state === 'pending') pendingSince = clock.now();
      }
      if (state === 'shutting-down' || state === 'terminated' || state === 'stopped') {
        throw new InstanceGoneError(state);
      }
    }

    // Console
    let out: Awaited<ReturnType<Ec2Api['getConsoleOutput']>>;
    try {
      out = await timeline.api('GetConsoleOutput', () => ec2.getConsoleOutput(instanceId, consoleLatest, signal));
    } catch (err) {
      const kind = classifyAwsError(err);
      if (consoleLatest && (kind === 'terminal' || kind === 'unknown')) {
        // Latest=true refused (Xen, or an API that does not know it): fall back to snapshots.
        consoleLatest = false;
        timeline.add('console-fallback', `Latest=true refused: ${toLaunchError(err, 'GetConsoleOutput').code}`);
        return notYet('console Latest=true refused; retrying without');
      }
      if (kind === 'not-found') return notYet('console not available yet');
      if (kind === 'throttled' || kind === 'server') {
        infraTrouble = toLaunchError(err, 'GetConsoleOutput').message;
        return notYet(infraTrouble);
      }
      throw toLaunchError(err, 'GetConsoleOutput');
    }
    if (out.bytes && out.bytes.length > 0) {
      if (lastBytes < 0) timeline.add('first-console-byte', `${out.bytes.length} bytes`);
      lastBytes = out.bytes.length;
      const decoded = new TextDecoder('utf-8', { fatal: false }).decode(out.bytes);
      // Xen reposts the same snapshot for minutes: re-parse only what changed.
      if (decoded !== text) {
        text = decoded;
        analysis = analyse(text, checkOptions(undefined));
        for (const m of milestonesOf(analysis.model)) noteMilestone(m);
      }
    }

    // SSH
    if (opts.ssh && state === 'running' && address && !sshComplete) {
      const probeMs = Math.min(3000, Math.max(200, opts.pollIntervalMs));
      const t = await probeTcp(address, opts.sshPort, probeMs, clock, signal);
      if (t !== tcp) {
        timeline.add('tcp', `${address}:${opts.sshPort} ${t}`);
        if (t === 'open' || tcp !== 'not-tried') progress('ssh', `TCP ${address}:${opts.sshPort} ${t}`);
      }
      tcp = t;
      if (t === 'open') {
        const banner = analysis ? bannerFingerprints(analysis.model) : [];
        const outcome = await sshHandshake(
          {
            host: address,
            port: opts.sshPort,
            username: opts.sshUser,
            privateKey: ctx.privateKey,
            // Log in only to a host the console vouched for; until the banner is seen, just look at the key.
            trustHostKey: (fp) => banner.includes(fp),
            timeoutMs: Math.min(10_000, Math.max(1000, opts.pollIntervalMs * 2)),
            commands: SSH_COMMANDS,
          },
          clock,
          signal,
        );
        if (outcome.handshake && !ssh?.handshake) {
          timeline.add('ssh-handshake', outcome.hostKeySha256 ?? '');
          progress('ssh', `SSH host key ${outcome.hostKeySha256}`);
        }
        if (outcome.handshake) ssh = outcome;
        if (outcome.loggedIn) {
          timeline.add('ssh-login', opts.sshUser);
          progress('ssh', `logged in as ${opts.sshUser}; fetched dmesg and uname`);
        }
        const mismatch = outcome.handshake && banner.length > 0 && !banner.includes(outcome.hostKeySha256 ?? '');
        sshComplete = outcome.loggedIn || (outcome.handshake && (!ctx.privateKey || mismatch || outcome.error !== null && banner.length > 0));
      }
    }

    if (!analysis) return notYet(lastBytes < 0 ? 'console output not posted yet' : 'console has no boot yet');
    const live = liveFacts();
    report = live ? analyse(text, checkOptions(live)).report : analysis.report;
    if (report.verdict === 'fail') return done('decided');
    if (report.verdict === 'pass' && (!opts.ssh || ssh?.handshake)) return done('decided');
    return notYet(report.verdict === 'pass' ? 'console passes; waiting for SSH' : pendingSummary(report));
  };

  const noteMilestone = (m: Milestone): void => {
    const key = `${m.id}:${m.line}`;
    if (seen.has(m.id)) return;
    seen.add(m.id);
    seen.add(key);
    timeline.add('milestone', `${m.id} (line ${m.line})`);
    progress('milestone', `${m.id.padEnd(7)} line ${String(m.line).padStart(4)}: ${m.text.trim()}`);
  };

  const liveFacts = (): LiveFacts | undefined => {
    if (!opts.ssh) return undefined;
    // Before sshd is up, silence on 22 means nothing; give the rules facts only once they mean something.
    const meaningful = ssh?.handshake || (analysis !== null && sshdStarted(analysis.model) && tcp !== 'not-tried');
    if (!meaningful) return undefined;
    return {
      ssh: {
        tcp,
        handshake: ssh?.handshake ?? false,
        hostKeySha256: ssh?.hostKeySha256 ?? null,
        address,
        error: ssh?.error ?? null,
      },
    };
  };

  let reason: string | null = null;
  let cause: 'image' | 'infrastructure' | null = null;
  let interrupted = false;
  try {
    await poll(probe, {
      what: `a verdict on ${instanceId}`,
      intervalMs: opts.pollIntervalMs,
      clock,
      signal,
      consoleTail: () => consoleTail(text),
    });
  } catch (err) {
    if (err instanceof WaitTimeoutError) {
      reason = err.message;
      cause = lastBytes < 0 || state !== 'running' || infraTrouble !== null ? 'infrastructure' : 'image';
      if (lastBytes < 0) reason = `console output never posted within ${Math.round(opts.timeoutMs / 1000)}s` + (infraTrouble ? ` (${infraTrouble})` : '');
    } else if (err instanceof InstanceGoneError) {
      reason = `instance went ${err.state} on its own before a verdict`;
      cause = 'image';
    } else if (signal.aborted && signal.reason instanceof InterruptedError) {
      reason = signal.reason.message;
      interrupted = true;
    } else if (signal.aborted && signal.reason instanceof DeadlineError) {
      reason = `deadline reached (${Math.round(opts.timeoutMs / 1000)}s)`;
      cause = lastBytes < 0 ? 'infrastructure' : 'image';
    } else throw err;
  }

  const final = report ?? analyse(text, checkOptions(liveFacts())).report;
  const verdict = reason !== null && final.verdict !== 'fail' ? 'inconclusive' : final.verdict;
  if (verdict === 'fail') cause = 'image';
  timeline.add('verdict', verdict + (reason ? `: ${reason.split('\n')[0]}` : ''));
  progress('verdict', verdict);
  return {
    report: { ...final, verdict },
    cause: verdict === 'pass' || (interrupted && verdict !== 'fail') ? null : (cause ?? 'image'),
    reason,
    console: text,
    ssh,
    address,
    lastState: state,
  };
}

class InstanceGoneError extends Error {
  constructor(readonly state: string) {
    super(`instance ${state}`);
  }
}

export { LaunchError };
