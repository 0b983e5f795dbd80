import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, runCliHere } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bootgate-out-'));
const LOG = join(dir, 'xen.log');
const boot = (n: number) =>
  [`OpenBSD 6.0 (GENERIC.MP) #${n}: Tue Jul 26 13:00:43 MDT 2016`, 'mainbus0 at root', 'pvbus0 at mainbus0: Xen 4.2', 'xen0 at pvbus0: features 0x705', 'xnf0 at xen0: backend 0, address 0a:1c:b6:97:68:01', 'root on wd0a (2979aa8c169aafe5.a) swap on wd0b dump on wd0b'].join('\n');
writeFileSync(LOG, `${boot(1)}\n`);
const root = fileURLToPath(new URL('../..', import.meta.url));
const hasDevFull = existsSync('/dev/full');

describe('writes that can fail', () => {
  it.skipIf(!hasDevFull).each([
    ['check', '-o', '/dev/full', LOG],
    ['check', '-f', 'html', '-o', '/dev/full', LOG],
    ['tree', '-o', '/dev/full', LOG],
    ['diff', '-o', '/dev/full', LOG, LOG],
  ])('a full disk is one line and exit 2: bootgate %s', async (...args) => {
    const r = await runCliHere(args, { offline: true });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^bootgate: cannot write \/dev\/full: ENOSPC\n$/);
  });

  it.skipIf(!hasDevFull)('stdout on a full disk too', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" bin/bootgate.js check "${LOG}" > /dev/full`], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('bootgate: cannot write stdout: ENOSPC\n');
  });

  it('a reader that goes away (| head -1) ends the output quietly, with the exit code of the verdicts', () => {
    // Enough trees that the pipe is closed long before the last one is written.
    const big = join(dir, 'many.log');
    writeFileSync(big, Array.from({ length: 400 }, (_, i) => boot(i)).join('\nrebooting...\n') + '\n');
    const run = (cmd: string, pipe: string) =>
      spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" bin/bootgate.js ${cmd} ${pipe}`], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    for (const cmd of [`tree --all-boots "${big}"`, `check "${LOG}" "${LOG}" "${LOG}"`]) {
      const r = run(cmd, '| head -1 >/dev/null');
      expect(r.stderr).toBe('');
      expect(r.status).toBe(run(cmd, '>/dev/null').status);
    }
  });

  it('tree - - is refused: stdin can be read once', () => {
    const r = runCli(['tree', '-', '-'], { offline: true, input: boot(1) });
    expect([r.status, r.stderr]).toEqual([2, 'bootgate: stdin (-) can be read only once\n']);
  });

  it('tree --width must be a whole number', async () => {
    for (const w of ['abc', '-1', '2.5', '']) {
      const r = await runCliHere(['tree', '--width', w, LOG], { offline: true });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^bootgate: --width: ".*" is not a whole number/);
    }
    expect((await runCliHere(['tree', '--width', '0', LOG], { offline: true })).status).toBe(0);
  });

  it('empty names are refused: sim --region "", demo --scenario ""', async () => {
    expect(await runCliHere(['sim', '--region', ''], { offline: true })).toMatchObject({ status: 2, stderr: 'bootgate: --region: empty region name\n' });
    expect(await runCliHere(['demo', '--scenario', ''], { offline: true })).toMatchObject({ status: 2, stderr: expect.stringMatching(/^bootgate: --scenario: no scenario id given/) });
    expect((await runCliHere(['demo', '--scenario', ' , '], { offline: true })).status).toBe(2);
  });

  it('a policy or allow file with a UTF-8 byte order mark is read like one without', async () => {
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, `\ufeff${JSON.stringify({ forbid: ['ena*'] })}`);
    const r = await runCliHere(['check', '--expect', policy, LOG], { offline: true });
    expect(r.stderr).toBe('');
    expect(r.status).not.toBe(2);
  });
});

describe('bootgate baseline: list and save refuse what would hide a mistake', () => {
  it('list --dir of a missing directory is exit 2, not an empty list', async () => {
    const r = await runCliHere(['baseline', 'list', '--dir', join(dir, 'nope')], { offline: true });
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`bootgate: baseline list: no directory ${join(dir, 'nope')}\n`);
  });

  it('save does not replace an existing name without --force', async () => {
    const bdir = join(dir, 'b');
    const first = await runCliHere(['baseline', 'save', LOG, '--name', 'k', '--dir', bdir, '--no-rules'], { offline: true });
    expect(first.status).toBe(0);
    const before = readFileSync(join(bdir, 'k.json'), 'utf8');
    const other = join(dir, 'other.log');
    writeFileSync(other, `${boot(2)}\n`);
    const again = await runCliHere(['baseline', 'save', other, '--name', 'k', '--dir', bdir, '--no-rules'], { offline: true });
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/k\.json exists; --force replaces it/);
    expect(readFileSync(join(bdir, 'k.json'), 'utf8')).toBe(before);
    expect((await runCliHere(['baseline', 'save', other, '--name', 'k', '--dir', bdir, '--no-rules', '--force'], { offline: true })).status).toBe(0);
    expect(readFileSync(join(bdir, 'k.json'), 'utf8')).not.toBe(before);
  });
});
