// `bootgate check --redact` against the plain run on thousands of consoles with distinct host
// names (generated here), as one process each, and on one console naming thousands of hosts.
// Redaction used to build one RegExp per learnt host for every string (quadratic in the hosts);
// it is now one pass. Prints figures; asserts nothing. Target: redacted ≤ 3 x plain.
// BENCH_CONSOLES (default 2000) and BENCH_HOSTS (default 2000) size the two cases. Needs `npm run build`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const CONSOLES = Number(process.env.BENCH_CONSOLES ?? 2000);
const HOSTS = Number(process.env.BENCH_HOSTS ?? 2000);
const base = readFileSync(join(repo, 'fixtures/diff/healthy-a.log'), 'utf8').split('\n\n').slice(1).join('\n\n');

/** One console of a healthy boot whose host name, address and builder are its own. */
function consoleFor(i) {
  const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  const host = `ip-${ip.replaceAll('.', '-')}.eu-west-1.compute.internal`;
  return base
    .replace(/\(ip-[^)]+\)/g, `(${host})`)
    .replace(/root@ip-[\w.-]+/g, `root@${host}`)
    .replace(/deraadt@amd64\.openbsd\.org/g, `build${i}@builder-${i}.example.net`)
    + `Last login: Tue Nov 24 10:0${i % 10}:00 2026 from web-${i}.corp.example.org on ttyp0\n`;
}

function time(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(repo, 'bin/bootgate.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status === 2) throw new Error(`bootgate ${args.slice(0, 3).join(' ')} failed: ${r.stderr}`);
  return ms;
}

const dir = mkdtempSync(join(tmpdir(), 'bootgate-bench-redact-'));
try {
  const files = [];
  for (let i = 0; i < CONSOLES; i++) {
    const f = join(dir, `c${i}.log`);
    writeFileSync(f, consoleFor(i));
    files.push(f);
  }
  // One console naming HOSTS distinct hosts (login banners of a long-lived serial log).
  const many = join(dir, 'many-hosts.log');
  let text = base;
  for (let i = 0; i < HOSTS; i++) text += `OpenBSD/amd64 (host-${i}.lab.example.net) (tty00)\n\nlogin: \n`;
  writeFileSync(many, text);

  const rows = [
    [`${CONSOLES} consoles, distinct hosts, check -f json`, files],
    [`1 console, ${HOSTS} distinct hosts, check -f json`, [many]],
  ];
  for (const [label, inputs] of rows) {
    const plain = time(['check', '-f', 'json', ...inputs]);
    const redacted = time(['check', '--redact', '-f', 'json', ...inputs]);
    process.stdout.write(`${label}: plain ${(plain / 1000).toFixed(2)} s, --redact ${(redacted / 1000).toFixed(2)} s, ratio ${(redacted / plain).toFixed(2)} (target ≤ 3)\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
