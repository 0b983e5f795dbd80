import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Chevrotain = typeof import('chevrotain');

/**
 * chevrotain's package entry (lib/src/api.js) pulls in lodash-es file by file:
 * some 600 ES modules, about 0.4 s of start-up before bootgate parses a byte.
 * The package ships the same code as one bundle (lib/chevrotain.mjs), which
 * loads in ~20 ms; its exports map does not name it, so it is found beside the
 * entry. Types still come from the package.
 */
async function load(): Promise<Chevrotain> {
  try {
    const entry = createRequire(import.meta.url).resolve('chevrotain');
    return (await import(pathToFileURL(join(dirname(entry), '..', 'chevrotain.mjs')).href)) as Chevrotain;
  } catch {
    return import('chevrotain');
  }
}

export const chevrotain: Chevrotain = await load();

/**
 * chevrotain checks the lexer and grammar definitions when they are built (~30 ms of
 * every start). The definitions are fixed, so the checks run under the test suite
 * (vitest sets VITEST) or on request, and are skipped when the CLI starts.
 */
export const SKIP_VALIDATIONS = process.env['VITEST'] === undefined && process.env['BOOTGATE_VALIDATE_GRAMMAR'] === undefined;
