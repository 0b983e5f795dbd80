import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseConsole } from '../../src/launcher/analyse.js';
import type { Ec2Api } from '../../src/launcher/ec2.js';
import { runLaunch, type LaunchOptions } from '../../src/launcher/run-launch.js';
import { bootFacts, installerWaiting } from '../../src/model/boot-facts.js';
import { parseBootLog } from '../../src/parser/index.js';
import { FIXTURES_DIR } from '../helpers/fixture-file.js';
import { virtualClock } from './clocks.js';

// An image that boots bsd.rd stops at the installer's question. Nobody types on EC2's console, so
// the live gate says so as soon as the question is the console's last line, not at --timeout.
const fixture = readFileSync(join(FIXTURES_DIR, 'xen-7.6-bsd-rd-installer-waits.log'), 'utf8');
const waiting = fixture.slice(fixture.indexOf('\n\n') + 2);
const question = '(I)nstall, (U)pgrade, (A)utoinstall or (S)hell? ';
const autoinstall = waiting.replace(question, `Starting non-interactive mode in 5 seconds...\n${question}`);

function ec2Serving(consoleText: string): Ec2Api {
  return {
    describeImage: async (id) => ({ id, name: 'openbsd-7.6', architecture: 'x86_64', bootMode: 'legacy-bios', enaSupport: false, sriovNetSupport: null }),
    describeInstanceType: async (type) => ({ type, hypervisor: 'xen', enaSupport: 'unsupported', architectures: ['x86_64'], bootModes: ['legacy-bios'] }),
    runInstance: async () => 'i-1',
    describeInstance: async (id) => ({ id, state: 'running', privateIp: '127.0.0.9', publicIp: '127.0.0.9', launchTime: null }),
    getConsoleOutput: async () => ({ bytes: new TextEncoder().encode(consoleText), timestamp: null }),
    terminateInstance: async () => 'shutting-down',
    importKeyPair: async () => undefined,
    deleteKeyPair: async () => undefined,
  } as Ec2Api;
}

const opts: LaunchOptions = {
  amiId: 'ami-1', instanceType: 't2.micro', region: 'us-east-1', runId: 'run1', subnetId: null, securityGroupIds: [], keyName: null, privateKey: null,
  ssh: false, sshUser: 'root', sshAddress: 'public', sshPort: 22, imdsTokens: 'optional', timeoutMs: 1_200_000, pollIntervalMs: 5000,
  keepOnFailure: false, strictPreflight: false, tags: {}, loopbackOnly: true, teardownTimeoutMs: 1000,
};

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
