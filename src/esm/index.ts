/*
 * `import … from 'bootgate'` (the package's "import" condition): the library's front door,
 * after parser/preload.js has loaded chevrotain with top-level await on a Node that cannot
 * require() an ES module (before 20.19 and 22.12). `require('bootgate')` gets ../index.js,
 * which has no top-level await.
 */
import '../parser/preload.js';

export * from '../index.js';
