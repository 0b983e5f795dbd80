#!/usr/bin/env node
import module from 'node:module';

// Node >= 22.1 can keep the compiled code of every module it loads in an on-disk cache
// (module.enableCompileCache; NODE_COMPILE_CACHE picks the directory, NODE_DISABLE_COMPILE_CACHE
// turns it off), so a cold `bootgate check` skips recompiling the CLI, the parser and their
// dependencies. Older Node has no such function and starts as before. It must run before the
// CLI is imported, hence the dynamic import below.
module.enableCompileCache?.();

// The parser loads chevrotain (an ES module) on first use with require(), which Node before
// 20.19 and 22.12 cannot do for an ES module: there the preload loads it ahead, with
// `await import()`. Elsewhere the preload would do nothing, so it is not loaded (one module and
// one round through the ES loader fewer before the CLI's own modules).
if (process.features.require_module !== true) await import('../dist/parser/preload.js');
const { main } = await import('../dist/cli/main.js');
await main(process.argv.slice(2));
