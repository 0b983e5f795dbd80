// A many-file console set for the batch benches, written to a temp dir at bench time (never
// committed): the shared corpus's consoles, or the fixtures' without their headers, each grown
// to about `avgBytes` by appending the next consoles as later boots of one buffer (a rebooted
// instance's console), until `count` files exist.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const NL = Buffer.from('\n');

export function sourceConsoles(root) {
  const corpus = resolve(process.env.BOOTGATE_CORPUS ?? join(root, '..', 'shared', 'corpus'));
  if (existsSync(corpus)) {
    const names = readdirSync(corpus).filter((f) => /^\d{3}-.*\.txt$/.test(f)).sort();
    if (names.length > 0) return { from: corpus, texts: names.map((f) => readFileSync(join(corpus, f))) };
  }
  const dir = join(root, 'fixtures', 'dmesg');
  // fixtures/dmesg/*.log: header lines, a blank line, then the console.
  const texts = readdirSync(dir).filter((f) => f.endsWith('.log')).sort().map((f) => {
    const b = readFileSync(join(dir, f));
    return b.subarray(b.indexOf('\n\n') + 2);
  });
  return { from: dir, texts };
}

/** Writes the set; returns its files, total bytes, and a cleanup. */
export function manyConsoles(root, count = 2324, avgBytes = 10 * 1024) {
  const { from, texts } = sourceConsoles(root);
  const dir = mkdtempSync(join(tmpdir(), 'bootgate-many-'));
  const files = [];
  let bytes = 0;
  let next = 0;
  for (let i = 0; i < count; i++) {
    const parts = [];
    let size = 0;
    do {
      const t = texts[next++ % texts.length];
      parts.push(t, NL);
      size += t.length + 1;
    } while (size < avgBytes);
    const file = join(dir, `console-${String(i).padStart(5, '0')}.txt`);
    const body = Buffer.concat(parts);
    writeFileSync(file, body);
    files.push(file);
    bytes += body.length;
  }
  return { from, dir, files, bytes, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
