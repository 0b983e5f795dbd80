import { describe, expect, it } from 'vitest';
import { analyseConsole } from '../../src/launcher/analyse.js';
import { runLaunch } from '../../src/launcher/run-launch.js';
import { XEN_60_OK } from '../rules/snippets.js';
import { virtualClock } from './clocks.js';
import { CONSOLE_ONLY, ec2Serving } from './console-ec2.js';

// An EC2 implementation may report a running instance with no address at all. SSH then has
// nothing to connect to: the console is judged, SSH stays unproven, and the run says so at the
// login prompt instead of waiting for --timeout.
describe('a running instance with no address', () => {
  it('is inconclusive at the login prompt, cause infrastructure, SSH rules naming why', async () => {
    const clock = virtualClock();
    const ec2 = ec2Serving(XEN_60_OK, { describeInstance: async (id) => ({ id, state: 'running', privateIp: null, publicIp: null, launchTime: null }) });
    const r = await runLaunch({ ...CONSOLE_ONLY, ssh: true }, { ec2, clock, analyse: analyseConsole });
    expect(r.verdict).toBe('inconclusive');
    expect(r.cause).toBe('infrastructure');
    expect(r.reason).toMatch(/^SSH not checked: DescribeInstances gives i-1 no public or private address; the boot reached the login prompt/);
    expect(r.findings.find((f) => f.rule === 'ssh-reachable')).toMatchObject({ status: 'inconclusive', message: 'no SSH probe was made: DescribeInstances gives i-1 no address to connect to' });
    expect(clock.elapsed()).toBeLessThan(60_000);
  });
});
