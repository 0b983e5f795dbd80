import { writeFile } from 'node:fs/promises';
import { ConfigError } from '../errors.js';

/** Writes command output to `--output FILE`, or stdout when no file is given. */
export async function writeOutput(text: string, file: string | undefined): Promise<void> {
  if (file === undefined || file === '-') {
    process.stdout.write(text);
    return;
  }
  try {
    await writeFile(file, text);
  } catch (err) {
    throw new ConfigError(`cannot write --output ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
