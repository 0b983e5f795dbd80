import { expect } from 'vitest';
import { normalizeConsole, normalizeConsolePieces } from '../../src/input/normalize.js';
import type { NormalLine } from '../../src/input/types.js';

// Shared by normalize-pieces.test.ts (10 MB inputs) and normalize-pieces-framing.test.ts.

/** Large inputs are split in ~4 MB pieces; the result must be exactly the one-shot result. */
export function both(bytes: Buffer): { whole: ReturnType<typeof normalizeConsole>; pieces: NormalLine[]; meta: ReturnType<typeof normalizeConsolePieces>; calls: number } {
  const pieces: NormalLine[] = [];
  let calls = 0;
  const meta = normalizeConsolePieces(bytes, (lines) => {
    calls++;
    pieces.push(...lines);
  });
  return { whole: normalizeConsole(bytes), pieces, meta, calls };
}

/** The line ends a console arrives with: Unix, CRLF, and the serial console's LF CR. */
export const LINE_ENDS = [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
  ['LF CR', '\n\r'],
] as const;

export const body = (end: string, n: number): string => {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(i % 7 === 0 ? `xnf${i % 10} at xen0: backend 0, event chan ${i} \u00e9\u2014` : `cpu${i % 64} at mainbus0: apid ${i} (application processor)   `);
  return lines.join(end);
};


/**
 * expect(actual).toEqual(expected) for hundreds of thousands of lines at a fraction of its CPU
 * (its generic walk took ~0.6 s per 200,000 lines): the same count, then each line's own keys
 * and values, strictly equal; the first line that differs is shown by toEqual itself.
 */
export function expectSameLines(actual: readonly NormalLine[], expected: readonly NormalLine[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as unknown as Record<string, unknown>;
    const e = expected[i] as unknown as Record<string, unknown>;
    const keys = Object.keys(e);
    if (Object.keys(a).length !== keys.length || keys.some((k) => a[k] !== e[k])) expect({ index: i, line: a }).toEqual({ index: i, line: e });
  }
}
