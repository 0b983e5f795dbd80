#!/usr/bin/env node
// The run step of action.yml: maps the action's inputs (INPUT_* variables, set by action.yml) to one
// `bootgate launch` command line, runs it, and writes the step outputs ($GITHUB_OUTPUT) and the
// Markdown report ($GITHUB_STEP_SUMMARY). Exits with bootgate's own exit code, so the step fails
// unless the image passed. Plain Node (no dependencies) so it runs right after setup-node.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', 'bin', 'bootgate.js');

/** bootgate's exit codes, as the `verdict` output names them. */
const VERDICT_OF = { 0: 'pass', 1: 'fail', 2: 'error', 3: 'inconclusive', 130: 'interrupted', 143: 'interrupted' };

/** Splits `extra-args` as a shell would split plain words and '…' / "…" quoted ones (no expansion). */
export function splitArgs(text) {
  const out = [];
  let word = null;
  let quote = null;
  for (const ch of text) {
    if (quote !== null) {
      if (ch === quote) quote = null;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= '';
    } else if (/\s/.test(ch)) {
      if (word !== null) out.push(word);
      word = null;
    } else word = (word ?? '') + ch;
  }
  if (quote !== null) throw new Error(`extra-args: unclosed ${quote}`);
  if (word !== null) out.push(word);
  return out;
}

/** The `bootgate launch` arguments for the inputs, and where the reports go. */
export function launchArgs(env) {
  const input = (name) => (env[`INPUT_${name}`] ?? '').trim();
  const dir = resolve(input('REPORT_DIR') || join(env.RUNNER_TEMP || '.', 'bootgate-reports'));
  const markdown = join(dir, 'bootgate.md');
  const junit = join(dir, 'bootgate.junit.xml');
  const html = join(dir, 'bootgate.html');
  const args = ['launch'];
  if (input('AMI') && input('PACKER_MANIFEST')) throw new Error('give either ami or packer-manifest, not both');
  if (input('AMI')) args.push('--ami', input('AMI'));
  else if (input('PACKER_MANIFEST')) args.push('--packer-manifest', input('PACKER_MANIFEST'));
  else throw new Error('give ami or packer-manifest');
  const flag = (name, option) => {
    if (input(name)) args.push(option, input(name));
  };
  flag('INSTANCE_TYPES', '--instance-type');
  flag('REGION', '--region');
  flag('EXPECT', '--expect');
  flag('TIMEOUT', '--timeout');
  flag('MAX_CONCURRENT', '--max-concurrent');
  // The human report goes to the log; the others to files, from the same paid run.
  args.push('--report', `markdown=${markdown}`, '--report', `junit=${junit}`, '--report', `html=${html}`, '--report-dir', dir);
  args.push(...splitArgs(input('EXTRA_ARGS')));
  return { args, dir, markdown, junit, html };
}

/** verdict, cause, report paths: what later steps read as `steps.<id>.outputs.*`. */
export function outputsOf(code, { dir, markdown, junit, html }) {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f)) : [];
  const reports = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
  const causes = [...new Set(reports.map((r) => r.cause).filter((c) => typeof c === 'string'))];
  return {
    verdict: VERDICT_OF[code] ?? 'error',
    cause: causes.join(','),
    'exit-code': String(code),
    'report-dir': dir,
    'markdown-report': written(markdown),
    'junit-report': written(junit),
    'html-report': written(html),
    'json-reports': files.join('\n'),
  };
}

/** The path, if bootgate wrote something there (an early error writes nothing). */
function written(path) {
  return existsSync(path) && readFileSync(path, 'utf8').trim() !== '' ? path : '';
}

/** `name=value`, or the heredoc form for values with newlines (GitHub's $GITHUB_OUTPUT syntax). */
function outputLines(outputs) {
  return Object.entries(outputs)
    .map(([k, v]) => (v.includes('\n') ? `${k}<<BOOTGATE_EOF\n${v}\nBOOTGATE_EOF\n` : `${k}=${v}\n`))
    .join('');
}

async function main() {
  let plan;
  try {
    plan = launchArgs(process.env);
  } catch (err) {
    process.stderr.write(`bootgate action: ${err.message}\n`);
    return 2;
  }
  mkdirSync(plan.dir, { recursive: true });
  process.stdout.write(`bootgate ${plan.args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`)).join(' ')}\n`);
  const child = spawn(process.execPath, [BIN, ...plan.args], { stdio: 'inherit' });
  // The runner cancels a job with SIGINT, then SIGTERM: pass them on so bootgate terminates what it launched.
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  const code = await new Promise((done) => child.on('close', (c, signal) => done(c ?? (signal === 'SIGINT' ? 130 : 143))));
  const outputs = outputsOf(code, plan);
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, outputLines(outputs));
  if (process.env.GITHUB_STEP_SUMMARY && outputs['markdown-report']) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${readFileSync(outputs['markdown-report'], 'utf8')}\n`);
  return code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
