import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { runCli, runCliHere } from '../helpers/run-cli.js';

describe('usage errors', () => {
  for (const [args, command] of [
    [['frobnicate'], 'bootgate'],
    [['check'], 'bootgate check'],
    [['tree', '--no-such-flag', 'x.log'], 'bootgate tree'],
    [['launch', 'extra-argument'], 'bootgate launch'],
    [['tree', '--json', '--format', 'human', 'x.log'], 'bootgate tree'],
  ] as const) {
    it(`\`bootgate ${args.join(' ')}\`: exit 2, one line naming the command's --help, no stack`, () => {
      const r = runCli([...args], { offline: args[0] !== 'launch' });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^${command}: \\S.* \\(see ${command} --help\\)\n$`));
      expect(r.stdout).toBe('');
    });
  }

  it('a format the command does not offer is one line naming the formats it does', async () => {
    const r = await runCliHere(['baseline', 'list', '--format', 'junit'], { offline: true });
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', 'bootgate: --format: unknown format "junit" (formats: human, json; text means human)\n']);
  });

  it('--help and --version exit 0 on stdout', async () => {
    const help = await runCliHere(['--help'], { offline: true });
    expect(help.status).toBe(0);
    for (const c of ['tree', 'check', 'diff', 'baseline', 'report', 'launch', 'sweep', 'sim', 'demo']) expect(help.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    const version = await runCliHere(['--version'], { offline: true });
    expect([version.status, version.stdout.trim()]).toEqual([0, VERSION]);
  });
});
