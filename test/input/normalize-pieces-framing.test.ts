import { describe, expect, it } from 'vitest';
import { consoleBatchPieces, consoleLinePieces, normalizeConsole } from '../../src/input/normalize.js';
import type { NormalLine } from '../../src/input/types.js';
import { body, both, expectSameLines, LINE_ENDS } from './pieces-helpers.js';

// Framings and the html page's small pieces; the 10 MB comparisons are in normalize-pieces.test.ts
// (two files, so two workers share the CPU they take).
describe('normalizeConsolePieces', () => {
  it('keeps the aws-text framing: id on line 1, trailing timestamp stripped from the last piece', () => {
    const bytes = Buffer.from(`i-0dc417327eef2230d\t${body('\n', 150_000)}\n\t2026-06-19T01:03:00+00:00`);
    const r = both(bytes);
    expect(r.calls).toBeGreaterThan(1);
    expect(r.meta).toEqual({ framing: 'aws-text', instanceId: 'i-0dc417327eef2230d', capturedAt: '2026-06-19T01:03:00+00:00', lineCount: r.whole.lineCount });
    expectSameLines(r.pieces, r.whole.lines);
  });

  it('keeps the timestamp framing', () => {
    const bytes = Buffer.from(`2016-09-21T09:44:49+0000\n\n${body('\n', 150_000)}\n`);
    const r = both(bytes);
    expect(r.meta.framing).toBe('timestamp');
    expect(r.meta.capturedAt).toBe('2016-09-21T09:44:49+0000');
    expectSameLines(r.pieces, r.whole.lines);
  });

  it('passes small and JSON inputs through in one piece', () => {
    expect(both(Buffer.from('{"InstanceId":"i-0123456789abcdef0","Output":"a\\nb"}')).calls).toBe(1);
    expect(both(Buffer.from('mainbus0 at root\n')).calls).toBe(1);
  });
});

describe('consoleLinePieces with small pieces after the first (the html page)', () => {
  // Over 4 MB, so the input is cut; 32 KB later pieces, as check --format html asks.
  for (const [name, end] of LINE_ENDS) {
    it(`gives normalizeConsole's lines (${name})`, () => {
      const bytes = Buffer.from(body(end, 90_000));
      expect(bytes.length).toBeGreaterThan(4 << 20);
      const pieces = [...consoleLinePieces(bytes, 32 << 10)];
      expect(pieces.length).toBeGreaterThan(20);
      expectSameLines(pieces.flat(), normalizeConsole(bytes).lines);
      // The same pieces read by index, with no object per line.
      const batches = [...consoleBatchPieces(bytes, 32 << 10)];
      expectSameLines(batches.flatMap((b) => Array.from({ length: b.length }, (_, i) => ({ line: b.numbers[i]!, text: b.text(i) }))), pieces.flat());
    });
  }

  it('keeps a capture stamp decided on the first piece, and strips aws-text\'s timestamp after a tail of blank lines longer than a piece', () => {
    const stamped = body('\n', 90_000).split('\n').map((l) => `2026-11-26T17:20:08.1234567Z ${l}`).join('\n');
    const bytes = Buffer.from(`i-0dc417327eef2230d\t${stamped}\n${'\n'.repeat(100_000)}\t2026-06-19T01:03:00+00:00`);
    const whole = normalizeConsole(bytes);
    expect(whole.capturedAt).toBe('2026-06-19T01:03:00+00:00');
    const lazy = consoleLinePieces(bytes, 32 << 10);
    const lines: NormalLine[] = [];
    let r = lazy.next();
    for (; !r.done; r = lazy.next()) lines.push(...r.value);
    expect(r.value).toEqual({ framing: 'aws-text', instanceId: 'i-0dc417327eef2230d', capturedAt: '2026-06-19T01:03:00+00:00', lineCount: whole.lineCount });
    expectSameLines(lines, whole.lines);
    expect(lines[0]!.text.startsWith('xnf0 at xen0')).toBe(true);
  });
});
