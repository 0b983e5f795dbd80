import { describe, expect, it } from 'vitest';
import { analyseConsole } from '../../src/launcher/analyse.js';
import { runLaunch } from '../../src/launcher/run-launch.js';
import { XEN_60_OK, upTo } from '../rules/snippets.js';
import { virtualClock } from './clocks.js';
import { CONSOLE_ONLY, ec2Serving } from './console-ec2.js';

// A launched instance's console starts at its first boot: a crash in an earlier boot of it (it
// rebooted and came up again) is the image's, and the gate fails it; offline it is only noted.
const crashThenUp = `${upTo(XEN_60_OK, 'root on')}
panic: xnf_rxeof: mbuf has no cluster
syncing disks... done
rebooting...
${XEN_60_OK}`;

describe('a live run whose instance crashed once, rebooted and came up', () => {
  it('fails no-panic on the earlier boot, and the kernel-panic diagnosis says it rebooted', async () => {
    const r = await runLaunch(CONSOLE_ONLY, { ec2: ec2Serving(crashThenUp), clock: virtualClock(), analyse: analyseConsole });
    expect(r.verdict).toBe('fail');
    expect(r.findings.find((f) => f.rule === 'no-panic')).toMatchObject({ status: 'fail', message: 'an earlier boot of this instance crashed (panic: xnf_rxeof: mbuf has no cluster), then it rebooted' });
    expect(r.diagnoses[0]?.summary).toMatch(/^the kernel panicked in an earlier boot of this instance, which then rebooted: xnf_rxeof: mbuf has no cluster/);
    expect(r.cause).toBe('image');
  });

  it('the same console checked offline passes, the earlier crash noted', () => {
    const { report } = analyseConsole(crashThenUp, {});
    expect(report.findings.find((f) => f.rule === 'no-panic')?.message).toMatch(/^no panic in the judged boot \(an earlier boot in the buffer panicked at line \d+\)$/);
  });
});
