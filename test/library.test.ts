import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as bootgate from '../src/index.js';
import { VERSION } from '../src/version.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe("the library front door ('bootgate')", () => {
  it('parses and checks a console', () => {
    const { model } = bootgate.parseBootLog('OpenBSD 6.0 (GENERIC.MP) #2319: Tue Jul 26 13:00:43 MDT 2016\nmainbus0 at root\npvbus0 at mainbus0: Xen 4.2\nxen0 at pvbus0: features 0x705\nxnf0 at xen0: backend 0, event channel 5, address 0a:1c:b6:97:68:01\n');
    expect(bootgate.judgedBoot(model)?.devices.map((d) => d.name)).toEqual(['mainbus0', 'pvbus0', 'xen0', 'xnf0']);
    const report = bootgate.checkModel(model);
    expect(report.findings.find((f) => f.rule === 'nic-attach')?.status).toBe('pass');
  });

  it('resolves by package name from the built dist without loading the AWS SDK', () => {
    const script = "import { parseBootLog, VERSION } from 'bootgate'; const { model } = parseBootLog('mainbus0 at root\\n'); console.log(VERSION, model.boots.length);";
    const r = spawnSync(process.execPath, ['--import', './test/helpers/forbid-aws-sdk.mjs', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`${VERSION} 1`);
  });

  it('keeps VERSION in step with package.json', () => {
    expect(JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version).toBe(VERSION);
  });
});
