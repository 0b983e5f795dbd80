import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../errors.js';
import { Ec2Actions, counter } from './ec2-actions.js';
import { SIM_REGIONS, signingRegion } from './regions.js';
import { Ec2Error } from './ec2-error.js';
import { FaultTable, type SimFaults } from './faults.js';
import { decisiveVisibleAt, endOnItsOwn, simSeconds, stateOf, terminatedAt, type Clock, type InstanceRecord } from './instance-record.js';
import { assertLoopback } from './loopback.js';
import { openSilentPort, type SilentPort } from './silent-port.js';
import { startSshServer, type ExecResult, type InstanceSshServer } from './ssh-server.js';
import { ec2ErrorResponse, ec2Response } from './xml.js';

export { SCENARIOS, findScenario, expectationOn, type Scenario, type ScenarioFault, type ScenarioImage } from './scenarios.js';
export { SIM_REGIONS } from './regions.js';
export { INSTANCE_TYPES, findInstanceType, type SimInstanceType } from './instance-types.js';
export type { SimFaults, Hold, HoldOptions, FailOptions } from './faults.js';

export interface SimulatorOptions {
  /** Default '127.0.0.1'; anything outside 127.0.0.0/8 is refused. */
  host?: string;
  /** 0 = any free port (default). */
  port?: number;
  /** Simulated seconds per real second (boot scripts are written in simulated seconds). Default 10. */
  speed?: number;
  /** Injectable clock (ms), default Date.now. */
  now?: () => number;
  /** Default 'us-east-1': the region the simulator names when asked for one. */
  region?: string;
  /**
   * Regions served, each with its own instances and key pairs, picked by the SigV4 credential
   * scope of a request. Default: SIM_REGIONS plus `region`.
   */
  regions?: readonly string[];
}

export interface SimInstance {
  id: string;
  amiId: string;
  scenarioId: string;
  instanceType: string;
  state: 'pending' | 'running' | 'shutting-down' | 'terminated';
  launchedAt: number;
  terminatedAt: number | null;
  privateIp: string;
  publicIp: string;
  keyName: string | null;
  tags: Record<string, string>;
  clientToken: string | null;
  /** Additions beyond the launcher contract, for tests. */
  volumeTags: Record<string, string>;
  /** The address the guest believes it has (its console and hostname use it); the API reports privateIp. */
  vpcIp: string;
  hostname: string;
  /** "SHA256:…" of the host key this instance's sshd presents. */
  hostKeyFingerprint: string;
  httpTokens: 'optional' | 'required';
  shutdownBehavior: 'stop' | 'terminate';
  userData: string | null;
  /** The region whose tables hold it. */
  region: string;
}

/** One request; `region` is its credential scope's (null when unsigned). */
export interface SimCall { action: string; at: number; params: Record<string, string>; region: string | null }

export interface Simulator {
  /** 'http://127.0.0.1:PORT' */
  endpoint: string;
  region: string;
  /** Every region served. */
  regions: readonly string[];
  /** Every instance's sshd listens on <its 127.0.0.N address>:sshPort. */
  sshPort: number;
  instances(): SimInstance[];
  /** pending + running + shutting-down */
  runningCount(): number;
  /** Sum over instances of (terminatedAt ?? now) - launchedAt, in seconds (real time). */
  instanceSeconds(): number;
  /** Real-time ms at which the scenario's decisive console line first became visible to GetConsoleOutput (null if not yet). */
  decisivePostedAt(instanceId: string): number | null;
  /** Calls received (the last 10 000), for tests. */
  calls(): SimCall[];
  /** Holds and injected errors by action, for tests (signals and deadlines landing mid-call). */
  readonly faults: SimFaults;
  /** Stops HTTP and every ssh server; terminates nothing implicitly. */
  close(): Promise<void>;
}

const MAX_CALLS = 10_000;
const MAX_BODY = 1024 * 1024;
const RECONCILE_MS = 50;

type Listener = { kind: 'ssh'; server: InstanceSshServer } | { kind: 'silent'; port: SilentPort };

