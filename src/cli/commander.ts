import { createRequire } from 'node:module';
import type * as CommanderModule from 'commander';

/**
 * commander, loaded with require(): it is a CommonJS package, and its ES module entry
 * (esm.mjs) is a wrapper whose import makes Node's ES loader scan the CommonJS source for its
 * exports first, about 10 ms of every cold start (a third of commander's load). The module
 * object is the one `import … from 'commander'` gets, so classes and instanceof agree.
 */
const commander = createRequire(import.meta.url)('commander') as typeof CommanderModule;

export const { Command, CommanderError, Option } = commander;
export type Command = CommanderModule.Command;
export type CommanderError = CommanderModule.CommanderError;
export type Option = CommanderModule.Option;
