import { CommanderError, type Command } from './commander.js';
import { buildProgram } from './program.js';
import { EXIT } from '../verdict/exit-codes.js';
import { BootgateError } from '../errors.js';
import { VERSION } from '../version.js';

/** Commander's own exits that are not usage errors: help and version were printed as asked. */
const NOT_USAGE_ERRORS = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/**
 * Sets process.exitCode from a thrown error: one line for known errors (a usage error included,
 * with the command whose --help explains it), a short block otherwise.
 */
export function reportError(err: unknown, command = 'bootgate'): void {
  if (err instanceof CommanderError) {
    if (!NOT_USAGE_ERRORS.has(err.code)) process.stderr.write(`${command}: ${err.message.replace(/^error: /, '')} (see ${command} --help)\n`);
    process.exitCode = err.exitCode === 0 ? EXIT.pass : EXIT.error;
    return;
  }
  if (err instanceof BootgateError) {
    process.stderr.write(`bootgate: ${err.message}\n`);
  } else {
    const e = err instanceof Error ? err : new Error(String(err));
    process.stderr.write(`bootgate ${VERSION}: unexpected error: ${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 4).join('\n')}\n`);
  }
  process.exitCode = EXIT.error;
}

/** `bootgate baseline list` for `baseline list --dir x`: the command a usage error belongs to. */
function commandName(program: Command, argv: readonly string[]): string {
  const names = [program.name()];
  let cmd = program;
  for (const arg of argv) {
    if (cmd.commands.length === 0) break;
    if (arg.startsWith('-')) continue;
    const sub = cmd.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!sub) break;
    names.push(sub.name());
    cmd = sub;
  }
  return names.join(' ');
}

export async function main(argv: string[]): Promise<void> {
  // A reader that goes away (`bootgate tree x | head -1`) ends the output quietly, as other
  // tools do; any other stdout failure (a full disk) is one line and exit 2.
  let stdoutError: NodeJS.ErrnoException | null = null;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') stdoutError ??= err;
  });
  const program = await buildProgram(argv);
  let failed = false;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    failed = true;
    reportError(err, commandName(program, argv));
  }
  // A synchronous stdout (a file) reports a failed write on a later tick.
  await new Promise((resolve) => setImmediate(resolve));
  if (stdoutError !== null && !failed) {
    process.stderr.write(`bootgate: cannot write stdout: ${(stdoutError as NodeJS.ErrnoException).code ?? (stdoutError as Error).message}\n`);
    process.exitCode = EXIT.error;
  }
}
