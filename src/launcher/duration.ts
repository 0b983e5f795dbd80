import { ConfigError } from '../errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Reads `500ms`, `90s`, `15m`, `2h`, or combinations like `1m30s`. A bare number is
 * refused: a gate must not guess whether `300` meant seconds or milliseconds.
 */
export function parseDuration(text: string, flag = 'duration'): number {
  const trimmed = text.trim();
  const part = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (let m = part.exec(trimmed); m !== null; m = part.exec(trimmed)) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    consumed = part.lastIndex;
  }
  if (trimmed === '' || consumed !== trimmed.length || !Number.isFinite(total)) {
    throw new ConfigError(`${flag}: cannot read "${text}" as a duration (examples: 500ms, 90s, 15m, 2h, 1m30s)`);
  }
  return Math.round(total);
}