/** What an instance's port 22 should be doing now. */
function wantedListener(rec: InstanceRecord, clock: Clock): 'ssh' | 'silent' | 'none' {
  if (stateOf(rec, clock) !== 'running') return 'none';
  // Nothing listens (connections are refused), or something drops the SYNs, whatever the console says.
  if (rec.scenario.port22 === 'refused') return 'none';
  if (rec.scenario.port22 === 'filtered') return 'silent';
  const { network, sshdAt } = rec.script;
  if (!network) return 'silent';
  return sshdAt !== null && simSeconds(rec, clock) >= sshdAt ? 'ssh' : 'none';
}

function execOn(rec: InstanceRecord, command: string): ExecResult {
  const cmd = command.trim();
  if (cmd === 'dmesg' || cmd === '/sbin/dmesg') return { stdout: rec.script.dmesg, stderr: '', code: 0 };
  if (cmd === 'uname -a' || cmd === '/usr/bin/uname -a') return { stdout: `${rec.script.uname}\n`, stderr: '', code: 0 };
  if (cmd === 'hostname') return { stdout: `${rec.hostname}\n`, stderr: '', code: 0 };
  const word = cmd.split(/\s+/)[0] ?? '';
  return { stdout: '', stderr: `ksh: ${word}: not found\n`, code: 127 };
}

