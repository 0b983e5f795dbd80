// `bootgate diff` of two 64 KB consoles as a whole process, cold (a new node each run), as a
// gate would run it. Prints figures; asserts nothing. Target: median ≤ 350 ms. Needs `npm run build`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 15;
const SIZE = 64 * 1024;

/** A console at the EC2 limit: earlier boots (reboots) of the same image, then the judged one, cut to 64 KB. */
function console64k(fixture) {
  const body = readFileSync(join(repo, 'fixtures/diff', fixture), 'utf8').split('\n\n').slice(1).join('\n\n');
  let text = '';
  while (text.length < SIZE) text = body + 'syncing disks... done\nrebooting...\n' + text;
  return text.slice(text.length - SIZE);
}

const dir = mkdtempSync(join(tmpdir(), 'bootgate-bench-'));
try {
  const a = join(dir, 'old.log');
  const b = join(dir, 'new.log');
  writeFileSync(a, console64k('healthy-a.log'));
  writeFileSync(b, console64k('xnf0-lost.log'));
  const times = [];
  const codes = new Set();
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [join(repo, 'bin/bootgate.js'), 'diff', a, b], { encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    codes.add(r.status);
    if (r.status === 2) {
      process.stdout.write(`diff failed: ${r.stderr}\n`);
      break;
    }
  }
  times.sort((x, y) => x - y);
  const median = times[Math.floor(times.length / 2)];
  // Where the time goes, so a slow figure points at its cause: node itself, and loading the parser.
  const parts = [
    ['node startup', ['-e', '']],
    ['import parser', ['--input-type=module', '-e', `await import(${JSON.stringify(join(repo, 'dist/parser/index.js'))})`]],
  ].map(([label, args]) => {
    const t = [];
    for (let i = 0; i < 5; i++) {
      const t0 = process.hrtime.bigint();
      spawnSync(process.execPath, args);
      t.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return `${label} ${t.sort((x, y) => x - y)[2].toFixed(0)} ms`;
  });
  process.stdout.write(
    `diff 2 x ${SIZE / 1024} KB consoles, cold process, ${times.length} runs: ` +
    `median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms ` +
    `(target ≤ 350 ms; exit codes ${[...codes].join(',')})\n` +
    `  of which (median of 5): ${parts.join(', ')}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
