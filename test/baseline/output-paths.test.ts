import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputDir } from '../../src/config/output-dir.js';
import { ConfigError } from '../../src/errors.js';
import { runCli, runCliHere } from '../helpers/run-cli.js';

const good = 'fixtures/diff/healthy-a.log';

describe('output directories are checked before any work', () => {
  it('a file, a file in the parent chain, or a missing path under a directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bootgate-outdir-'));
    const file = join(dir, 'plain');
    await writeFile(file, 'x');
    await expect(checkOutputDir(file, '--dir')).rejects.toThrow(new ConfigError(`--dir ${file}: is a file, not a directory`));
    await expect(checkOutputDir(join(file, 'sub', 'deeper'), '--dir')).rejects.toThrow(ConfigError);
    await expect(checkOutputDir(join(dir, 'new', 'deeper'), '--dir')).resolves.toBeUndefined();
    await expect(checkOutputDir(dir, '--dir')).resolves.toBeUndefined();
    // Nothing is created by the check itself.
    expect(await readdir(dir)).toEqual(['plain']);
  });

  it('baseline save --dir <a file> and launch --report-dir <a file> are one line, exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bootgate-outdir-'));
    const file = join(dir, 'plain');
    await writeFile(file, 'x');
    const save = await runCliHere(['baseline', 'save', good, '--name', 'k', '--dir', file], { offline: true });
    expect(save.status).toBe(2);
    expect(save.stderr).toBe(`bootgate: --dir ${file}: is a file, not a directory\n`);
    // The endpoint is a closed loopback port: the flag must be refused before any EC2 call is tried.
    const launch = runCli(['launch', '--ami', 'ami-0123456789abcdef0', '--region', 'us-east-1', '--endpoint-url', 'http://127.0.0.1:9',
      '--report-dir', file], { env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' } });
    expect(launch.status).toBe(2);
    expect(launch.stderr).toBe(`bootgate: --report-dir ${file}: is a file, not a directory\n`);
  });

  it('diff and check --baseline refuse a model that passed the old shallow check: one line, exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bootgate-outdir-'));
    const m = join(dir, 'm.json');
    await writeFile(m, JSON.stringify({ schemaVersion: 1, boots: [], lineCount: 0 }));
    const b = join(dir, 'b.json');
    await writeFile(b, JSON.stringify({ kind: 'bootgate-baseline', schemaVersion: 1, name: 'b', model: { schemaVersion: 1, boots: [{}], lineCount: 0 } }));
    for (const args of [['diff', m, good], ['diff', good, m], ['check', '--baseline', b, good]]) {
      const r = await runCliHere(args, { offline: true });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^bootgate: .*\.json: not a valid bootgate model: (model\.)?\w+/);
    }
  });
});
