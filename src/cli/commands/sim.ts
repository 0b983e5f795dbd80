import type { Command } from 'commander';

/** Placeholder until the owning work lands; replaced, not extended. */
export function registerSim(program: Command): void {
  program.command('sim').description('(not yet implemented)').action(() => {
    throw new Error('sim is not implemented yet');
  });
}
