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

// Every child reports its own peak RSS and CPU time (all threads) on exit (spawnSync gives neither).
const rssDir = mkdtempSync(join(tmpdir(), 'bootgate-rss-'));
const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => { const u = process.resourceUsage(); writeFileSync(process.env.BOOTGATE_BENCH_RSS, `${u.maxRSS * 1024} ${(u.userCPUTime + u.systemCPUTime) / 1000}`); });",
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
  const [rss, cpu] = readFileSync(rssFile, 'utf8').split(' ').map(Number);
  return { ms, rss, cpu, stdout: r.stdout, status: r.status };
}

async function many() {
  const set = manyConsoles(root);
  try {
    const mb = set.bytes / 1e6;
    console.log(`check --format json, ${set.files.length} files (${mb.toFixed(1)} MB, made from ${set.from}), one process, whole-process time, median of ${ROUNDS} (alternated):`);
    const variants = [
      ['main thread (default)', []],
      ['--jobs auto', ['--jobs', 'auto']],
    ];
    const runs = variants.map(() => []);
    for (let i = 0; i < ROUNDS; i++) variants.forEach(([, flags], v) => runs[v].push(run(['check', '--format', 'json', ...flags, ...set.files])));
    variants.forEach(([label], v) => {
      const rs = runs[v];
      const ms = median(rs.map((r) => r.ms));
      const cpu = median(rs.map((r) => r.cpu));
      const reports = rs[0].stdout.trimEnd().split('\n').length;
      console.log(`  ${label.padEnd(22)} ${(ms / 1000).toFixed(2)} s = ${(mb / (ms / 1000)).toFixed(1)} MB/s (aim 15 MB/s; rounds ${rs.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s), CPU ${(cpu / 1000).toFixed(2)} s, ${reports} reports, exit ${rs[0].status}, peak RSS ${(median(rs.map((r) => r.rss)) / 1e6).toFixed(0)} MB`);
    });
    await shares(set);
  } finally {
    set.cleanup();
  }
}

/** Where one thread's time goes over the same set, in process (files read first): the parser's share is most of it. */
async function shares(set) {
  const { parseBootLog } = await import('../dist/parser/index.js');
  const { checkModel } = await import('../dist/check/check.js');
  const bytes = set.files.map((f) => readFileSync(f));
  let parse = 0;
  let check = 0;
  let json = 0;
  for (const [i, b] of bytes.entries()) {
    const t0 = performance.now();
    const { model } = parseBootLog(b);
    const t1 = performance.now();
    const report = checkModel(model, { file: set.files[i] });
    const t2 = performance.now();
    JSON.stringify(report);
    json += performance.now() - t2;
    parse += t1 - t0;
    check += t2 - t1;
  }
  const all = parse + check + json;
  const mb = set.bytes / 1e6;
  console.log(`  in one thread, in process: parse ${(parse / 1000).toFixed(2)} s (${((100 * parse) / all).toFixed(0)}%, ${(mb / (parse / 1000)).toFixed(1)} MB/s), rules + diagnoses ${(check / 1000).toFixed(2)} s (${((100 * check) / all).toFixed(0)}%), JSON ${(json / 1000).toFixed(2)} s`);
}


function html() {
  const { texts } = sourceConsoles(root);
  const dir = mkdtempSync(join(tmpdir(), 'bootgate-html-'));
  try {
    const file = join(dir, 'big.txt');
    const one = Buffer.concat(texts.flatMap((t) => [t, Buffer.from('\n')]));
    // The figure is a 100 MB console (peak RSS barely varies: one round unless asked).
    const MB = Number(process.env.BENCH_HTML_MB ?? 100);
    const copies = Math.ceil((MB * 1e6) / one.length);
    writeFileSync(file, Buffer.concat(Array.from({ length: copies }, () => one)));
    const bytes = copies * one.length;
    const runs = [];
    for (let i = 0; i < Number(process.env.BENCH_HTML_ROUNDS ?? 1); i++) runs.push(run(['check', '--format', 'html', file]));
    const rss = median(runs.map((r) => r.rss));
    console.log(`check --format html, one ${(bytes / 1e6).toFixed(1)} MB console: median ${(median(runs.map((r) => r.ms)) / 1000).toFixed(2)} s, peak RSS ${(rss / 1e6).toFixed(0)} MB = ${(rss / bytes).toFixed(1)}x input (aim 10x), page ${(runs[0].stdout.length / 1e6).toFixed(1)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await many();
html();
rmSync(rssDir, { recursive: true, force: true });
