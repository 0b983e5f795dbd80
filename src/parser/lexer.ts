import { chevrotain, SKIP_VALIDATIONS } from './chevrotain.js';
import { lineTokens } from './tokens.js';

/**
 * The console lexer. Built once per process: chevrotain analyses the token
 * patterns here (first-character buckets), which is the slow part.
 */
export const consoleLexer = new chevrotain.Lexer([...lineTokens], {
  // Lines are numbered by to-model from a line map, so only offsets are needed.
  positionTracking: 'onlyOffset',
  ensureOptimizations: true,
  skipValidations: SKIP_VALIDATIONS,
});
