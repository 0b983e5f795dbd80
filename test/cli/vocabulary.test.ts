import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { runCliHere } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bootgate-vocab-'));
const LOG = join(dir, 'xen.log');
writeFileSync(
  LOG,
  [
    'OpenBSD 6.0 (GENERIC.MP) #2319: Tue Jul 26 13:00:43 MDT 2016',
    'mainbus0 at root',
    'pvbus0 at mainbus0: Xen 4.2',
    'xen0 at pvbus0: features 0x705, 32 grant table frames, event channel 3',
    'xnf0 at xen0: backend 0, event channel 5, address 0a:1c:b6:97:68:01',
    'root on wd0a (2979aa8c169aafe5.a) swap on wd0b dump on wd0b',
    '',
  ].join('\n'),
);
mkdirSync(join(dir, 'baselines'));

const program = await buildProgram();

function find(path: readonly string[]): Command {
  let cmd: Command = program;
  for (const name of path) cmd = cmd.commands.find((c) => c.name() === name)!;
  return cmd;
}

const flagsOf = (cmd: Command): string[] => (cmd.options as readonly Option[]).map((o) => o.flags);

/** Every command that renders a report, with the formats it offers. */
const RENDERERS: readonly [readonly string[], readonly string[]][] = [
  [['tree'], ['human', 'json']],
  [['check'], ['human', 'json', 'junit', 'markdown', 'html']],
  [['launch'], ['human', 'json', 'junit', 'markdown', 'html']],
  [['diff'], ['human', 'json', 'junit', 'markdown', 'html']],
  [['baseline', 'list'], ['human', 'json']],
  [['sweep'], ['human', 'json']],
  [['demo'], ['human', 'json']],
  [['history'], ['human', 'json', 'markdown', 'html']],
  [['rules'], ['human', 'json']],
  [['report'], ['human', 'json', 'junit', 'markdown', 'html']],
];

describe('one output vocabulary on every command that renders', () => {
  it.each(RENDERERS)('%j has -f/--format, --json, -o/--output, --color/--no-color', (path, formats) => {
    const cmd = find(path);
    const flags = flagsOf(cmd);
    expect(flags).toEqual(expect.arrayContaining(['-f, --format <format>', '--json', '-o, --output <file>', '--color', '--no-color']));
    const format = (cmd.options as readonly Option[]).find((o) => o.long === '--format')!;
    expect(format.defaultValue).toBe('human');
    // The parser accepts each offered format and its other spellings, and refuses the rest.
    const parse = (v: string) => format.parseArg!(v, undefined);
    for (const f of formats) expect(parse(f)).toBe(f);
    expect(parse('text')).toBe('human');
    expect(parse('JSON')).toBe('json');
    for (const f of ['human', 'json', 'junit', 'markdown', 'html'].filter((x) => !formats.includes(x))) expect(() => parse(f)).toThrow(/^--format: unknown format .*formats: /);
  });

  it('the commands that judge or re-render also take --report FORMAT=FILE, --failures-only and --markdown-max-bytes', () => {
    for (const path of [['check'], ['launch'], ['diff'], ['report']]) {
      expect(flagsOf(find(path))).toEqual(expect.arrayContaining(['--report <format=file>', '--failures-only', '--markdown-max-bytes <n>']));
    }
  });

  it('diff and baseline list (which said `text`) take human, and --json is -f json', async () => {
    const diffText = await runCliHere(['diff', '--format', 'text', LOG, LOG], { offline: true });
    const diffHuman = await runCliHere(['diff', '-f', 'human', LOG, LOG], { offline: true });
    expect([diffHuman.status, diffHuman.stdout, diffHuman.stderr]).toEqual([diffText.status, diffText.stdout, diffText.stderr]);
    const list = ['baseline', 'list', '--dir', join(dir, 'baselines')];
    expect(await runCliHere([...list, '-f', 'human'], { offline: true })).toMatchObject({ status: 0, stdout: `no baselines in ${join(dir, 'baselines')}\n` });
    const json = await runCliHere(['check', '--json', LOG], { offline: true });
    expect(json.stdout).toBe((await runCliHere(['check', '-f', 'json', '-o', '-', LOG], { offline: true })).stdout);
    expect(JSON.parse(json.stdout)).toMatchObject({ schemaVersion: 1 });
  });

  it('-o FILE writes what stdout would have carried', async () => {
    const out = join(dir, 'tree.json');
    const r = await runCliHere(['tree', '--json', '-o', out, LOG], { offline: true });
    expect([r.status, r.stdout]).toEqual([0, '']);
    expect(readFileSync(out, 'utf8')).toBe((await runCliHere(['tree', '--json', LOG], { offline: true })).stdout);
  });

  it('colour: --color forces it off a terminal, FORCE_COLOR too, --no-color wins over FORCE_COLOR', async () => {
    const esc = /\u001b\[/;
    expect((await runCliHere(['check', '--color', LOG], { offline: true })).stdout).toMatch(esc);
    expect((await runCliHere(['check', LOG], { offline: true, env: { NO_COLOR: '', FORCE_COLOR: '1' } })).stdout).toMatch(esc);
    expect((await runCliHere(['check', LOG], { offline: true, env: { NO_COLOR: '', FORCE_COLOR: '0' } })).stdout).not.toMatch(esc);
    expect((await runCliHere(['check', '--no-color', LOG], { offline: true, env: { NO_COLOR: '', FORCE_COLOR: '1' } })).stdout).not.toMatch(esc);
  });
});
