import type { Command } from 'commander';

/** Placeholder until the owning work lands; replaced, not extended. */
export function registerDiff(program: Command): void {
  program.command('diff').description('(not yet implemented)').action(() => {
    throw new Error('diff is not implemented yet');
  });
}
