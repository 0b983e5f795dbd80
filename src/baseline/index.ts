export { applyBaseline, type BaselineResult } from './apply.js';
export { checkBaselineKey } from './baseline-key.js';
export { DEFAULT_BASELINE_DIR, LATEST, baselineSnapshot, loadAllBaselines, pickLatestBaseline, listBaselines, loadBaseline, readBaselineFile, saveBaseline, type BaselineEntry } from './store.js';
export { stableJson } from './stable-json.js';
export type { BaselineFile } from './types.js';
