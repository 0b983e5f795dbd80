import { access, constants, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../errors.js';

/**
 * Checks, before any work is done, that `dir` is (or can be created as) a writable directory:
 * an existing file there, a file in its parent chain, or a read-only ancestor is one ConfigError
 * naming the flag. `launch --report-dir` calls it before anything is launched, so a wrong path
 * never costs a paid run.
 */
export async function checkOutputDir(dir: string, flag: string): Promise<void> {
  let path = resolve(dir);
  for (;;) {
    let isDir: boolean;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        const parent = dirname(path);
        if (parent === path) throw new ConfigError(`${flag} ${dir}: no existing parent directory`);
        path = parent;
        continue;
      }
      if (code === 'ENOTDIR') throw new ConfigError(`${flag} ${dir}: a component of the path is a file, not a directory`);
      throw new ConfigError(`${flag} ${dir}: cannot use it: ${code ?? (err as Error).message}`);
    }
    if (!isDir) {
      throw new ConfigError(path === resolve(dir) ? `${flag} ${dir}: is a file, not a directory` : `${flag} ${dir}: ${path} is a file, not a directory`);
    }
    try {
      await access(path, constants.W_OK | constants.X_OK);
    } catch {
      throw new ConfigError(`${flag} ${dir}: ${path} is not writable`);
    }
    return;
  }
}
