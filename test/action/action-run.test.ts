import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/sim/index.js';
import type { LaunchReport } from '../../src/verdict/launch-report.js';
import { useSimulator, isolatedEnv, repoRoot } from '../launcher/cli-harness.js';

// action.yml's run step (scripts/action-run.mjs) as the runner calls it, against the simulator on loopback.
const script = join(repoRoot, 'scripts', 'action-run.mjs');
const actionYml = readFileSync(join(repoRoot, 'action.yml'), 'utf8');
const xen60 = SCENARIOS.find((s) => s.id === 'healthy-xen-6.0')!.amiId;
const live = useSimulator({ speed: 100 });

function runStep(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env: isolatedEnv(env), cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** $GITHUB_OUTPUT's `name=value` and `name<<EOF … EOF` entries. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([\w-]+)<<(\S+)$/.exec(lines[i]!);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      out[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i]!.includes('=')) out[lines[i]!.slice(0, lines[i]!.indexOf('='))] = lines[i]!.slice(lines[i]!.indexOf('=') + 1);
  }
  return out;
}

describe('the GitHub Action (action.yml + scripts/action-run.mjs)', () => {
  it('maps its inputs to one launch command line, writes the step outputs and the job summary, and fails the step on a failed image', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bootgate-action-'));
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ require: [{ name: 'xnf0', parent: 'xen0' }] }));
    const [outputFile, summaryFile] = [join(dir, 'output'), join(dir, 'summary.md')];
    writeFileSync(outputFile, '');
    writeFileSync(summaryFile, '# earlier step\n');
    const reports = join(dir, 'reports');
    const extra = `--endpoint-url ${live.sim.endpoint} --ssh-port ${live.sim.sshPort} --poll-interval 250ms --no-ssh --tag "team=image porters"`;
    const r = await runStep({
      INPUT_AMI: xen60, INPUT_REGION: 'eu-west-1', INPUT_INSTANCE_TYPES: 't2.micro,m5.large', INPUT_EXPECT: policy, INPUT_TIMEOUT: '90s',
      INPUT_MAX_CONCURRENT: '1', INPUT_REPORT_DIR: reports, INPUT_EXTRA_ARGS: extra, INPUT_PACKER_MANIFEST: '',
      GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: dir,
    });

    // The command line, as the log shows it.
    expect(r.stdout.split('\n')[0]).toBe(
      `bootgate launch --ami ${xen60} --instance-type t2.micro,m5.large --region eu-west-1 --expect ${policy} --timeout 90s --max-concurrent 1 ` +
        `--report markdown=${join(reports, 'bootgate.md')} --report junit=${join(reports, 'bootgate.junit.xml')} --report html=${join(reports, 'bootgate.html')} --report-dir ${reports} ` +
        `--endpoint-url ${live.sim.endpoint} --ssh-port ${live.sim.sshPort} --poll-interval 250ms --no-ssh --tag 'team=image porters'`,
    );
    expect(r.code, r.stderr).toBe(1);

    const out = parseOutputs(readFileSync(outputFile, 'utf8'));
    expect(out).toMatchObject({
      verdict: 'fail', cause: 'image', 'exit-code': '1', 'report-dir': reports,
      'markdown-report': join(reports, 'bootgate.md'), 'junit-report': join(reports, 'bootgate.junit.xml'), 'html-report': join(reports, 'bootgate.html'),
    });
    expect(readFileSync(out['junit-report']!, 'utf8')).toMatch(/<testsuite name="[^"]+ on m5\.large in eu-west-1 \(i-/);
    expect(readFileSync(out['html-report']!, 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    // The human report went to the log.
    expect(r.stdout).toMatch(/FAIL/);
    const files = out['json-reports']!.split('\n');
    expect(files).toHaveLength(2);
    const judged = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as LaunchReport);
    expect(judged.map((j) => `${j.instance.type} ${j.instance.region} ${j.verdict}`).sort()).toEqual(['m5.large eu-west-1 fail', 't2.micro eu-west-1 pass']);
    expect(judged.find((j) => j.instance.type === 't2.micro')?.findings.find((f) => f.rule === 'expected-devices')?.status).toBe('pass');

    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary.startsWith('# earlier step\n## bootgate launch\n')).toBe(true);
    expect(summary).toMatch(/on m5\.large in eu-west-1/);
    expect(summary).toMatch(/nitro-no-ena/);

    const mine = live.sim.instances().filter((i) => i.tags['team'] === 'image porters');
    expect(mine.map((i) => i.region)).toEqual(['eu-west-1', 'eu-west-1']);
    expect(mine.every((i) => i.state === 'terminated')).toBe(true);
    // --max-concurrent 1: the second launched only after the first was gone.
    const [a, b] = [...mine].sort((x, y) => x.launchedAt - y.launchedAt);
    expect(b!.launchedAt).toBeGreaterThanOrEqual(a!.terminatedAt!);
  }, 180_000);

  it('ami and packer-manifest together, or neither: one line, exit 2, no outputs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bootgate-action-'));
    const outputFile = join(dir, 'output');
    writeFileSync(outputFile, '');
    for (const inputs of [{ INPUT_AMI: xen60, INPUT_PACKER_MANIFEST: 'manifest.json' }, {}] as Record<string, string>[]) {
      const r = await runStep({ ...inputs, GITHUB_OUTPUT: outputFile, RUNNER_TEMP: dir });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^bootgate action: give (either )?ami or packer-manifest/);
    }
    expect(readFileSync(outputFile, 'utf8')).toBe('');
  });

  it('action.yml: every input the script reads is passed, every output it declares is one the script writes', () => {
    const section = (name: string): string[] => {
      const body = actionYml.split(new RegExp(`^${name}:\\n`, 'm'))[1]!.split(/^\S/m)[0]!;
      return [...body.matchAll(/^ {2}([\w-]+):$/gm)].map((m) => m[1]!);
    };
    const inputs = section('inputs');
    const read = [...readFileSync(script, 'utf8').matchAll(/(?:input|flag)\('([A-Z_]+)'/g)].map((m) => m[1]!);
    const passed = [...actionYml.matchAll(/^ {8}INPUT_([A-Z_]+): \$\{\{ inputs\.([\w-]+) \}\}$/gm)].map((m) => [m[1]!, m[2]!] as const);
    for (const [envName, input] of passed) {
      expect(inputs).toContain(input);
      expect(envName).toBe(input.toUpperCase().replaceAll('-', '_'));
    }
    expect(new Set(read)).toEqual(new Set(passed.map(([e]) => e)));
    expect(inputs.filter((i) => i !== 'node-version').sort()).toEqual(passed.map(([, i]) => i).sort());

    const outputs = section('outputs');
    for (const o of outputs) expect(actionYml).toContain(`value: \${{ steps.run.outputs.${o} }}`);
    expect(outputs.sort()).toEqual(['cause', 'exit-code', 'html-report', 'json-reports', 'junit-report', 'markdown-report', 'report-dir', 'verdict']);
    expect(actionYml).toMatch(/using: composite/);
    expect(actionYml).toMatch(/uses: actions\/setup-node@v\d+/);
    expect(actionYml).toMatch(/working-directory: \$\{\{ github\.action_path \}\}\n\s+run: npm ci/);
  });
});
