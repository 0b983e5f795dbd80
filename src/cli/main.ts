import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { EXIT } from './exit-codes.js';
import { BootgateError } from '../errors.js';
import { VERSION } from '../version.js';

/** Sets process.exitCode from a thrown error: one line for known errors, a short block otherwise. */
export function reportError(err: unknown): void {
  if (err instanceof CommanderError) {
    // commander already printed its message (help, version, usage error).
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

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
  } catch (err) {
    reportError(err);
  }
}
