export type * from './source.js';
export type * from './boot-model.js';
export type * from './events.js';
export * from './queries.js';
export * from './crash-title.js';
