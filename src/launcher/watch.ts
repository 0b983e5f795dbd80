import type { CheckOptions } from '../check/types.js';
import type { CheckReport, LiveFacts } from '../verdict/types.js';
import type { BootModel } from '../model/boot-model.js';
import { bootFacts, installerWaiting } from '../model/boot-facts.js';
import type { Analyse, Analysis } from './analyse.js';
import type { Ec2Api } from './ec2.js';
import { DeadlineError, InterruptedError, WaitTimeoutError } from './errors.js';
import { mayConnect } from './loopback.js';
import { bannerFingerprints, progressOf, sshdStarted } from './progress-points.js';
import { done, notYet } from './poll.js';
import type { Preflight } from './preflight.js';
import { sshPortDiagnosis } from './ssh-port-diagnosis.js';
import { ConsoleOutputWait } from './wait/console-output.js';
import { InstanceGoneError, InstanceStateWait } from './wait/instance-state.js';
import { SshHandshakeWait, type SshOutcome } from './wait/ssh-handshake.js';
import type { WaitContext, WaitStrategy } from './wait/strategy.js';
import { TcpPortWait, type Connect } from './wait/tcp-port.js';
import { waitAll } from './wait/wait-all.js';

const SSH_COMMANDS = ['dmesg', 'uname -a'] as const;

export interface WatchOptions {
  readonly instanceId: string;
  readonly preflight: Preflight;
  /** Key to log in with (ephemeral or --ssh-key); null: handshake only. */
  readonly privateKey: string | null;
  readonly ssh: boolean;
  readonly sshUser: string;
  readonly sshAddress: 'public' | 'private';
  readonly sshPort: number;
  readonly pollIntervalMs: number;
  readonly timeoutMs: number;
  /** Only 127.0.0.0/8 may be connected to (loopback endpoint). */
  readonly loopbackOnly: boolean;
  /**
   * How long a refused or silent SSH port is given once the console shows sshd started (and
   * the fingerprint banner, where one is expected) before it is settled: sshd-not-listening
   * or ssh-port-filtered, without waiting for the deadline.
   */
  readonly sshGraceMs: number;
  /** --security-group-id, named in a filtered port's remedy (else the instance's own). */
  readonly securityGroupIds: readonly string[];
}

export interface WatchResult {
  readonly report: CheckReport;
  /** The model the report was judged from (null when no console was posted): passed on, never parsed again. */
  readonly model: BootModel | null;
  readonly cause: 'image' | 'infrastructure' | null;
  readonly reason: string | null;
  readonly console: string;
  readonly ssh: SshOutcome | null;
  readonly address: string | null;
  readonly lastState: string;
}

/**
 * Whose doing an instance that ended on its own is, by EC2's StateReason code: the guest powering
 * off (`Client.InstanceInitiatedShutdown`) or an image whose snapshot is gone is the image's;
 * EC2's own failures (`Server.*`: internal error, capacity, spot), a termination by someone else
 * (`Client.UserInitiatedShutdown`), account limits and volume keys (`Client.VolumeLimitExceeded`,
 * `Client.InternalError`) are the infrastructure's. An unknown code stays with the image.
 */
export function blameOfStateReason(code: string): 'image' | 'infrastructure' {
  if (code.startsWith('Server.')) return 'infrastructure';
  return ['Client.UserInitiatedShutdown', 'Client.VolumeLimitExceeded', 'Client.InternalError'].includes(code) ? 'infrastructure' : 'image';
}

/** Summarises what the rules still wait for, for the "last:" part of a timeout message. */
function pendingSummary(report: CheckReport): string {
  const open = report.findings.filter((f) => f.status === 'inconclusive').map((f) => f.rule);
  return open.length > 0 ? `rules still open: ${open.join(', ')}` : `verdict ${report.verdict}`;
}

function reachedLogin(model: BootModel): boolean {
  return progressOf(model).some((m) => m.id === 'login');
}

/** sshd is up by the console's account, and so is the banner where the rules expect one (or they call it missing). */
function sshExpectedUp(analysis: Analysis): boolean {
  if (!sshdStarted(analysis.model)) return false;
  const banner = analysis.report.findings.find((f) => f.rule === 'fingerprint-banner');
  return banner === undefined || banner.status !== 'inconclusive';
}

