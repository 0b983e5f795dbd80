import type { Command } from 'commander';

/** Placeholder until the owning work lands; replaced, not extended. */
export function registerCheck(program: Command): void {
  program.command('check').description('(not yet implemented)').action(() => {
    throw new Error('check is not implemented yet');
  });
}
