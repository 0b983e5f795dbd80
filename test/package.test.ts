import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The package as npm publishes it: what `npm pack` takes, and how Node loads the built dist.
const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  license: string;
  repository?: { url?: string };
};

/** Every file `npm pack` would put in the tarball (no scripts run, nothing written). */
function packed(): string[] {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
}

describe('the published package', () => {
  it('carries an ISC LICENSE naming the authors, and a repository', () => {
    expect(pkg.license).toBe('ISC');
    const text = readFileSync(join(root, 'LICENSE'), 'utf8');
    expect(text).toMatch(/^ISC License\n\nCopyright \(c\) \d{4} the bootgate authors\n/);
    expect(text).toContain('Permission to use, copy, modify, and/or distribute this software');
    expect(pkg.repository?.url).toMatch(/^git\+https:\/\/.+\.git$/);
  });

  it('packs the LICENSE and every docs/ file the CLI --help text points to', () => {
    const files = packed();
    const cliSources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? cliSources(join(dir, e.name)) : [join(dir, e.name)]));
    const pointedTo = new Set(cliSources(join(root, 'src', 'cli')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bdocs\/[\w.-]+\.\w+/g)].map((m) => m[0])));
    expect(pointedTo.size).toBeGreaterThan(0);
    for (const doc of pointedTo) {
      expect(existsSync(join(root, doc)), `${doc} is named in --help but missing`).toBe(true);
      expect(files, `${doc} is named in --help but not packed`).toContain(doc);
    }
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'bin/bootgate.js', 'dist/index.js', 'dist/cli/main.js']));
    expect(files.filter((f) => /^(src|test|fixtures)\//.test(f))).toEqual([]);
  });
});

/*
 * require(esm) loads an ES module graph from CommonJS on Node 20.19+ and 22.12+, unless
 * the graph has top-level await (ERR_REQUIRE_ASYNC_MODULE). Run on the Node under test
 * (CI runs the suite on Node 20 and Node 24); skipped on a Node without require(esm).
 */
describe.skipIf(!process.features.require_module)('require() from CommonJS', () => {
  it('loads bootgate, bootgate/launcher and bootgate/sim from the built dist, and parses a console', () => {
    const script = [
      "const { parseBootLog, checkModel, VERSION } = require('bootgate');",
      "const { runLaunch } = require('bootgate/launcher');",
      "const { startSimulator } = require('bootgate/sim');",
      "const { model } = parseBootLog('mainbus0 at root\\nxen0 at pvbus0\\n');",
      'console.log(VERSION, model.boots[0].devices.length, checkModel(model).verdict !== undefined, typeof runLaunch, typeof startSimulator);',
    ].join('\n');
    const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`${pkg.version} 2 true function function`);
  });
});

/*
 * Node before 20.19 and 22.12 cannot require() an ES module, and chevrotain is one: there the
 * CLI and the package's "import" entries load it ahead with top-level await. The same runtime
 * state is made here with --no-experimental-require-module (process.features.require_module
 * false); .ci/run repeats these on a real Node 20.0.0.
 */
describe.skipIf(!process.features.require_module)('on a Node that cannot require() an ES module', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--no-experimental-require-module', ...args], { cwd: root, encoding: 'utf8' });

  it('the CLI preloads chevrotain and parses', () => {
    const r = run(['bin/bootgate.js', 'tree', 'fixtures/dmesg/xen-7.7-healthy-dhcpleased-crlf.log']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/── mainbus0 /);
  });

  it("import('bootgate') preloads it before user code runs", () => {
    const script = [
      "const { parseBootLog, checkModel } = await import('bootgate');",
      "const { analyseConsole } = await import('bootgate/launcher');",
      "const { model } = parseBootLog('mainbus0 at root\\nxen0 at pvbus0\\n');",
      "console.log(process.features.require_module, model.boots[0].devices.length, checkModel(model).verdict !== undefined, typeof analyseConsole);",
    ].join('\n');
    const r = run(['--input-type=module', '-e', script]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('false 2 true function');
  });

  it('without the preload, parsing fails with one clear error', () => {
    const script = [
      `const { parseBootLog } = await import(${JSON.stringify(join(root, 'dist', 'index.js'))});`,
      "try { parseBootLog('mainbus0 at root\\n'); console.log('parsed'); } catch (e) { console.log(e.name + ': ' + e.message); }",
    ].join('\n');
    const r = run(['--input-type=module', '-e', script]);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^BootgateError: bootgate: chevrotain was not preloaded, and Node \S+ cannot require\(\) an ES module: load bootgate with import/);
  });
});