async function freePort(host: string): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.listen(0, host, () => resolve());
  });
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const host = opts.host ?? '127.0.0.1';
  assertLoopback(host);
  const speed = opts.speed ?? 10;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new ConfigError(`simulator speed must be a positive number, not ${String(opts.speed)}`);
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`simulator port must be 0..65535, not ${String(opts.port)}`);
  const clock: Clock = { now: opts.now ?? Date.now, speed };
  const region = opts.region ?? 'us-east-1';
  const addresses = counter();
  const served = [...new Set([region, ...(opts.regions ?? SIM_REGIONS)])];
  const faults = new FaultTable();
  // Each region's own tables: an AMI, instance or key pair of one region is unknown in another.
  const byRegion = new Map(served.map((r) => [r, new Ec2Actions(clock, r, addresses, faults)] as const));
  const records = (): InstanceRecord[] => [...byRegion.values()].flatMap((a) => a.records);
  const calls: SimCall[] = [];
  const sshPort = await freePort(host);

  const listeners = new Map<string, Listener>();
  /** Instances whose listener is being changed; at most one change in flight per instance. */
  const busy = new Map<string, Promise<void>>();
  let closed = false;

  const stopListener = async (id: string): Promise<void> => {
    const l = listeners.get(id);
    if (l === undefined) return;
    listeners.delete(id);
    if (l.kind === 'ssh') await l.server.close();
    else await l.port.close();
  };

  const change = async (rec: InstanceRecord, want: 'ssh' | 'silent' | 'none'): Promise<void> => {
    await stopListener(rec.id);
    if (closed) return;
    if (want === 'ssh') {
      const ssh = await startSshServer({ host: rec.privateIp, port: sshPort, hostKey: rec.hostKey, authorizedKey: rec.authorizedKey, exec: (c) => execOn(rec, c) });
      listeners.set(rec.id, { kind: 'ssh', server: ssh });
    } else if (want === 'silent') {
      listeners.set(rec.id, { kind: 'silent', port: await openSilentPort(rec.privateIp, sshPort) });
    }
    if (closed) await stopListener(rec.id);
  };

  const reconcile = (): void => {
    if (closed) return;
    for (const rec of records()) {
      endOnItsOwn(rec, clock);
      const want = wantedListener(rec, clock);
      if (want === (listeners.get(rec.id)?.kind ?? 'none') || busy.has(rec.id)) continue;
      // A failed bind is retried on the next tick; the instance just looks unreachable meanwhile.
      busy.set(rec.id, change(rec, want).catch(() => undefined).finally(() => busy.delete(rec.id)));
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => void answer());
    const answer = async (): Promise<void> => {
      const requestId = randomUUID();
      const send = (status: number, body: string): void => {
        res.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId });
        res.end(body);
      };
      const fail = (e: Ec2Error): void => send(e.status, ec2ErrorResponse(e.code, e.message, requestId));
      if (tooBig) return fail(new Ec2Error('RequestEntityTooLarge', `Request body exceeds ${MAX_BODY} bytes`, 413));
      if (req.method !== 'POST') return fail(new Ec2Error('InvalidHttpRequest', 'The EC2 Query API takes POST requests here', 400));
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const params: Record<string, string> = {};
      for (const [k, v] of form) params[k] = v;
      const action = params['Action'] ?? '';
      delete params['Action'];
      delete params['Version'];
      const scope = signingRegion(req.headers.authorization);
      calls.push({ action, at: clock.now(), params, region: scope });
      if (calls.length > MAX_CALLS) calls.splice(0, calls.length - MAX_CALLS);
      reconcile();
      if (req.headers.authorization === undefined) return fail(new Ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials', 401));
      // A signature without a SigV4 scope (a hand-made request) gets the default region.
      const actions = byRegion.get(scope ?? region);
      if (actions === undefined) return fail(new Ec2Error('AuthFailure', `Credential should be scoped to a valid region, not '${scope}'.`, 401));
      try {
        await faults.gate(action, 'before');
        faults.failure(action);
        const body = actions.handle(action, faults.unfilter(action, params));
        faults.failure(action, 'after');
        await faults.gate(action, 'after');
        send(200, ec2Response(action, requestId, body));
      } catch (err) {
        if (err instanceof Ec2Error) return fail(err);
        const msg = err instanceof Error ? err.message : String(err);
        fail(new Ec2Error('InternalError', `simulator: ${msg}`, 500));
      } finally {
        reconcile();
      }
    };
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(new ConfigError(`simulator cannot listen on ${host}:${port}: ${e.message}`)));
    server.listen(port, host, () => resolve());
  });
  const timer = setInterval(reconcile, RECONCILE_MS);
  timer.unref();
  const httpPort = (server.address() as AddressInfo).port;

  const snapshot = (rec: InstanceRecord, region: string): SimInstance => ({
    id: rec.id,
    amiId: rec.scenario.amiId,
    scenarioId: rec.scenario.id,
    instanceType: rec.type.name,
    state: stateOf(rec, clock),
    launchedAt: rec.launchedAt,
    terminatedAt: (() => { const t = terminatedAt(rec, clock); return t !== null && t <= clock.now() ? t : null; })(),
    privateIp: rec.privateIp,
    publicIp: rec.publicIp,
    keyName: rec.keyName,
    tags: { ...rec.tags },
    clientToken: rec.clientToken,
    volumeTags: { ...rec.volumeTags },
    vpcIp: rec.vpcIp,
    hostname: rec.hostname,
    hostKeyFingerprint: rec.hostKeyFingerprint,
    httpTokens: rec.httpTokens,
    shutdownBehavior: rec.shutdownBehavior,
    userData: rec.userData,
    region,
  });

  return {
    endpoint: `http://${host}:${httpPort}`,
    region,
    regions: served,
    sshPort,
    instances: () => [...byRegion].flatMap(([r, a]) => a.records.map((rec) => snapshot(rec, r))),
    runningCount: () => records().filter((r) => stateOf(r, clock) !== 'terminated').length,
    instanceSeconds: () => {
      const now = clock.now();
      return records().reduce((sum, r) => {
        const t = terminatedAt(r, clock);
        return sum + ((t !== null && t <= now ? t : now) - r.launchedAt) / 1000;
      }, 0);
    },
    decisivePostedAt: (id) => {
      const rec = records().find((r) => r.id === id);
      return rec === undefined ? null : decisiveVisibleAt(rec, clock);
    },
    calls: () => calls.map((c) => ({ ...c, params: { ...c.params } })),
    faults,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      faults.releaseAll();
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.all([...busy.values()]);
      await Promise.all([...listeners.keys()].map((id) => stopListener(id)));
      await httpClosed;
    },
  };
}