/**
 * Watches a launched instance until the evidence decides or the deadline: the instance
 * state, console, TCP port and SSH handshake strategies share one poll, and after each
 * poll the rules judge the console with what the probes learned.
 */
export async function watch(o: WatchOptions, deps: { readonly ec2: Ec2Api; readonly analyse: Analyse; readonly connect?: Connect }, ctx: WaitContext): Promise<WatchResult> {
  const { analyse } = deps;
  const { clock, signal } = ctx;
  const checkOptions = (live: LiveFacts | undefined): CheckOptions => ({
    inProgress: true,
    // The console starts at this instance's first boot: a crash in any of its boots is its own.
    ownInstance: true,
    preflightPlatform: o.preflight.platform,
    ...(live ? { live } : {}),
  });

  /**
   * An address a loopback endpoint handed back that is not loopback (a simulator or emulator must
   * not be able to point bootgate at the network): never connected to. The console is still
   * watched and judged; SSH stays unproven, so the best verdict is inconclusive.
   */
  let refusedAddress: string | null = null;
  const refusal = (address: string) =>
    `SSH not checked: the endpoint gave ${address} for ${o.instanceId}, outside 127.0.0.0/8, and with a loopback --endpoint-url bootgate connects only there (--no-ssh judges the console alone)`;
  const instance = new InstanceStateWait({
    ec2: deps.ec2,
    instanceId: o.instanceId,
    sshAddress: o.sshAddress,
    // Every six polls, at most every 30 s: an instance that ends mid-boot is noticed, not waited on to the deadline.
    recheckMs: Math.min(30_000, 6 * o.pollIntervalMs),
    // With --no-ssh nothing connects anywhere, so there is nothing to refuse.
    onAddress: (address) => {
      if (!o.ssh || mayConnect(address, o.loopbackOnly) || refusedAddress !== null) return;
      refusedAddress = address;
      ctx.timeline.add('ssh-refused', refusal(address));
      ctx.progress('warning', refusal(address));
    },
  });
  const consoleOutput = new ConsoleOutputWait({
    ec2: deps.ec2,
    instanceId: o.instanceId,
    latest: o.preflight.consoleLatest,
    analyse: (text) => analyse(text, checkOptions(undefined)),
  });
  // Once SSH has told all it can, the TCP and SSH probes stop.
  /** Running, SSH wanted, and EC2 reports no address to connect to (an emulator may leave them out). */
  const addressless = (): boolean => o.ssh && instance.state === 'running' && instance.address === null;
  const sshTarget = (): string | null => (o.ssh && refusedAddress === null && !ssh.complete && instance.state === 'running' ? instance.address : null);
  const tcp = new TcpPortWait({ port: o.sshPort, host: sshTarget, probeMs: Math.min(3000, Math.max(200, o.pollIntervalMs)), ...(deps.connect ? { connect: deps.connect } : {}) });
  const ssh = new SshHandshakeWait({
    host: () => (tcp.state === 'open' ? sshTarget() : null),
    port: o.sshPort,
    username: o.sshUser,
    privateKey: o.privateKey,
    vouched: () => (consoleOutput.analysis ? bannerFingerprints(consoleOutput.analysis.model) : []),
    // At least 3 s: a login plus two commands on a busy runner can take more than a second.
    timeoutMs: Math.min(10_000, Math.max(3000, o.pollIntervalMs * 2)),
    commands: SSH_COMMANDS,
  });
  const strategies: WaitStrategy[] = o.ssh ? [instance, consoleOutput, tcp, ssh] : [instance, consoleOutput];

  /** When the console first showed SSH should be up; the grace for a shut port counts from here. */
  let sshDueAt: number | null = null;
  /** A refusal or silence that outlasted the grace: final, and the run ends on it. */
  let settled: 'reset' | 'silent' | null = null;
  const settle = (analysis: Analysis): void => {
    if (!o.ssh || settled !== null || ssh.outcome?.handshake) return;
    if (sshDueAt === null && sshExpectedUp(analysis)) sshDueAt = clock.now();
    if (sshDueAt === null) return;
    settled = tcp.settled(sshDueAt, o.sshGraceMs, clock.now());
    if (settled) {
      const what = settled === 'reset' ? 'refused every connection' : 'gave no answer';
      ctx.timeline.add('ssh-port', `${tcp.host}:${o.sshPort} ${settled} for the ${Math.round(o.sshGraceMs / 1000)}s grace after sshd started`);
      ctx.progress('ssh', `TCP ${tcp.host}:${o.sshPort} ${what} for ${Math.round(o.sshGraceMs / 1000)}s after sshd started: not waiting for the deadline`);
    }
  };

  const liveFacts = (): LiveFacts | undefined => {
    if (!o.ssh) return undefined;
    // SSH that can never be tried: the rules say why, instead of waiting for it.
    const untried = (address: string | null, error: string): LiveFacts => ({ ssh: { tcp: 'not-tried', handshake: false, hostKeySha256: null, address, error } });
    if (refusedAddress !== null) return untried(refusedAddress, `not connected to ${refusedAddress}: outside 127.0.0.0/8, and the endpoint is loopback`);
    if (addressless()) return untried(null, `DescribeInstances gives ${o.instanceId} no address to connect to`);
    const hs = ssh.outcome;
    // Before sshd is up, silence on 22 means nothing; give the rules facts only once they mean something.
    const meaningful = hs?.handshake || (consoleOutput.analysis !== null && sshdStarted(consoleOutput.analysis.model) && tcp.state !== 'not-tried');
    if (!meaningful) return undefined;
    return {
      ssh: {
        tcp: tcp.state,
        handshake: hs?.handshake ?? false,
        hostKeySha256: hs?.hostKeySha256 ?? null,
        address: instance.address,
        error: hs?.error ?? null,
        ...(settled && !hs?.handshake ? { settled: true } : {}),
      },
    };
  };

  /**
   * Why an inconclusive console cannot change by waiting, and whose doing that is (null: not
   * said), or null to keep waiting. The first that applies is the reason.
   */
  const settledBecause = (analysis: Analysis, report: CheckReport): { readonly reason: string; readonly cause: 'image' | 'infrastructure' | null } | null => {
    // bsd.rd's installer asking what to do: nobody types on this console, so nothing more will come.
    const question = installerWaiting(bootFacts(analysis.model));
    if (question !== null) {
      return { reason: `the image boots the installer (bsd.rd), which waits at line ${question.line} (\`${question.text.trim()}\`) for an answer nobody can type on EC2's console; waiting longer cannot settle it`, cause: 'image' };
    }
    if (!reachedLogin(analysis.model)) return null;
    // Past the login prompt with an address that may not be connected to, or none: SSH can never be proven.
    if (refusedAddress !== null) return { reason: `${refusal(refusedAddress)}; the boot reached the login prompt (${pendingSummary(report)})`, cause: 'infrastructure' };
    if (addressless()) {
      return { reason: `SSH not checked: DescribeInstances gives ${o.instanceId} no ${o.sshAddress === 'public' ? 'public or private' : 'private'} address; the boot reached the login prompt (${pendingSummary(report)})`, cause: 'infrastructure' };
    }
    // Past the login prompt nothing more is printed that a rule waits for, and the handshake has
    // shown the host key (a login follows only when the console vouches for that key): what is
    // still open stays open (e.g. no fingerprint to prove the host key against with the banner
    // rule off). Inconclusive now, not at the deadline.
    if (!o.ssh || ssh.complete || ssh.outcome?.handshake) {
      return { reason: `the boot reached the login prompt${o.ssh ? ' and SSH has answered' : ''}; waiting longer cannot settle it (${pendingSummary(report)})`, cause: null };
    }
    return null;
  };

  let report: CheckReport | null = null;
  const decide = () => {
    const analysis = consoleOutput.analysis;
    if (!analysis) return notYet(consoleOutput.posted ? 'console has no boot yet' : 'console output not posted yet');
    settle(analysis);
    const live = liveFacts();
    // The model of this console text was built when it arrived: only the rules run again.
    report = live ? analyse(consoleOutput.text, checkOptions(live), analysis.model).report : analysis.report;
    if (report.verdict === 'fail') return done('decided');
    if (report.verdict === 'pass' && (!o.ssh || ssh.outcome?.handshake)) return done('decided');
    const settledNow = report.verdict === 'inconclusive' ? settledBecause(analysis, report) : null;
    if (settledNow !== null) {
      reason = settledNow.reason;
      cause = settledNow.cause ?? cause;
      return done('settled');
    }
    return notYet(report.verdict === 'pass' ? 'console passes; waiting for SSH' : pendingSummary(report));
  };

  let reason: string | null = null;
  let cause: 'image' | 'infrastructure' | null = null;
  let interrupted = false;
  /** Why there is no console to judge at the deadline: what failed, not just what is missing. */
  const noConsoleReason = (lastReason: string | null): string | null => {
    const within = `${Math.round(o.timeoutMs / 1000)}s`;
    // The console was never asked for: say what kept it from being asked.
    if (consoleOutput.calls === 0) return `DescribeInstances kept failing for ${within}, so the console was never read (${instance.lastError ?? `${o.instanceId}: ${lastReason ?? 'no answer'}`})`;
    if (!consoleOutput.posted) return `console output never posted within ${within}` + (consoleOutput.lastError ?? instance.lastError ? ` (${consoleOutput.lastError ?? instance.lastError})` : '');
    return null;
  };
  try {
    await waitAll(strategies, decide, ctx, { what: `a verdict on ${o.instanceId}`, intervalMs: o.pollIntervalMs, consoleTail: () => consoleOutput.tail() });
  } catch (err) {
    const infraTrouble = consoleOutput.lastError ?? instance.lastError;
    if (err instanceof WaitTimeoutError) {
      reason = noConsoleReason(err.lastReason) ?? err.message;
      cause = !consoleOutput.posted || instance.state !== 'running' || infraTrouble !== null ? 'infrastructure' : 'image';
    } else if (err instanceof InstanceGoneError) {
      const why = err.stateReason;
      reason = `instance went ${err.state} on its own before a verdict${why ? ` (${why.message.startsWith(why.code) ? why.message : `${why.code}: ${why.message}`})` : ''}`;
      cause = why ? blameOfStateReason(why.code) : 'image';
      // EC2 keeps the console readable for a while after the end: its last lines may say why
      // (a panic, the guest powering off). One more read; whatever it answers, the run goes on.
      const before = consoleOutput.analysis;
      await consoleOutput.check(ctx).catch(() => undefined);
      if (consoleOutput.analysis !== before) report = null;
    } else if (signal.aborted && signal.reason instanceof InterruptedError) {
      reason = signal.reason.message;
      interrupted = true;
    } else if (signal.aborted && signal.reason instanceof DeadlineError) {
      // The deadline cut a call off (rather than a wait between polls): the same account of what was missing.
      reason = noConsoleReason(null) ?? `deadline reached (${Math.round(o.timeoutMs / 1000)}s)`;
      cause = consoleOutput.posted && infraTrouble === null ? 'image' : 'infrastructure';
    } else throw err;
  }

  const model = consoleOutput.analysis?.model;
  const final = report ?? analyse(consoleOutput.text, checkOptions(liveFacts()), model).report;
  const verdict = reason !== null && final.verdict !== 'fail' ? 'inconclusive' : final.verdict;
  if (verdict === 'fail') cause = 'image';
  let judged: CheckReport = { ...final, verdict };
  if (settled && verdict === 'fail' && ssh.outcome?.handshake !== true) {
    const sshdLine = model ? (progressOf(model).find((m) => m.id === 'sshd' || m.id === 'banner' || m.id === 'login') ?? null) : null;
    const diagnosis = sshPortDiagnosis({
      state: settled,
      address: tcp.host ?? instance.address ?? '(no address)',
      port: o.sshPort,
      graceMs: o.sshGraceMs,
      sshdLine,
      from: tcp.localAddress,
      securityGroupIds: o.securityGroupIds.length > 0 ? o.securityGroupIds : instance.securityGroupIds,
    });
    // The port is the root cause the rules could not see; what they found on the console follows.
    judged = { ...judged, diagnoses: [diagnosis, ...judged.diagnoses] };
    // Dropped packets are the network's doing, unless the console itself fails too.
    const consoleFails = judged.findings.some((f) => f.status === 'fail' && f.rule !== 'ssh-reachable');
    if (settled === 'silent' && !consoleFails) cause = 'infrastructure';
  }
  ctx.timeline.add('verdict', verdict + (reason ? `: ${reason.split('\n')[0]}` : ''));
  ctx.progress('verdict', verdict);
  return {
    report: judged,
    model: model ?? null,
    cause: verdict === 'pass' || (interrupted && verdict !== 'fail') ? null : (cause ?? 'image'),
    reason,
    console: consoleOutput.text,
    ssh: ssh.outcome,
    address: instance.address,
    lastState: instance.state,
  };
}
