// bootgate check over many files in one process, and the html report's peak memory. Prints
// figures; asserts nothing. The file set is generated into a temp dir (bench/many-consoles.js)
// and removed afterwards. Run: npm run bench -- check-many
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { manyConsoles, sourceConsoles } from './many-consoles.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'bootgate.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Every child reports its own peak RSS on exit (the parent cannot see a child's maxRSS).
const rssDir = mkdtempSync(join(tmpdir(), 'bootgate-rss-'));
const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.BOOTGATE_BENCH_RSS, String(process.resourceUsage().maxRSS * 1024)));",
)}`;
function run(args) {
  const rssFile = join(rssDir, 'rss');
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', RSS_HOOK, bin, ...args], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, BOOTGATE_BENCH_RSS: rssFile },
  });
  const ms = performance.now() - t;
  if (r.status === 2 || r.error) throw new Error(`bootgate ${args[0]} failed: ${r.stderr || r.error}`);
  return { ms, rss: Number(readFileSync(rssFile, 'utf8')), stdout: r.stdout, status: r.status };
}

function many() {
  const set = manyConsoles(root);
  try {
    const mb = set.bytes / 1e6;
    console.log(`check --format json, ${set.files.length} files (${mb.toFixed(1)} MB, made from ${set.from}), one process, whole-process time, median of ${ROUNDS}:`);
    const runs = [];
    for (let i = 0; i < ROUNDS; i++) runs.push(run(['check', '--format', 'json', ...set.files]));
    const ms = median(runs.map((r) => r.ms));
    const reports = runs[0].stdout.trimEnd().split('\n').length;
    console.log(`  ${(ms / 1000).toFixed(2)} s = ${(mb / (ms / 1000)).toFixed(1)} MB/s (rounds ${runs.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s; aim 15 MB/s), ${reports} reports, exit ${runs[0].status}, peak RSS ${(median(runs.map((r) => r.rss)) / 1e6).toFixed(0)} MB`);
  } finally {
    set.cleanup();
  }
}

function html() {
  const { texts } = sourceConsoles(root);
  const dir = mkdtempSync(join(tmpdir(), 'bootgate-html-'));
  try {
    const file = join(dir, 'big.txt');
    const one = Buffer.concat(texts.flatMap((t) => [t, Buffer.from('\n')]));
    const MB = Number(process.env.BENCH_HTML_MB ?? 10);
    const copies = Math.ceil((MB * 1e6) / one.length);
    writeFileSync(file, Buffer.concat(Array.from({ length: copies }, () => one)));
    const bytes = copies * one.length;
    const runs = [];
    for (let i = 0; i < ROUNDS; i++) runs.push(run(['check', '--format', 'html', file]));
    const rss = median(runs.map((r) => r.rss));
    console.log(`check --format html, one ${(bytes / 1e6).toFixed(1)} MB console: median ${(median(runs.map((r) => r.ms)) / 1000).toFixed(2)} s, peak RSS ${(rss / 1e6).toFixed(0)} MB = ${(rss / bytes).toFixed(1)}x input (aim 10x), page ${(runs[0].stdout.length / 1e6).toFixed(1)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

many();
html();
rmSync(rssDir, { recursive: true, force: true });
