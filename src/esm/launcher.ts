/* `import … from 'bootgate/launcher'`: see esm/index.ts. */
import '../parser/preload.js';

export * from '../launcher/index.js';
