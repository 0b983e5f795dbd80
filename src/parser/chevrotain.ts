import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Chevrotain = typeof import('chevrotain');

/**
 * chevrotain's package entry (lib/src/api.js) pulls in lodash-es file by file:
 * some 600 ES modules, about 0.4 s of start-up before bootgate parses a byte.
 * The package ships the same code as one bundle (lib/chevrotain.mjs), which
 * loads in ~20 ms; its exports map does not name it, so it is found beside the
 * entry. Types still come from the package.
 *
 * Loaded with require(), which loads an ES module synchronously (Node 20.19+, 22.12+):
 * no top-level await, so the library can itself be loaded with require() from CommonJS
 * (a module graph with top-level await cannot: ERR_REQUIRE_ASYNC_MODULE).
 */
function load(): Chevrotain {
  const require = createRequire(import.meta.url);
  try {
    return require(join(dirname(require.resolve('chevrotain')), '..', 'chevrotain.mjs')) as Chevrotain;
  } catch {
    return require('chevrotain') as Chevrotain;
  }
}

export const chevrotain: Chevrotain = load();

/**
 * chevrotain checks the lexer and grammar definitions when they are built (~30 ms of
 * every start). The definitions are fixed, so the checks run under the test suite
 * (vitest sets VITEST) or on request, and are skipped when the CLI starts.
 */
export const SKIP_VALIDATIONS = process.env['VITEST'] === undefined && process.env['BOOTGATE_VALIDATE_GRAMMAR'] === undefined;
