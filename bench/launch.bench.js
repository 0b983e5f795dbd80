// Launcher figures on the simulator (nothing leaves 127.0.0.0/8). Build first (`npm run bench`).
// Prints, per scenario: time-to-verdict after the decisive console line was posted, instance-
// seconds, and what a Packer-style "wait for SSH, 5-minute timeout" would have cost; then how
// soon TerminateInstances follows the verdict; then a 20-type matrix, wall time vs slowest run.
import { startSimulator, SCENARIOS, INSTANCE_TYPES } from '../dist/sim/index.js';
import { createEc2, runLaunch, newRunId, analyseConsole, systemClock } from '../dist/launcher/index.js';

const SPEED = 20; // simulated seconds per real second
const POLL_MS = 250; // real; 5 simulated seconds
const SSH_BASELINE_TIMEOUT_S = 300; // simulated (= AWS) seconds

const sim = await startSimulator({ speed: SPEED });
const { api, client } = await createEc2({ endpoint: sim.endpoint, region: sim.region, credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' } });
const runId = newRunId();
// A scenario's own flags that change what connects: --ssh-address (fake-public-ip: only the
// private address is loopback, the made-up public one must never be connected to).
const flagOf = (s, name) => { const i = (s?.launchFlags ?? []).indexOf(name); return i >= 0 ? s.launchFlags[i + 1] : undefined; };
// A port that refuses or stays silent is decided once the grace after sshd's start has run out.
const SSH_GRACE_MS = 3000;
const opts = (amiId, instanceType, s) => ({
  amiId, instanceType, region: sim.region, runId, subnetId: null, securityGroupIds: [], keyName: null, privateKey: null,
  ssh: true, sshUser: 'root', sshAddress: flagOf(s, '--ssh-address') ?? 'public', sshPort: sim.sshPort, imdsTokens: 'optional',
  timeoutMs: 15_000, pollIntervalMs: POLL_MS, keepOnFailure: false, strictPreflight: false, tags: {}, loopbackOnly: true, teardownTimeoutMs: 30_000, sshGraceMs: SSH_GRACE_MS,
});
const deps = { ec2: api, clock: systemClock, analyse: analyseConsole };
const at = (report, event) => {
  const e = report.timeline.find((t) => t.event === event);
  return e ? Date.parse(e.at) : null;
};
const pad = (s, n) => String(s).padEnd(n);
const num = (x, d = 1) => (x === null || x === undefined ? '-' : x.toFixed(d));

console.log(`simulator speed ${SPEED}x, poll ${POLL_MS}ms real (${(POLL_MS * SPEED) / 1000}s simulated); times in real ms, costs in simulated (AWS) instance-seconds`);
console.log('baseline = wait for SSH with a 5-minute timeout, modelled from this run: SSH up → launch-to-SSH time; never up → 300 s (not actually waited)');
console.log([pad('scenario', 30), pad('verdict', 13), pad('after-decisive', 15), pad('inst-s', 8), pad('baseline-s', 11), pad('terminate-after', 15)].join(' '));

const results = [];
for (const s of SCENARIOS.filter((x) => !x.consoleNeverPosted && !x.faults.some((f) => f.kind === 'capacity'))) {
  const report = await runLaunch(opts(s.amiId, s.instanceType, s), deps);
  const id = report.instance.id;
  const verdictAt = at(report, 'verdict');
  const decisive = id ? sim.decisivePostedAt(id) : null;
  const afterDecisive = decisive !== null && verdictAt !== null ? verdictAt - decisive : null;
  const term = sim.calls().find((c) => c.action === 'TerminateInstances' && Object.values(c.params).includes(id));
  const termAfter = term && verdictAt !== null ? term.at - verdictAt : null;
  const launched = at(report, 'run-instances');
  const sshUp = at(report, 'ssh-handshake');
  const baseline = sshUp !== null && launched !== null ? ((sshUp - launched) / 1000) * SPEED : SSH_BASELINE_TIMEOUT_S;
  const instS = report.cost.instanceSeconds * SPEED;
  results.push({ s, report, afterDecisive, termAfter });
  console.log([pad(s.id, 30), pad(report.verdict, 13), pad(afterDecisive === null ? '-' : `${afterDecisive}ms`, 15), pad(num(instS), 8), pad(num(baseline), 11), pad(termAfter === null ? '-' : `${termAfter}ms`, 15)].join(' '));
}
const bound = POLL_MS + 1000;
// The decisive line of a shut port is sshd's start: its verdict is due a grace later.
const late = results.filter((r) => r.afterDecisive !== null && r.afterDecisive > bound + (r.s.port22 ? SSH_GRACE_MS : 0));
const slowTerm = results.filter((r) => r.termAfter === null || r.termAfter > 2000);
console.log(`time-to-verdict after the decisive line ≤ poll interval + 1 s (${bound}ms; a shut SSH port: + the ${SSH_GRACE_MS}ms grace): ${late.length === 0 ? 'yes' : `NO: ${late.map((r) => r.s.id).join(', ')}`}`);
console.log(`TerminateInstances within 2 s of the verdict: ${slowTerm.length === 0 ? 'yes' : `NO: ${slowTerm.map((r) => r.s.id).join(', ')}`}`);

// Matrix: one healthy 7.6 image on 20 x86 types at once.
const healthy = SCENARIOS.find((x) => x.id === 'healthy-7.6');
const types = INSTANCE_TYPES.filter((t) => t.arch === 'x86_64').slice(0, 20).map((t) => t.name);
const t0 = Date.now();
const matrix = await Promise.all(types.map((t) => runLaunch(opts(healthy.amiId, t), deps)));
const wall = Date.now() - t0;
const slowest = Math.max(...matrix.map((r) => (at(r, 'terminated') ?? Date.now()) - Date.parse(r.timeline[0].at)));
console.log(`matrix of ${types.length} types: wall ${wall}ms, slowest single run ${slowest}ms (ratio ${(wall / slowest).toFixed(2)}); verdicts ${[...new Set(matrix.map((r) => r.verdict))].join('/')}`);

client.destroy();
const running = sim.runningCount();
console.log(`instances still running: ${running}`);
await sim.close();
process.exitCode = running === 0 && late.length === 0 && slowTerm.length === 0 ? 0 : 1;
