import { Command } from 'commander';
import { registerTree } from './commands/tree.js';
import { registerCheck } from './commands/check.js';
import { registerLaunch } from './commands/launch.js';
import { registerSweep } from './commands/sweep.js';
import { registerSim } from './commands/sim.js';
import { registerDemo } from './commands/demo.js';
import { registerDiff } from './commands/diff.js';
import { registerBaseline } from './commands/baseline.js';
import { registerHistory } from './commands/history.js';
import { registerRules } from './commands/rules.js';
import { registerReport } from './commands/report.js';
import { VERSION } from '../version.js';

/**
 * Builds the commander program. Each command lives in ./commands/<name>.ts and
 * imports its heavy modules (the AWS SDK above all) inside its action, so offline
 * commands start fast.
 */
export function buildProgram(): Command {
  const program = new Command('bootgate')
    .description('Boot-log and hardware-attach verifier for OpenBSD images on AWS EC2')
    .version(VERSION)
    // main.ts prints a usage error as one line naming the command's --help.
    .configureOutput({ outputError: () => undefined })
    .exitOverride();
  for (const register of [registerTree, registerCheck, registerDiff, registerHistory, registerBaseline, registerReport, registerLaunch, registerSweep, registerSim, registerDemo, registerRules]) {
    register(program);
  }
  return program;
}
