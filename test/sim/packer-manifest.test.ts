import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runSim } from '../../src/cli/commands/sim.js';
import { readPackerManifest } from '../../src/launcher/packer-manifest.js';
import { SCENARIOS } from '../../src/sim/index.js';
import { ConfigError } from '../../src/errors.js';

const healthy = SCENARIOS.find((s) => s.expect.verdict === 'pass')!;

test('sim --packer-manifest writes a manifest whose last build is a healthy AMI in two regions, and says how to gate it', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'bootgate-sim-manifest-')), 'manifest.json');
  let out = '';
  await runSim({ port: '0', host: '127.0.0.1', speed: '10', region: 'us-east-2', packerManifest: path }, { out: (s) => { out += s; }, err: () => undefined, until: async () => undefined });
  // Only the last run's build counts: the earlier one (a single region) is not gated.
  expect(await readPackerManifest(path)).toEqual([
    { region: 'us-east-2', amiId: healthy.amiId },
    { region: 'eu-west-1', amiId: healthy.amiId },
  ]);
  expect(out).toMatch(new RegExp(`^try: bootgate launch --endpoint-url http://127\\.0\\.0\\.1:\\d+ --ssh-port \\d+ --packer-manifest ${path.replaceAll('.', '\\.')} --instance-type `, 'm'));
});

test('sim --packer-manifest to an unwritable place is one ConfigError, before the simulator starts', async () => {
  await expect(
    runSim({ port: '0', host: '127.0.0.1', speed: '10', region: 'us-east-1', packerManifest: '/nonexistent-dir/manifest.json' }, { out: () => undefined, err: () => undefined, until: async () => undefined }),
  ).rejects.toThrow(ConfigError);
});
