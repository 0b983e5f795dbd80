import { createRequire } from 'node:module';
import type * as CommanderModule from 'commander';

/**
 * commander, loaded with require(): it is a CommonJS package, and its ES module entry
 * (esm.mjs) is a wrapper whose import makes Node's ES loader scan the CommonJS source for its
 * exports first, about 10 ms of every cold start (a third of commander's load). The module
 * object is the one `import … from 'commander'` gets, so classes and instanceof agree.
 */
const require = createRequire(import.meta.url);
// node:fs through require(), not import (src/input/read-input.ts says why).
const { existsSync } = require('node:fs') as typeof import('node:fs');

/**
 * The commander folder require('commander') would find (the node_modules folders it searches,
 * in order), required as a folder: Node then takes its package.json `main`, the file its
 * exports map gives require() too. Resolving the bare name through the exports map costs
 * 3.5-5 ms of a cold start (it is the CLI's only one: chevrotain is found the same way as
 * this); this costs under 1 ms. With no such folder, the bare name, for Node's own error.
 */
function load(): typeof CommanderModule {
  for (const dir of require.resolve.paths('commander') ?? []) {
    if (existsSync(`${dir}/commander/package.json`)) return require(`${dir}/commander`) as typeof CommanderModule;
  }
  return require('commander') as typeof CommanderModule;
}

const commander = load();

export const { Command, CommanderError, Option } = commander;
export type Command = CommanderModule.Command;
export type CommanderError = CommanderModule.CommanderError;
export type Option = CommanderModule.Option;
