import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { runCli } from '../helpers/run-cli.js';

describe('usage errors', () => {
  for (const args of [['frobnicate'], ['check'], ['tree', '--no-such-flag', 'x.log'], ['launch', 'extra-argument']]) {
    it(`\`bootgate ${args.join(' ')}\`: exit 2, the error and a pointer to --help, no stack`, () => {
      const r = runCli(args, { offline: args[0] !== 'launch' });
      expect(r.status).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines[0]).toMatch(/^error: /);
      expect(lines.slice(1)).toEqual(['(run with --help for usage)']);
      expect(r.stdout).toBe('');
    });
  }

  it('--help and --version exit 0 on stdout', () => {
    const help = runCli(['--help'], { offline: true });
    expect(help.status).toBe(0);
    for (const c of ['tree', 'check', 'diff', 'baseline', 'launch', 'sweep', 'sim', 'demo']) expect(help.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    const version = runCli(['--version'], { offline: true });
    expect([version.status, version.stdout.trim()]).toEqual([0, VERSION]);
  });
});
