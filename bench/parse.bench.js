// Parser figures (issue 2). Prints; asserts nothing. Run: npm run bench -- parse
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBootLog } from '../dist/parser/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = resolve(process.env.BOOTGATE_CORPUS ?? join(root, '..', 'shared', 'corpus'));
let files;
try {
  files = readdirSync(corpusDir).filter((f) => /^\d{3}-.*\.txt$/.test(f)).sort();
} catch {
  console.log(`no corpus at ${corpusDir}: set BOOTGATE_CORPUS`);
  process.exit(0);
}
const corpus = Buffer.concat(files.map((f) => readFileSync(join(corpusDir, f))));
const MB = corpus.length / 1e6;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}
// 1. Throughput next to a naive baseline, same run, same bytes. Both are warmed up
// (JIT) first and then timed in alternation, so drift in the machine's speed hits
// both alike. Each round gives one ratio (ours / naive, timed back to back); the
// figure is the median round, with the 10th-90th percentile of rounds beside it,
// because this machine's speed swings from run to run.
const ATTACH = /^([a-z][a-z0-9_]*?\d+) at ([a-z][a-z0-9_]*?\d+)/;
const naiveParse = () => {
  let n = 0;
  for (const line of corpus.toString('utf8').split('\n')) if (ATTACH.test(line)) n++;
  return n;
};
const ourParse = () => parseBootLog(corpus);
for (let i = 0; i < 20; i++) {
  naiveParse();
  ourParse();
}
const tNaive = [];
const tOurs = [];
const ratios = [];
for (let i = 0; i < 80; i++) {
  let t = performance.now();
  naiveParse();
  const n = performance.now() - t;
  t = performance.now();
  ourParse();
  const o = performance.now() - t;
  tNaive.push(n);
  tOurs.push(o);
  ratios.push(o / n);
}
const naive = MB / (median(tNaive) / 1000);
const ours = MB / (median(tOurs) / 1000);
console.log(`corpus: ${files.length} files, ${MB.toFixed(2)} MB`);
console.log(
  `throughput  naive split+regex ${naive.toFixed(1)} MB/s | parseBootLog ${ours.toFixed(1)} MB/s | ratio 1/${median(ratios).toFixed(1)} ` +
    `(rounds p10-p90 1/${pct(ratios, 0.1).toFixed(1)}-1/${pct(ratios, 0.9).toFixed(1)}; floor 1/10, aim 1/5)`,
);

// 2. p50 of a 64 KB console (the EC2 console buffer size).
const k64 = corpus.subarray(0, 65536);
for (let i = 0; i < 50; i++) parseBootLog(k64);
const t64 = [];
for (let i = 0; i < 300; i++) {
  const t = performance.now();
  parseBootLog(k64);
  t64.push(performance.now() - t);
}
console.log(`64 KB parse p50 ${median(t64).toFixed(2)} ms, p90 ${pct(t64, 0.9).toFixed(2)} ms (floor: p50 <= 3 ms)`);

// 3. Large inputs in a fresh process each: time and peak RSS against input size.
const tmp = mkdtempSync(join(tmpdir(), 'bootgate-bench-'));
const big = (mb) => {
  const path = join(tmp, `${mb}mb.log`);
  const reps = Math.ceil((mb * 1e6) / corpus.length);
  const parts = [];
  for (let i = 0; i < reps; i++) parts.push(corpus);
  writeFileSync(path, Buffer.concat(parts).subarray(0, mb * 1e6));
  return path;
};
const child = `
  import { readFileSync } from 'node:fs';
  import { parseBootLog } from ${JSON.stringify(join(root, 'dist/parser/index.js'))};
  const bytes = readFileSync(process.argv[1]);
  const before = process.memoryUsage().rss;
  const t = performance.now();
  const { model } = parseBootLog(bytes);
  const ms = performance.now() - t;
  console.log(JSON.stringify({ ms, boots: model.boots.length, maxRss: process.resourceUsage().maxRSS * 1024, before }));
`;
const large = {};
for (const mb of [10, 100]) {
  const path = big(mb);
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', child, path], { encoding: 'utf8', maxBuffer: 1e6 });
  if (r.status !== 0) {
    console.log(`${mb} MB: failed: ${r.stderr.split('\n')[0]}`);
    continue;
  }
  const o = JSON.parse(r.stdout);
  large[mb] = o;
  console.log(`${mb} MB input: ${(o.ms / 1000).toFixed(2)} s (${(mb / (o.ms / 1000)).toFixed(1)} MB/s), ${o.boots} boots, peak RSS ${(o.maxRss / 1e6).toFixed(0)} MB = ${(o.maxRss / (mb * 1e6)).toFixed(1)}x input (floor < 10x)`);
}
if (large[10] && large[100]) console.log(`linearity: 100 MB took ${(large[100].ms / large[10].ms).toFixed(1)}x the time of 10 MB (linear = 10x)`);

rmSync(tmp, { recursive: true, force: true });
// Cold `bootgate tree` against `node -e ''` (issue 12): bench/tree-cold.bench.js.
