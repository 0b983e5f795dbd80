import type { Command } from 'commander';

/** Placeholder until the owning work lands; replaced, not extended. */
export function registerBaseline(program: Command): void {
  program.command('baseline').description('(not yet implemented)').action(() => {
    throw new Error('baseline is not implemented yet');
  });
}
