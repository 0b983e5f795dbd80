import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS, type SimInstance } from '../../src/sim/index.js';
import type { LaunchReport } from '../../src/verdict/launch-report.js';
import { useSimulator, isolatedEnv } from '../launcher/cli-harness.js';
import { runCliInProcess as runCli } from '../launcher/in-process-cli.js';

// A Packer build copied to two regions, gated on two instance types: the real CLI and SDK against the
// simulator on loopback. The CLI runs in this process (in-process-cli.ts), the runs overlap.
const live = useSimulator({ speed: 100 });
const dir = mkdtempSync(join(tmpdir(), 'bootgate-regions-'));
const xen60 = SCENARIOS.find((s) => s.id === 'healthy-xen-6.0')!.amiId;
const xen76 = SCENARIOS.find((s) => s.id === 'healthy-7.6')!.amiId;

function manifest(name: string, doc: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
  return path;
}

const packer = {
  builds: [
    { name: 'openbsd', builder_type: 'amazon-ebs', build_time: 1764460800, files: null, artifact_id: `us-east-1:${xen60}`, packer_run_uuid: 'c3f0-old', custom_data: null },
    { name: 'openbsd', builder_type: 'amazon-ebs', build_time: 1764547200, files: null, artifact_id: `us-east-1:${xen60},eu-west-1:${xen76}`, packer_run_uuid: '5d2a-new', custom_data: null },
  ],
  last_run_uuid: '5d2a-new',
};

const args = (...extra: string[]) => ['launch', '--endpoint-url', live.sim.endpoint, '--ssh-port', String(live.sim.sshPort), '--poll-interval', '250ms', '--timeout', '60s', ...extra];

