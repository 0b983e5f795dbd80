import { existsSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { expect, test } from 'vitest';
import { runSim } from '../../src/cli/commands/sim.js';
import { ConfigError } from '../../src/errors.js';
import { SCENARIOS } from '../../src/sim/index.js';

const defaults = { port: '0', host: '127.0.0.1', speed: '10', region: 'eu-west-1' };

test('prints endpoint, region, ssh port and the catalogue; serves until told to stop, then closes', async () => {
  let out = '';
  let err = '';
  let stop = (): void => undefined;
  const stopped = new Promise<void>((r) => { stop = r; });
  let printed = (): void => undefined;
  const ready = new Promise<void>((r) => { printed = r; });
  const running = runSim(defaults, { out: (s) => { out += s; if (s.startsWith('any credentials')) printed(); }, err: (s) => { err += s; }, until: () => stopped });
  await ready;
  const endpoint = /^endpoint +(http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1];
  expect(endpoint).toBeDefined();
  expect(out).toMatch(/^region +eu-west-1$/m);
  expect(out).toMatch(/^ssh port +\d+$/m);
  for (const s of SCENARIOS) expect(out).toContain(`${s.amiId}  ${s.instanceType}`);
  expect(out).toMatch(/ami-\S+ +m5\.large +fail: nitro-no-ena +nitro-no-ena:/);
  const ec2 = new EC2Client({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  expect((await ec2.send(new DescribeImagesCommand({}))).Images).toHaveLength(SCENARIOS.length);
  stop();
  await running;
  expect(err).toBe('simulator stopped\n');
  await expect(ec2.send(new DescribeImagesCommand({}))).rejects.toThrow();
});

test('bad flags are one-line ConfigErrors', async () => {
  const io = { out: () => undefined, err: () => undefined, until: () => Promise.resolve() };
  await expect(runSim({ ...defaults, speed: 'fast' }, io)).rejects.toThrow(ConfigError);
  await expect(runSim({ ...defaults, speed: '0' }, io)).rejects.toThrow(/positive/);
  await expect(runSim({ ...defaults, host: '10.0.0.1' }, io)).rejects.toThrow(/127\.0\.0\.0\/8/);
});

// Needs the built CLI (`npm run build`); the in-process test above covers the behaviour either way.
const bin = fileURLToPath(new URL('../../bin/bootgate.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../../dist/cli/commands/sim.js', import.meta.url)))
  && spawnSync(process.execPath, [bin, 'sim', '--help'], { encoding: 'utf8' }).stdout.includes('--speed');
test.skipIf(!built)('the real CLI shuts down cleanly on SIGINT', async () => {
  const child = spawn(process.execPath, [bin, 'sim', '--speed', '100'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); if (out.includes('Ctrl-C')) resolve(); });
    child.once('exit', () => reject(new Error(`exited early: ${err}`)));
  });
  child.kill('SIGINT');
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  expect(code).toBe(0);
  expect(err).toContain('simulator stopped');
}, 15_000);
