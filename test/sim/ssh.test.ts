import { createHash } from 'node:crypto';
import net from 'node:net';
import { type _InstanceType, GetConsoleOutputCommand, ImportKeyPairCommand, RunInstancesCommand, TerminateInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import ssh2 from 'ssh2';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { SCENARIOS, type Simulator } from '../../src/sim/index.js';
import { manualClock, simWithClient, userKey } from './sim-client.js';

let sim: Simulator;
let ec2: EC2Client;
let clock: ReturnType<typeof manualClock>;
const key = userKey();

beforeEach(async () => {
  clock = manualClock();
  ({ sim, ec2 } = await simWithClient({ now: clock.now, speed: 1 }));
  await ec2.send(new ImportKeyPairCommand({ KeyName: 'me', PublicKeyMaterial: Buffer.from(key.public) }));
});
afterEach(async () => {
  await sim.close();
});

async function launch(scenario: string): Promise<{ id: string; ip: string }> {
  const s = SCENARIOS.find((x) => x.id === scenario)!;
  const r = await ec2.send(new RunInstancesCommand({ ImageId: s.amiId, InstanceType: s.instanceType as _InstanceType, MinCount: 1, MaxCount: 1, KeyName: 'me' }));
  const i = r.Instances![0]!;
  return { id: i.InstanceId!, ip: i.PrivateIpAddress! };
}

/** TCP probe as the launcher does it: open, refused, or silent within `ms`. */
function probe(host: string, port: number, ms = 300): Promise<'open' | 'refused' | 'silent'> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (r: 'open' | 'refused' | 'silent') => { s.destroy(); resolve(r); };
    s.setTimeout(ms, () => done('silent'));
    s.once('connect', () => done('open'));
    s.once('error', () => done('refused'));
  });
}

async function waitFor(host: string, port: number, want: 'open' | 'refused' | 'silent'): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if ((await probe(host, port, 150)) === want) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${host}:${port} never became ${want}`);
}

interface SshResult { fingerprint: string; dmesg?: string; uname?: string; authError?: string }

function sshSession(host: string, port: number, privateKey: string | null): Promise<SshResult> {
  return new Promise((resolve, reject) => {
    const c = new ssh2.Client();
    let fingerprint = '';
    c.on('ready', () => {
      const run = (cmd: string) => new Promise<string>((res, rej) => c.exec(cmd, (err, stream) => {
        if (err) return rej(err);
        let out = '';
        stream.on('data', (d: Buffer) => { out += d.toString(); }).on('close', () => res(out));
      }));
      void (async () => {
        const dmesg = await run('dmesg');
        const uname = await run('uname -a');
        c.end();
        resolve({ fingerprint, dmesg, uname });
      })().catch(reject);
    });
    c.on('error', (e) => {
      if (fingerprint !== '' && /authentication/i.test(e.message)) resolve({ fingerprint, authError: e.message });
      else reject(e);
    });
    c.connect({
      host, port, username: 'root', readyTimeout: 3000,
      ...(privateKey === null ? { password: 'x' } : { privateKey }),
      hostVerifier: (k: Buffer) => { fingerprint = `SHA256:${createHash('sha256').update(k).digest('base64').replace(/=+$/, '')}`; return true; },
    });
  });
}

async function bannerFingerprint(id: string): Promise<string | undefined> {
  const r = await ec2.send(new GetConsoleOutputCommand({ InstanceId: id }));
  const text = Buffer.from(r.Output ?? '', 'base64').toString('utf8');
  return /^ec2: 256 (SHA256:\S+) root@ip-172-31-[\d-]+\.ec2\.internal \(ED25519\)/m.exec(text)?.[1];
}

test('healthy instance: refused before sshd, then the presented host key is the one in the banner; dmesg and uname over ssh', async () => {
  const { id, ip } = await launch('healthy-xen-6.0');
  expect(ip).toMatch(/^127\./);
  clock.advance(20_000); // running, kernel done, sshd not started yet
  await waitFor(ip, sim.sshPort, 'refused');
  clock.advance(60_000);
  await waitFor(ip, sim.sshPort, 'open');
  const banner = await bannerFingerprint(id);
  expect(banner).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  const s = await sshSession(ip, sim.sshPort, key.private);
  expect(s.fingerprint).toBe(banner);
  expect(s.fingerprint).toBe(sim.instances()[0]?.hostKeyFingerprint);
  expect(s.dmesg).toMatch(/^OpenBSD 6\.0 \(GENERIC\.MP\)/);
  expect(s.dmesg).toContain('root on wd0a');
  expect(s.dmesg).not.toContain('DHCPACK'); // rc output is not in the kernel message buffer
  expect(s.uname).toMatch(/^OpenBSD ip-172-31-\S+ 6\.0 GENERIC\.MP#\d+ amd64\n$/);
});

test('a key other than the launch key pair is refused', async () => {
  const { ip } = await launch('healthy-7.6');
  clock.advance(120_000);
  await waitFor(ip, sim.sshPort, 'open');
  await expect(sshSession(ip, sim.sshPort, userKey().private)).resolves.toMatchObject({ authError: expect.stringMatching(/authentication/i) });
});

test('host-key-mismatch: sshd presents a key the banner does not list', async () => {
  const { id, ip } = await launch('host-key-mismatch');
  clock.advance(120_000);
  await waitFor(ip, sim.sshPort, 'open');
  const banner = await bannerFingerprint(id);
  const s = await sshSession(ip, sim.sshPort, key.private);
  expect(banner).toMatch(/^SHA256:/);
  expect(s.fingerprint).toMatch(/^SHA256:/);
  expect(s.fingerprint).not.toBe(banner);
});

test('no network (Nitro, no ENA): port 22 is silent, neither open nor refused', async () => {
  const { ip } = await launch('nitro-no-ena');
  clock.advance(120_000);
  await waitFor(ip, sim.sshPort, 'silent');
  expect(await probe(ip, sim.sshPort, 300)).toBe('silent');
});

test('terminate closes the ssh server; close leaves nothing listening and nothing running', async () => {
  const a = await launch('healthy-xen-6.0');
  const b = await launch('dhcp-no-offer');
  clock.advance(120_000);
  await waitFor(a.ip, sim.sshPort, 'open');
  await waitFor(b.ip, sim.sshPort, 'silent');
  await ec2.send(new TerminateInstancesCommand({ InstanceIds: [a.id, b.id] }));
  await waitFor(a.ip, sim.sshPort, 'refused');
  await waitFor(b.ip, sim.sshPort, 'refused');
  clock.advance(10_000);
  expect(sim.runningCount()).toBe(0);
});

test('close() stops listeners of instances still running', async () => {
  const { ip } = await launch('healthy-xen-6.0');
  clock.advance(120_000);
  await waitFor(ip, sim.sshPort, 'open');
  expect(sim.runningCount()).toBe(1); // the test's business: close() terminates nothing
  await sim.close();
  expect(await probe(ip, sim.sshPort)).toBe('refused');
  await expect(fetch(sim.endpoint)).rejects.toThrow();
});
