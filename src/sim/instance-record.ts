import type { ParsedKey } from 'ssh2';
import type { BootScript } from './console-script.js';
import type { SimInstanceType } from './instance-types.js';
import type { Scenario } from './scenarios.js';

/** Simulated seconds an instance stays `pending`. */
export const PENDING_SIM_S = 8;
/** Simulated seconds between TerminateInstances and `terminated`. */
export const SHUTDOWN_SIM_S = 10;
/** Simulated seconds a terminated instance stays visible (AWS: about an hour). */
export const RETAIN_SIM_S = 3600;
/** Nitro consoles without Latest=true, as a snapshot refreshed this often. */
export const NITRO_SNAPSHOT_SIM_S = 5;
/** Xen consoles refresh their snapshot this often unless the scenario says otherwise. */
export const XEN_SNAPSHOT_SIM_S = 10;
/** GetConsoleOutput keeps only the last 64 KB. */
export const CONSOLE_LIMIT_BYTES = 64 * 1024;

export type InstanceState = 'pending' | 'running' | 'shutting-down' | 'terminated';

/** Everything the simulator knows about one instance. Times are real ms from the injected clock. */
export interface InstanceRecord {
  readonly id: string;
  readonly reservationId: string;
  readonly launchIndex: number;
  readonly scenario: Scenario;
  readonly type: SimInstanceType;
  readonly launchedAt: number;
  terminateRequestedAt: number | null;
  /** StateReason once it ended on its own (scenario fault ends-on-its-own); null: ended by TerminateInstances, or still up. */
  endReason: { readonly code: string; readonly message: string } | null;
  /** Real ms from which the API no longer knows the instance, when an emulator forgets it early (fault forgetOnTerminate); else null. */
  forgetAt: number | null;
  readonly privateIp: string;
  /** What DescribeInstances reports as the public address: privateIp, or a made-up TEST-NET-3 one (scenario publicIp: fake). */
  readonly publicIp: string;
  readonly vpcIp: string;
  /** The guest's hostname (ip-172-31-…), what the EC2 DHCP server hands out for vpcIp. */
  readonly hostname: string;
  readonly keyName: string | null;
  readonly authorizedKey: ParsedKey | null;
  readonly tags: Record<string, string>;
  readonly volumeTags: Record<string, string>;
  readonly volumeId: string;
  readonly clientToken: string | null;
  readonly subnetId: string;
  readonly securityGroupIds: readonly string[];
  readonly shutdownBehavior: 'stop' | 'terminate';
  readonly httpTokens: 'optional' | 'required';
  readonly userData: string | null;
  /** Private key sshd presents (OpenSSH format) and its fingerprint. */
  readonly hostKey: string;
  readonly hostKeyFingerprint: string;
  readonly script: BootScript;
}

/** Converts between an instance's real-time clock and its simulated boot seconds. */
export interface Clock {
  readonly now: () => number;
  /** Simulated seconds per real second. */
  readonly speed: number;
}

export function simSeconds(rec: InstanceRecord, clock: Clock, realMs = clock.now()): number {
  return ((realMs - rec.launchedAt) / 1000) * clock.speed;
}

export function realAt(rec: InstanceRecord, clock: Clock, simS: number): number {
  return rec.launchedAt + (simS * 1000) / clock.speed;
}

/**
 * Applies a scenario's `ends-on-its-own` fault once its time has come: the instance then shuts
 * down as if terminated at that moment. Called before every API answer, so no answer sees it late.
 */
export function endOnItsOwn(rec: InstanceRecord, clock: Clock, realMs = clock.now()): void {
  if (rec.terminateRequestedAt !== null) return;
  for (const f of rec.scenario.faults) {
    if (f.kind !== 'ends-on-its-own' || simSeconds(rec, clock, realMs) < f.simSeconds) continue;
    rec.terminateRequestedAt = realAt(rec, clock, f.simSeconds);
    rec.endReason = { code: f.code, message: f.message };
  }
}

export function terminatedAt(rec: InstanceRecord, clock: Clock): number | null {
  if (rec.terminateRequestedAt === null) return null;
  return rec.terminateRequestedAt + (SHUTDOWN_SIM_S * 1000) / clock.speed;
}

export function stateOf(rec: InstanceRecord, clock: Clock, realMs = clock.now()): InstanceState {
  const end = terminatedAt(rec, clock);
  if (end !== null) return realMs >= end ? 'terminated' : 'shutting-down';
  return simSeconds(rec, clock, realMs) < PENDING_SIM_S ? 'pending' : 'running';
}

/** Terminated long enough ago that the API no longer knows the instance. */
export function isForgotten(rec: InstanceRecord, clock: Clock, realMs = clock.now()): boolean {
  if (rec.forgetAt !== null && realMs >= rec.forgetAt) return true;
  const end = terminatedAt(rec, clock);
  return end !== null && realMs >= end + (RETAIN_SIM_S * 1000) / clock.speed;
}

export interface ConsoleView {
  /** Console text visible now; '' when nothing was posted yet. */
  readonly text: string;
  /** Real ms of the last update of what is visible. */
  readonly updatedAt: number | null;
}

function snapshotPeriod(rec: InstanceRecord): number {
  return rec.type.hypervisor === 'xen' ? (rec.scenario.xenSnapshotSeconds ?? XEN_SNAPSHOT_SIM_S) : NITRO_SNAPSHOT_SIM_S;
}

/**
 * The simulated second up to which the console is visible. Snapshots are taken every
 * period and on state changes (running, terminate); Latest=true (Nitro only) reads live.
 */
function visibleUntil(rec: InstanceRecord, clock: Clock, latest: boolean, realMs: number): number {
  const now = simSeconds(rec, clock, realMs);
  // The guest stops printing when it is told to shut down.
  const end = rec.terminateRequestedAt === null ? Infinity : simSeconds(rec, clock, rec.terminateRequestedAt);
  if (latest) return Math.min(now, end);
  const period = snapshotPeriod(rec);
  let snap = Math.floor(now / period) * period;
  if (now >= end) snap = Math.max(snap, end);
  return Math.min(snap, end);
}

export function consoleView(rec: InstanceRecord, clock: Clock, latest: boolean, realMs = clock.now()): ConsoleView {
  if (rec.scenario.consoleNeverPosted) return { text: '', updatedAt: null };
  const until = visibleUntil(rec, clock, latest, realMs);
  const shown = rec.script.chunks.filter((c) => c.at <= until);
  const last = shown.at(-1);
  if (last === undefined) return { text: '', updatedAt: null };
  let text = shown.map((c) => c.text).join('');
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > CONSOLE_LIMIT_BYTES) text = bytes.subarray(bytes.length - CONSOLE_LIMIT_BYTES).toString('utf8');
  return { text, updatedAt: realAt(rec, clock, latest ? last.at : until) };
}

/** Real ms the decisive line first became readable through GetConsoleOutput (Latest where the type allows it). */
export function decisiveVisibleAt(rec: InstanceRecord, clock: Clock): number | null {
  const at = rec.script.decisiveAt;
  if (at === null || rec.scenario.consoleNeverPosted) return null;
  const end = rec.terminateRequestedAt === null ? Infinity : simSeconds(rec, clock, rec.terminateRequestedAt);
  if (at > end) return null;
  let visibleSim: number;
  if (rec.type.hypervisor === 'nitro') visibleSim = at;
  else {
    const period = snapshotPeriod(rec);
    visibleSim = Math.min(Math.ceil(at / period) * period, end);
  }
  const real = realAt(rec, clock, visibleSim);
  return real <= clock.now() ? real : null;
}
