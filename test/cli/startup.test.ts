import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, isolatedEnv, runCli } from '../launcher/cli-harness.js';
import { XEN_60_OK } from '../rules/snippets.js';

const dir = mkdtempSync(join(tmpdir(), 'bootgate-startup-'));
const log = join(dir, 'xen.log');
writeFileSync(log, XEN_60_OK);

/** The package root as a URL prefix: module URLs are compared without it, so the folder the clone sits in (say `/check/…`) cannot match. */
const ROOT = pathToFileURL(fileURLToPath(new URL('../..', import.meta.url))).href;

/** Every module URL the ES loader loads in the child, one per line, into `file`. */
const hook = (file: string) =>
  `data:text/javascript,${encodeURIComponent(
    `import { register } from 'node:module'; import { appendFileSync } from 'node:fs';
     const { port1, port2 } = new MessageChannel();
     port1.on('message', (url) => appendFileSync(${JSON.stringify(file)}, url + '\\n')); port1.unref();
     register('data:text/javascript,' + encodeURIComponent('let p; export function initialize(d) { p = d.port; } export async function load(u, c, n) { p.postMessage(u); return n(u, c); }'), { data: { port: port2 }, transferList: [port2] });`,
  )}`;

async function loaded(args: readonly string[]): Promise<{ code: number | null; modules: string[] }> {
  const file = join(dir, `loaded-${args[0] ?? 'none'}.txt`);
  writeFileSync(file, '');
  const r = await runCli(args, isolatedEnv({ NODE_OPTIONS: `--import ${hook(file)}` }));
  const urls = readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith(ROOT));
  return { code: r.code, modules: urls.map((u) => '/' + u.slice(ROOT.length).replace(/^\/+/, '')).filter((m) => m.startsWith('/dist/') || m.startsWith('/node_modules/')) };
}

beforeAll(() => buildOnce(), 120_000);

describe('cold start loads what the command needs', () => {
  it('tree loads its own command module only, and commander without its ES wrapper', async () => {
    const { code, modules } = await loaded(['tree', log]);
    expect(code).toBe(0);
    expect(modules.some((m) => m.endsWith('/dist/cli/commands/tree.js'))).toBe(true);
    expect(modules.filter((m) => m.includes('/dist/cli/commands/') && !m.endsWith('/tree.js'))).toEqual([]);
    expect(modules.filter((m) => /\/(report|launcher|rules|check|gate|sim)\//.test(m) || m.includes('@aws-sdk') || m.includes('/ssh2/'))).toEqual([]);
    expect(modules.filter((m) => m.includes('/commander/'))).toEqual([]);
  });

  it('--help, help and an unknown command still see every command', async () => {
    for (const args of [['--help'], ['help', 'tree'], ['trre']]) {
      const { modules } = await loaded(args);
      expect(modules.filter((m) => m.includes('/dist/cli/commands/')).length).toBeGreaterThanOrEqual(11);
    }
  });
});
