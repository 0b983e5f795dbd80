import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stitchConsole, STITCHED_MAX_CHARS } from '../../src/launcher/console-stitch.js';

/** What GetConsoleOutput answers when the console holds `full[0, end)`: the last `window` characters. */
const answer = (full: string, end: number, window: number) => full.slice(Math.max(0, end - window), end);

const boot = Array.from({ length: 400 }, (_, i) => `line ${i}: ${i % 7 === 0 ? 'xnf0 at xen0 backend 0' : 'pkg_add: installing something'}-${i * 31}`).join('\n') + '\n';

describe('stitchConsole', () => {
  it('a console that repeats itself over a whole window is joined at the first place that fits: fewer repeats, never foreign text', () => {
    const full = 'head\n' + 'xnf0: watchdog timeout\n'.repeat(200) + 'login: ';
    const text = stitchConsole(answer(full, 2000, 3000), answer(full, full.length, 3000));
    expect(text.startsWith('head\n')).toBe(true);
    expect(text.endsWith('xnf0: watchdog timeout\nlogin: ')).toBe(true);
    expect(text.replaceAll('xnf0: watchdog timeout\n', '')).toBe('head\nlogin: ');
  });

  it('keeps a growing console as it is, and ignores an older snapshot posted late', () => {
    expect(stitchConsole('', 'a\nb')).toBe('a\nb');
    expect(stitchConsole('a\nb', 'a\nb\nc\n')).toBe('a\nb\nc\n');
    expect(stitchConsole('a\nb\nc\n', 'b\nc\n')).toBe('a\nb\nc\n');
  });

  it('joins windows that slid past the start: the kernel banner stays', () => {
    const window = 4096;
    let text = '';
    for (let end = 1000; end < boot.length; end += 1500) text = stitchConsole(text, answer(boot, end, window));
    text = stitchConsole(text, answer(boot, boot.length, window));
    expect(text).toBe(boot);
    expect(answer(boot, boot.length, window).startsWith('line 0:')).toBe(false);
  });

  it('cannot bridge a gap of more than a window: takes the new answer alone, joins nothing that was not adjacent', () => {
    const first = answer(boot, 3000, 2048);
    const later = answer(boot, 9000, 2048);
    expect(stitchConsole(first, later)).toBe(later);
  });

  it('a window that starts inside a UTF-8 sequence or a line still joins at its first line break', () => {
    const full = Array.from({ length: 60 }, (_, i) => `${i} héllo wörld`).join('\n') + '\ntail line\n';
    const cut = full.indexOf('ö', 300);
    expect(cut).toBeLessThan(400);
    // The window began on the second byte of ö: the decoder gives U+FFFD for the stray byte.
    const next = '\uFFFD' + full.slice(cut + 1);
    expect(stitchConsole(full.slice(0, 400), next)).toBe(full);
  });

  it('keeps at most its cap, from a line start', () => {
    const big = 'x'.repeat(99) + '\n';
    const text = stitchConsole('', big.repeat(STITCHED_MAX_CHARS / 100 + 10));
    expect(text.length).toBeLessThanOrEqual(STITCHED_MAX_CHARS);
    expect(text.startsWith('x')).toBe(true);
  });

  it('property: any sequence of sliding answers gives text the console really printed, ending where it ends; with overlap, all of it', () => {
    const lines = fc.array(fc.stringMatching(/^[a-z0-9 :.-]{0,60}$/), { minLength: 1, maxLength: 300 });
    fc.assert(
      fc.property(lines, fc.integer({ min: 200, max: 3000 }), fc.array(fc.integer({ min: 1, max: 4000 }), { minLength: 1, maxLength: 40 }), (ls, window, steps) => {
        // Numbered lines: a real console does not repeat itself byte for byte over a whole window.
        const full = ls.map((l, i) => `${i} ${l}`).join('\n') + '\n';
        let text = '';
        let end = 0;
        let overlapped = true;
        for (const step of steps) {
          const next = Math.min(full.length, end + step);
          // The next answer overlaps this one by at least a line and a probe when it started no later than half a window back.
          if (next - window > end - window / 2 || window < 2 * 70 + 64) overlapped = false;
          end = next;
          text = stitchConsole(text, answer(full, end, window));
        }
        expect(full.slice(0, end).endsWith(text)).toBe(true);
        if (overlapped) expect(text).toBe(full.slice(0, end));
      }),
      { numRuns: 300 },
    );
  });
});
