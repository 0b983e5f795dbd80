import type { Command } from 'commander';

/** Placeholder until the owning work lands; replaced, not extended. */
export function registerLaunch(program: Command): void {
  program.command('launch').description('(not yet implemented)').action(() => {
    throw new Error('launch is not implemented yet');
  });
}
