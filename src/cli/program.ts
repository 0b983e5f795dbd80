import { Command } from './commander.js';
import { VERSION } from '../version.js';

type Register = (program: Command) => void;

/**
 * Every command, in --help order, with the module that registers it. A run names its command
 * first, so only that module is loaded (a cold `bootgate tree` does not compile the other ten
 * and their option helpers); each command in turn imports its heavy modules (the AWS SDK above
 * all) inside its action, so offline commands start fast.
 */
const COMMANDS: readonly { readonly name: string; readonly load: () => Promise<Register> }[] = [
  { name: 'tree', load: async () => (await import('./commands/tree.js')).registerTree },
  { name: 'check', load: async () => (await import('./commands/check.js')).registerCheck },
  { name: 'diff', load: async () => (await import('./commands/diff.js')).registerDiff },
  { name: 'history', load: async () => (await import('./commands/history.js')).registerHistory },
  { name: 'baseline', load: async () => (await import('./commands/baseline.js')).registerBaseline },
  { name: 'report', load: async () => (await import('./commands/report.js')).registerReport },
  { name: 'launch', load: async () => (await import('./commands/launch.js')).registerLaunch },
  { name: 'sweep', load: async () => (await import('./commands/sweep.js')).registerSweep },
  { name: 'sim', load: async () => (await import('./commands/sim.js')).registerSim },
  { name: 'demo', load: async () => (await import('./commands/demo.js')).registerDemo },
  { name: 'rules', load: async () => (await import('./commands/rules.js')).registerRules },
];

/**
 * Builds the commander program. With `argv` whose first word names a command, only that
 * command is registered (what it parses and prints is the same); anything else (no command,
 * an option, `help`, a misspelt name that commander suggests a fix for) gets every command.
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command('bootgate')
    .description('Boot-log and hardware-attach verifier for OpenBSD images on AWS EC2')
    .version(VERSION)
    // main.ts prints a usage error as one line naming the command's --help.
    .configureOutput({ outputError: () => undefined })
    .exitOverride();
  const named = COMMANDS.find((c) => c.name === argv?.[0]);
  const registers = await Promise.all((named ? [named] : COMMANDS).map((c) => c.load()));
  for (const register of registers) register(program);
  return program;
}
