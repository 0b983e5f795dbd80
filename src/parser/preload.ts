import { preloadChevrotain } from './chevrotain.js';

/*
 * Imported first by the ES-module entries (esm/*.ts) and the CLI: on a Node that cannot
 * require() an ES module, loads chevrotain with top-level await before any user code runs.
 * Not part of the CommonJS path (require('bootgate')), which must stay free of top-level await.
 */
await preloadChevrotain();
