// Parse time against input size, without the corpus: one hand-written healthy boot
// repeated 48x and 384x (each copy a whole boot, as in a long multi-boot buffer).
// Prints the ratio; asserts nothing (a wall-clock figure flakes on a busy machine,
// so it is not a unit test). Run: npm run bench -- linearity
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBootLog } from '../dist/parser/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// fixtures/dmesg/*.log: header lines, a blank line, then the console.
const fixture = readFileSync(join(root, 'fixtures/dmesg/xen-6.0-healthy-wd0-timestamp.log'), 'latin1');
// The console without its first line, a bare capture stamp that belongs at the top only.
const boot = `${fixture.slice(fixture.indexOf('\n\n') + 2).replace(/^.*\n/, '').replace(/\n*$/, '')}\n`;
const COPIES = [48, 96, 192, 384];
const texts = COPIES.map((n) => boot.repeat(n));

/** The fastest of `runs` parses (ms): the least disturbed by GC and other processes. */
function best(text, runs) {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    parseBootLog(text);
    min = Math.min(min, performance.now() - t);
  }
  return min;
}
for (const text of texts) best(text, 2); // JIT warm-up on every size
const times = texts.map((text, i) => best(text, Math.max(3, 960 / COPIES[i] / 2)));
console.log(
  `per boot: ${COPIES.map((n, i) => `${n} boots (${(texts[i].length / 1e6).toFixed(2)} MB) ${(times[i] / n).toFixed(3)} ms`).join(' | ')}`,
);
console.log(`linearity: 384 boots took ${(times[3] / times[0]).toFixed(1)}x the time of 48 (linear = 8x, quadratic ~64x)`);
