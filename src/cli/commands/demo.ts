import type { Command } from 'commander';

/** Placeholder until the owning work lands; replaced, not extended. */
export function registerDemo(program: Command): void {
  program.command('demo').description('(not yet implemented)').action(() => {
    throw new Error('demo is not implemented yet');
  });
}
