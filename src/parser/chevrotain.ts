import { createRequire } from 'node:module';
import { BootgateError } from '../errors.js';

export type Chevrotain = typeof import('chevrotain');

/*
 * chevrotain's package entry (lib/src/api.js) pulls in lodash-es file by file: some 600 ES
 * modules, about 0.4 s of start-up before bootgate parses a byte. The package ships the same
 * code as one bundle, plain (lib/chevrotain.mjs, 350 KB) and minified (lib/chevrotain.min.mjs,
 * 140 KB, the same esbuild output with short local names). The minified one is loaded: Node
 * reads, parses and compiles it in about 20 ms against 27-31 ms for the plain one on Node 20.
 * Its exports map names neither bundle, so it is looked for in the node_modules folders
 * require('chevrotain') would search, in the same order (require.resolve.paths: a few stats,
 * ~0.1 ms, where resolving the package through its exports map costs 1.3-2.4 ms of a cold
 * start). Types still come from the package.
 *
 * chevrotain is an ES module and bootgate's library loads no chevrotain at module scope (so
 * `require('bootgate')` from CommonJS meets no top-level await): it is fetched when the
 * first console is parsed. Where the runtime can require() an ES module (Node 20.19+,
 * 22.12+) that is a plain synchronous require(). Older Node 20 and 22 cannot: there the
 * ES-module entries (`import 'bootgate'`, `bootgate/launcher`, the CLI) run
 * preloadChevrotain() with `await import()` before any user code, and this slot holds it.
 */
let slot: Chevrotain | undefined;

const require = createRequire(import.meta.url);
// node:fs through require(), not import (src/input/read-input.ts says why).
const { existsSync } = require('node:fs') as typeof import('node:fs');

/** lib/chevrotain.min.mjs of the chevrotain package require('chevrotain') finds, or null (none, or no bundle in it). */
function bundlePath(): string | null {
  for (const dir of require.resolve.paths('chevrotain') ?? []) {
    if (!existsSync(`${dir}/chevrotain/package.json`)) continue;
    const file = `${dir}/chevrotain/lib/chevrotain.min.mjs`;
    return existsSync(file) ? file : null;
  }
  return null;
}

/** The runtime loads an ES module with require() (process.features.require_module, Node 20.19+, 22.12+). */
export function canRequireEsm(): boolean {
  return process.features.require_module === true;
}

/** chevrotain, loaded on first use. Throws one clear error on a Node that needed the preload and did not get it. */
export function chevrotain(): Chevrotain {
  if (slot !== undefined) return slot;
  if (!canRequireEsm()) {
    throw new BootgateError(
      `bootgate: chevrotain was not preloaded, and Node ${process.versions.node} cannot require() an ES module: load bootgate with import (import 'bootgate'), or run Node >= 20.19 or >= 22.12`,
    );
  }
  const bundle = bundlePath();
  try {
    slot = require(bundle ?? 'chevrotain') as Chevrotain;
  } catch {
    slot = require('chevrotain') as Chevrotain;
  }
  return slot;
}

/**
 * Loads chevrotain ahead of the first parse where only `await import()` can (a Node without
 * require(esm)); elsewhere it does nothing and chevrotain() loads it when first needed.
 */
export async function preloadChevrotain(): Promise<void> {
  if (slot !== undefined || canRequireEsm()) return;
  const bundle = bundlePath();
  try {
    const { pathToFileURL } = await import('node:url');
    slot = (await import(bundle === null ? 'chevrotain' : pathToFileURL(bundle).href)) as Chevrotain;
  } catch {
    slot = (await import('chevrotain')) as Chevrotain;
  }
}

/**
 * chevrotain checks the lexer and grammar definitions when they are built (~30 ms of
 * every start). The definitions are fixed, so the checks run under the test suite
 * (vitest sets VITEST) or on request, and are skipped when the CLI starts.
 */
export const SKIP_VALIDATIONS = process.env['VITEST'] === undefined && process.env['BOOTGATE_VALIDATE_GRAMMAR'] === undefined;