/** The most instances of `runId` alive at one moment. */
function maxAlive(instances: readonly SimInstance[]): number {
  const edges = instances.flatMap((i) => [[i.launchedAt, 1], [i.terminatedAt ?? Infinity, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let max = 0;
  for (const [, d] of edges) max = Math.max(max, (now += d));
  return max;
}

describe.concurrent('bootgate launch --packer-manifest: regions × instance types', () => {
  it('2 regions × 2 types: one verdict per cell, each launched in its own region, at most --max-concurrent alive, nothing left', async () => {
    const reportDir = join(dir, 'reports');
    const [junit, html, md] = ['junit.xml', 'report.html', 'report.md'].map((f) => join(dir, f)) as [string, string, string];
    const policy = manifest('policy.json', { require: [{ name: 'xnf0', parent: 'xen0' }], forbid: ['vio*'] });
    // The one run: a Packer manifest, a policy, and every report from one paid launch.
    const r = await runCli(
      args('--packer-manifest', manifest('manifest.json', packer), '--instance-type', 't2.micro,m5.large', '--max-concurrent', '2', '--no-ssh', '--expect', policy,
        '--format', 'json', '--report', `junit=${junit}`, '--report', `html=${html}`, '--report', `markdown=${md}`, '--report-dir', reportDir),
      isolatedEnv({ AWS_REGION: 'ap-south-1' }),
    );
    expect(r.code, r.stderr).toBe(1);

    const reports = readdirSync(reportDir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(reportDir, f), 'utf8')) as LaunchReport);
    const cells = reports.map((x) => `${x.instance.region} ${x.instance.amiId} ${x.instance.type} ${x.verdict}`).sort();
    expect(cells).toEqual([
      `eu-west-1 ${xen76} m5.large fail`,
      `eu-west-1 ${xen76} t2.micro pass`,
      `us-east-1 ${xen60} m5.large fail`,
      `us-east-1 ${xen60} t2.micro pass`,
    ]);
    for (const x of reports.filter((y) => y.verdict === 'fail')) expect(x.diagnoses[0]?.id).toBe('nitro-no-ena');
    for (const x of reports.filter((y) => y.verdict === 'pass')) expect(x.findings.find((f) => f.rule === 'expected-devices')?.status).toBe('pass');
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as LaunchReport).instance.region).sort()).toEqual(['eu-west-1', 'eu-west-1', 'us-east-1', 'us-east-1']);

    const runId = reports[0]!.runId!;
    expect(new Set(reports.map((x) => x.runId))).toEqual(new Set([runId]));
    const mine = live.sim.instances().filter((i) => i.tags['bootgate:run-id'] === runId);
    // Each instance lives in the region its report names, not in AWS_REGION's.
    expect(mine.map((i) => `${i.region} ${i.amiId} ${i.instanceType}`).sort()).toEqual(reports.map((x) => `${x.instance.region} ${x.instance.amiId} ${x.instance.type}`).sort());
    expect(mine.every((i) => i.state === 'terminated')).toBe(true);
    expect(maxAlive(mine)).toBe(2);
    const regionsAsked = new Set(live.sim.calls().filter((c) => c.action === 'RunInstances' && Object.values(c.params).includes(runId)).map((c) => c.region));
    expect(regionsAsked).toEqual(new Set(['us-east-1', 'eu-west-1']));

    const xml = readFileSync(junit, 'utf8');
    // Each cell's suites are named after its image, type and region.
    const suites = [...xml.matchAll(/<testsuite name="([^"]+) \(i-[0-9a-f]+\)"/g)].map((m) => m[1]).sort();
    expect(suites).toEqual([`${xen76} on m5.large in eu-west-1`, `${xen76} on t2.micro in eu-west-1`, `${xen60} on m5.large in us-east-1`, `${xen60} on t2.micro in us-east-1`].sort());
    for (const region of ['us-east-1', 'eu-west-1']) expect(xml).toContain(`<property name="region" value="${region}"/>`);
    const [page, markdown] = [readFileSync(html, 'utf8'), readFileSync(md, 'utf8')];
    for (const label of suites) {
      expect(markdown).toContain(label!);
      expect(page).toContain(label!);
    }
  }, 180_000);

  it('--ami takes the same region:ami-id list; a bare id uses --region', async () => {
    const r = await runCli(args('--ami', `eu-west-1:${xen60},${xen60}`, '--region', 'us-west-2', '--no-ssh', '--format', 'json'), isolatedEnv());
    expect(r.code, r.stderr).toBe(0);
    const reports = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as LaunchReport);
    expect(reports.map((x) => `${x.instance.region} ${x.verdict}`)).toEqual(['eu-west-1 pass', 'us-west-2 pass']);
    const ids = reports.map((x) => x.instance.id);
    expect(live.sim.instances().filter((i) => ids.includes(i.id)).map((i) => i.region).sort()).toEqual(['eu-west-1', 'us-west-2']);
  }, 180_000);

  it('--region narrows the manifest to its copies in that region', async () => {
    const r = await runCli(args('--packer-manifest', manifest('narrow.json', packer), '--region', 'eu-west-1', '--no-ssh', '--format', 'json'), isolatedEnv({ AWS_REGION: 'ap-south-1' }));
    expect(r.code, r.stderr).toBe(0);
    const reports = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as LaunchReport);
    expect(reports.map((x) => `${x.instance.region} ${x.instance.amiId} ${x.verdict}`)).toEqual([`eu-west-1 ${xen76} pass`]);
  }, 180_000);

  it.each([
    ['--region with no copy in the manifest', () => ['--packer-manifest', manifest('narrow-miss.json', packer), '--region', 'us-west-2'], /--region: no image to gate in us-west-2 \(the images are in: us-east-1, eu-west-1\)/],
    ['a manifest that is not JSON', () => ['--packer-manifest', manifest('broken.json', '{"builds": [')], /^bootgate: Packer manifest \S+broken\.json is not valid JSON/],
    ['a manifest without the last run', () => ['--packer-manifest', manifest('stale.json', { ...packer, last_run_uuid: 'ffff' })], /no build has packer_run_uuid ffff/],
    ['a missing manifest', () => ['--packer-manifest', join(dir, 'absent.json')], /cannot read Packer manifest/],
    ['a bad region:ami entry', () => ['--ami', `us-east-1:${xen60},eu-west:ami-12345678`], /--ami: "eu-west:ami-12345678": "eu-west" is not a region/],
    ['--ami and --packer-manifest together', () => ['--ami', xen60, '--packer-manifest', manifest('both.json', packer)], /either --ami or --packer-manifest/],
    ['no image at all', () => [], /either --ami or --packer-manifest/],
    ['a zero --max-concurrent', () => ['--ami', xen60, '--max-concurrent', '0'], /--max-concurrent: "0" is not a positive whole number/],
  ])('%s: one line, exit 2, nothing launched', async (_why, extra, msg) => {
    const r = await runCli(args('--tag', 'case=refused', ...extra()), isolatedEnv());
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(msg);
    expect(live.sim.instances().filter((i) => i.tags['case'] === 'refused')).toEqual([]);
  });
});
