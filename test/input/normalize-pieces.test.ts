import { describe, expect, it } from 'vitest';
import { consoleLinePieces } from '../../src/input/normalize.js';
import { body, both, expectSameLines, LINE_ENDS } from './pieces-helpers.js';

describe('normalizeConsolePieces', () => {
  for (const [name, end] of LINE_ENDS) {
    it(`gives the same lines and count as normalizeConsole for a 10 MB raw console (${name})`, () => {
      const bytes = Buffer.from(body(end, 200_000));
      expect(bytes.length).toBeGreaterThan(9 << 20);
      const r = both(bytes);
      expect(r.calls).toBeGreaterThan(1);
      expect(r.meta).toEqual({ framing: 'raw', instanceId: null, capturedAt: null, lineCount: r.whole.lineCount });
      expect(r.pieces.length).toBe(r.whole.lines.length);
      expectSameLines(r.pieces, r.whole.lines);
      const lazy = [...consoleLinePieces(bytes)];
      expect(lazy.length).toBe(r.calls);
      expectSameLines(lazy.flat(), r.whole.lines);
    });
  }
});
