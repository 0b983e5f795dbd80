import { describe, expect, it } from 'vitest';
import { SCENARIOS, type Scenario } from '../../src/sim/index.js';
import { useSimulator, isolatedEnv, launchArgs as argsOn, parseOne, runCli as spawnCli } from '../launcher/cli-harness.js';

// What needs a process of its own: signals, and a process that must exit by itself. Each test
// spawns `node bin/bootgate.js` against the simulator on loopback; the runs overlap.
const live = useSimulator({ speed: 300 });
const launchArgs = (s: Pick<Scenario, 'amiId' | 'instanceType'>, ...extra: string[]) => argsOn(live.sim, s, ...extra);

describe.concurrent('bootgate launch in its own process', () => {
  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s mid-watch terminates the instance and exits %i', async (sig, code) => {
    const s = SCENARIOS.find((x) => x.id === 'console-never-posted')!;
    const r = await spawnCli(
      ['launch', '--ami', s.amiId, '--instance-type', s.instanceType, '--endpoint-url', live.sim.endpoint, '--ssh-port', String(live.sim.sshPort), '--poll-interval', '250ms', '--timeout', '5m', '--format', 'json', '--tag', `signal=${sig}`],
      isolatedEnv(),
      (child, stderr) => {
        const timer = setInterval(() => {
          // Interrupt once the run has launched (the instance id appears in the progress lines).
          // Its own instance, by tag: the other signal's run is launching the same image meanwhile.
          if (/\[t2\.micro\] /.test(stderr()) || live.sim.instances().some((i) => i.tags['signal'] === sig && i.state === 'running')) {
            clearInterval(timer);
            setTimeout(() => child.kill(sig), 500);
          }
        }, 100);
        child.on('close', () => clearInterval(timer));
      },
    );
    expect(r.code, r.stderr).toBe(code);
    expect(r.signal).toBeNull();
    expect(r.stderr).toContain(`${sig}: stopping and terminating`);
    const report = parseOne(r);
    expect(report.verdict).toBe('inconclusive');
    expect(report.reason).toBe(`interrupted by ${sig}`);
    expect(report.instance.state).toBe('terminated');
    expect(live.sim.instances().find((i) => i.id === report.instance.id)?.state).toBe('terminated');
  }, 60_000);

  it.each([['healthy-7.6', 0], ['panic-in-attach', 1]] as const)('bin/bootgate.js in its own process: a %s run exits %i by itself (nothing keeps the process alive)', async (id, code) => {
    const s = SCENARIOS.find((x) => x.id === id)!;
    const r = await spawnCli(launchArgs(s, '--timeout', '40s'), isolatedEnv());
    expect(r.signal).toBeNull();
    expect(r.code, r.stderr).toBe(code);
    expect(parseOne(r).instance.state).toBe('terminated');
  }, 60_000);
});

describe('after every launch above', () => {
  it('leaves nothing running', () => {
    expect(live.sim.runningCount()).toBe(0);
  });
});

