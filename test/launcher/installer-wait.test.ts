import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseConsole } from '../../src/launcher/analyse.js';
import { runLaunch } from '../../src/launcher/run-launch.js';
import { bootFacts, installerWaiting } from '../../src/model/boot-facts.js';
import { parseBootLog } from '../../src/parser/index.js';
import { FIXTURES_DIR } from '../helpers/fixture-file.js';
import { virtualClock } from './clocks.js';
import { CONSOLE_ONLY, ec2Serving } from './console-ec2.js';

// An image that boots bsd.rd stops at the installer's question. Nobody types on EC2's console, so
// the live gate says so as soon as the question is the console's last line, not at --timeout.
const fixture = readFileSync(join(FIXTURES_DIR, 'xen-7.6-bsd-rd-installer-waits.log'), 'utf8');
const waiting = fixture.slice(fixture.indexOf('\n\n') + 2);
const question = '(I)nstall, (U)pgrade, (A)utoinstall or (S)hell? ';
const autoinstall = waiting.replace(question, `Starting non-interactive mode in 5 seconds...\n${question}`);

const opts = CONSOLE_ONLY;

describe('installerWaiting', () => {
  const at = (text: string) => installerWaiting(bootFacts(parseBootLog(text).model));
  it('is the question when it is the boot\'s last line, and nothing when the installer goes on', () => {
    expect(at(waiting)?.text.trim()).toBe(question.trim());
    expect(at(autoinstall)).toBeNull();
    expect(at(`${waiting}I\nAt any prompt except password prompts you can escape to a shell by\n`)).toBeNull();
  });
});

describe('a live run whose image boots the installer', () => {
  it('ends inconclusive at the question, blamed on the image, within a few polls', async () => {
    const clock = virtualClock();
    const r = await runLaunch(opts, { ec2: ec2Serving(waiting), clock, analyse: analyseConsole });
    expect(r.verdict).toBe('inconclusive');
    expect(r.cause).toBe('image');
    expect(r.reason).toMatch(/^the image boots the installer \(bsd\.rd\), which waits at line \d+ \(`\(I\)nstall, \(U\)pgrade, \(A\)utoinstall or \(S\)hell\?`\)/);
    expect(r.diagnoses.map((d) => d.id)).toContain('ramdisk-kernel');
    expect(clock.elapsed()).toBeLessThan(60_000);
  });

  it('an autoinstall goes on by itself: the run keeps watching until its deadline', async () => {
    const clock = virtualClock();
    const r = await runLaunch({ ...opts, timeoutMs: 120_000 }, { ec2: ec2Serving(autoinstall), clock, analyse: analyseConsole });
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(/^timed out after 120s/);
  });
});
