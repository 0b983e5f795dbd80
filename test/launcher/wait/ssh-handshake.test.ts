import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ssh2 from 'ssh2';
import { sshHandshake } from '../../../src/launcher/wait/ssh-handshake.js';
import { sshFingerprint } from '../../../src/net/ssh-fingerprint.js';
import { ed25519KeyPair } from '../../../src/net/ed25519-key.js';
import { systemClock } from '../../../src/launcher/clock.js';

const { Server, utils } = ssh2;
const hostKey = ed25519KeyPair();
const clientKey = ed25519KeyPair();
const hostKeyBlob = Buffer.from(hostKey.public.split(' ')[1]!, 'base64');
const expectedFp = sshFingerprint(hostKeyBlob);

let server: InstanceType<typeof Server>;
let port = 0;
const logins: string[] = [];

beforeAll(async () => {
  const allowed = utils.parseKey(clientKey.public);
  if (allowed instanceof Error) throw allowed;
  server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    client.on('authentication', (ctx) => {
      if (ctx.method === 'publickey' && ctx.username === 'root' && ctx.key.data.equals(allowed.getPublicSSH())) {
        logins.push(ctx.username);
        return ctx.accept();
      }
      ctx.reject(['publickey']);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        accept().on('exec', (acc, _rej, info) => {
          const stream = acc();
          stream.write(info.command === 'uname -a' ? 'OpenBSD sim 7.6 GENERIC.MP#1 amd64\n' : `out of ${info.command}\n`);
          stream.exit(0);
          stream.end();
        });
      });
    });
    client.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('sshFingerprint', () => {
  const hasKeygen = (() => {
    try {
      execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' });
    } catch (e) {
      return (e as NodeJS.ErrnoException).code !== 'ENOENT';
    }
    return true;
  })();
  it.skipIf(!hasKeygen)('matches ssh-keygen -l', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bootgate-fp-')), 'key.pub');
    writeFileSync(file, `${hostKey.public}\n`);
    expect(execFileSync('ssh-keygen', ['-l', '-f', file]).toString()).toContain(expectedFp);
  });

  it('is SHA256: plus unpadded base64 of 32 bytes', () => {
    expect(expectedFp).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});

describe('sshHandshake', () => {
  it('without a key: captures the host key and stops before authentication', async () => {
    const before = logins.length;
    const o = await sshHandshake({ host: '127.0.0.1', port, username: 'root', timeoutMs: 5000 }, systemClock);
    expect(o).toMatchObject({ handshake: true, hostKeySha256: expectedFp, loggedIn: false, error: null });
    expect(logins.length).toBe(before);
  });

  it('with a key and a trusted host key: logs in and runs the commands', async () => {
    const o = await sshHandshake(
      { host: '127.0.0.1', port, username: 'root', privateKey: clientKey.private, trustHostKey: (fp) => fp === expectedFp, timeoutMs: 5000, commands: ['dmesg', 'uname -a'] },
      systemClock,
    );
    expect(o.loggedIn).toBe(true);
    expect(o.outputs).toEqual({ dmesg: 'out of dmesg\n', 'uname -a': 'OpenBSD sim 7.6 GENERIC.MP#1 amd64\n' });
  });

  it('with a key but a host key the console did not vouch for: refuses to log in', async () => {
    const before = logins.length;
    const o = await sshHandshake(
      { host: '127.0.0.1', port, username: 'root', privateKey: clientKey.private, trustHostKey: () => false, timeoutMs: 5000, commands: ['dmesg'] },
      systemClock,
    );
    expect(o.handshake).toBe(true);
    expect(o.hostKeySha256).toBe(expectedFp);
    expect(o.loggedIn).toBe(false);
    expect(o.error).toMatch(/not logging in/);
    expect(logins.length).toBe(before);
  });

  it('a wrong key: handshake yes, login refused, said so', async () => {
    const other = ed25519KeyPair();
    const o = await sshHandshake({ host: '127.0.0.1', port, username: 'root', privateKey: other.private, timeoutMs: 5000 }, systemClock);
    expect(o.handshake).toBe(true);
    expect(o.loggedIn).toBe(false);
    expect(o.error).toMatch(/login refused/);
  });

  it('nothing listening: no handshake, an error, no throw', async () => {
    const o = await sshHandshake({ host: '127.0.0.1', port: 1, username: 'root', timeoutMs: 2000 }, systemClock);
    expect(o.handshake).toBe(false);
    expect(o.hostKeySha256).toBeNull();
    expect(o.error).toMatch(/ECONNREFUSED/);
  });
});
