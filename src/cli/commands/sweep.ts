import type { Command } from 'commander';

/** Placeholder until the owning work lands; replaced, not extended. */
export function registerSweep(program: Command): void {
  program.command('sweep').description('(not yet implemented)').action(() => {
    throw new Error('sweep is not implemented yet');
  });
}
