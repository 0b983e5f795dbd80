import type { LineBatch } from './line-batch.js';

/*
 * Capture tools that stamp every line: GitHub Actions raw logs and other CI
 * runners (`2026-11-26T17:20:08.1234567Z `), serial loggers (`[2026-06-19 01:01:28.010] `,
 * `[17:20:08] `) and ts(1) from moreutils (`Nov 26 17:20:08 `). A stamp on most
 * lines is the capture's, not the console's: it is removed so the kernel's text
 * starts the line again. Line numbers are untouched.
 */
const STAMPS: readonly RegExp[] = [
  // A stamped blank line is the stamp alone (the trailing blank is trimmed): `(?: |$)`.
  /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?(?: |$)/,
  /^\[\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?\] ?/,
  /^\[\d\d:\d\d:\d\d(?:[.,]\d{1,9})?\] ?/,
  /^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 0-3]\d \d\d:\d\d:\d\d(?: |$)/,
];

/** Lines sampled to decide, and the share of them that must carry one stamp shape. */
const SAMPLE = 200;
const SHARE = 0.6;
const MIN_LINES = 3;

/** The stamp shape most of the first lines carry, or null when the capture adds none. */
export function detectCaptureStamp(batch: LineBatch): RegExp | null {
  const n = Math.min(batch.length, SAMPLE);
  if (n < MIN_LINES) return null;
  const needed = Math.max(MIN_LINES, n * SHARE);
  for (const stamp of STAMPS) {
    let hits = 0;
    // A shape stops being counted once the lines left cannot bring it to `needed` (most
    // consoles carry no stamp: this is every batch's first 200 lines, four times over).
    for (let i = 0; i < n && hits + (n - i) >= needed; i++) if (stamp.test(batch.text(i))) hits++;
    if (hits >= needed) return stamp;
  }
  return null;
}

/** Removes `stamp` where a line starts with it; a line left empty is dropped, as blank lines are. */
export function stripCaptureStamp(batch: LineBatch, stamp: RegExp): void {
  const blank: boolean[] = [];
  for (let i = 0; i < batch.length; i++) {
    const text = batch.text(i);
    const m = stamp.exec(text);
    if (!m) continue;
    const rest = text.slice(m[0].length);
    if (rest.trim() === '') blank[i] = true;
    else batch.setText(i, rest);
  }
  if (blank.length > 0) batch.filter((i) => blank[i] !== true);
}
