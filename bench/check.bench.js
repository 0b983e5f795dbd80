// bootgate check: cold whole-process time on a 64 KB console, and batch throughput over the
// shared corpus (rules vs parse alone). Prints figures; asserts nothing. Run: npm run bench.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseBootLog } from '../dist/parser/index.js';
import { checkModel } from '../dist/check/check.js';
import { coldRounds } from './cold-rounds.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'bootgate.js');
const corpus = resolve(process.env.BOOTGATE_CORPUS ?? join(root, '..', 'shared', 'corpus'));
const RUNS = 15;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A 64 KB EC2 console: a complete Xen boot, its CPU attach block grown the way a large instance's is. */
function console64k() {
  const base = existsSync(join(corpus, '002-aws-xen-6.0-ec2-console-full.txt'))
    ? readFileSync(join(corpus, '002-aws-xen-6.0-ec2-console-full.txt'), 'utf8')
    : readFileSync(join(root, 'fixtures/dmesg/diag-banner-missing.log'), 'utf8').split('\n\n').slice(1).join('\n\n');
  const lines = base.split('\n');
  const at = lines.findIndex((l) => l.startsWith('pvbus0 at'));
  const cpus = [];
  for (let n = 1; Buffer.byteLength(lines.join('\n') + cpus.join('\n')) < 64 * 1024; n++) {
    cpus.push(
      `cpu${n} at mainbus0: apid ${n * 2} (application processor)`,
      `cpu${n}: Intel(R) Xeon(R) CPU E5-2676 v3 @ 2.40GHz, 2400.05 MHz, 06-3f-02`,
      `cpu${n}: FPU,VME,DE,PSE,TSC,MSR,PAE,MCE,CX8,APIC,SEP,MTRR,PGE,MCA,CMOV,PAT,PSE36,CFLUSH,MMX,FXSR,SSE,SSE2,HTT,SSE3`,
      `cpu${n}: 256KB 64b/line 8-way L2 cache`,
      `cpu${n}: smt 0, core ${n}, package 0`,
    );
  }
  lines.splice(at, 0, ...cpus);
  return lines.join('\n');
}

function cold() {
  const dir = mkdtempSync(join(tmpdir(), 'bootgate-bench-'));
  const file = join(dir, 'console-64k.txt');
  const text = console64k();
  writeFileSync(file, text);
  const args = [bin, 'check', '--format', 'json', file];
  const verdictOf = (r) => {
    if (r.status === 2 || r.error) throw new Error(`bootgate check failed: ${r.stderr || r.error}`);
    return JSON.parse(r.stdout).verdict;
  };
  verdictOf(spawnSync(process.execPath, args, { encoding: 'utf8' })); // prime the OS file cache; every measured run is still a fresh process
  const { times, bare, results } = coldRounds(args, RUNS);
  const verdict = results.map(verdictOf).at(-1);
  console.log(`cold: bootgate check of a ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB console (verdict ${verdict}), whole process`);
  console.log(`  median ${median(times).toFixed(1)} ms over ${RUNS} runs (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}); target <= 300 ms; node -e '' alone: median ${median(bare).toFixed(1)} ms`);
}

function batch() {
  if (!existsSync(corpus)) {
    console.log(`batch: skipped, no corpus at ${corpus} (set BOOTGATE_CORPUS)`);
    return;
  }
  const files = readdirSync(corpus).filter((f) => /^\d{3}-.*\.txt$/.test(f)).sort().map((f) => join(corpus, f));
  const inputs = files.map((f) => readFileSync(f));
  const bytes = inputs.reduce((n, b) => n + b.length, 0);
  const ROUNDS = 20;
  const time = (fn) => {
    fn(); // JIT warm-up
    const t = performance.now();
    for (let i = 0; i < ROUNDS; i++) fn();
    return (performance.now() - t) / ROUNDS;
  };
  const models = inputs.map((b) => parseBootLog(b).model);
  const parseMs = time(() => inputs.forEach((b) => parseBootLog(b)));
  const rulesMs = time(() => models.forEach((m) => checkModel(m)));
  const rate = (ms) => `${((files.length / ms) * 1000).toFixed(0)} files/s, ${((bytes / 1024 / 1024 / ms) * 1000).toFixed(2)} MB/s`;
  console.log(`batch: ${files.length} corpus files, ${(bytes / 1024).toFixed(0)} KB, in-process, mean of ${ROUNDS} rounds`);
  console.log(`  parse alone:      ${parseMs.toFixed(1)} ms  (${rate(parseMs)})`);
  console.log(`  rules alone:      ${rulesMs.toFixed(1)} ms  (${rate(rulesMs)}; ${((rulesMs / parseMs) * 100).toFixed(1)}% of the parse)`);
  console.log(`  parse + check:    ${(parseMs + rulesMs).toFixed(1)} ms  (${rate(parseMs + rulesMs)})`);
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, 'check', '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t;
  console.log(`  bootgate check of all of them in one call (whole process): ${ms.toFixed(0)} ms (${rate(ms)}), exit ${r.status}, ${r.stdout.trimEnd().split('\n').length} reports`);
}

cold();
batch();
