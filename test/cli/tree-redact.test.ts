import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, repoRoot } from '../launcher/cli-harness.js';
import { runCliHere } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bootgate-tree-redact-'));
const fixture = readFileSync(join(repoRoot, 'fixtures/dmesg/xen-6.0-healthy-wd0-timestamp.log'), 'utf8');
const text = fixture.slice(fixture.indexOf('\n\n') + 2);
const first = join(dir, 'first.log');
const second = join(dir, 'second.log');
writeFileSync(first, text);
writeFileSync(second, text);

// What the tree shows of this boot that identifies the instance: the NIC's MAC and the root disk's DUID.
const MAC = '0a:4e:93:1d:c2:6b';
const DUID = '8d690190bccf0a36';
/** Every MAC, IPv4 (bar the broadcast), SHA256 fingerprint, DUID and EC2 host name in the log. */
const IDENTIFYING = [
  ...new Set([
    ...text.matchAll(/\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/g),
    ...text.matchAll(/\b(?:\d{1,3}\.){3}\d{1,3}\b/g),
    ...text.matchAll(/SHA256:[A-Za-z0-9+/]{43}/g),
    ...text.matchAll(/\b[0-9a-f]{16}\b/g),
    ...text.matchAll(/\bip-\d+-\d+-\d+-\d+[\w.-]*/g),
  ].map((m) => m[0])),
].filter((s) => s !== '255.255.255.255');

beforeAll(() => buildOnce(), 120_000);

describe('bootgate tree --redact', () => {
  it('the log and the unredacted outputs hold the identifiers, so the checks below can fail', async () => {
    expect(IDENTIFYING).toEqual(expect.arrayContaining([MAC, DUID, '10.40.0.1', 'ip-10-40-3-77.eu-west-1.compute.internal']));
    expect(IDENTIFYING.filter((s) => s.startsWith('SHA256:'))).toHaveLength(4);
    expect((await runCliHere(['tree', first], { offline: true })).stdout).toContain(MAC);
    const json = (await runCliHere(['tree', '--json', first], { offline: true })).stdout;
    for (const id of IDENTIFYING) expect(json).toContain(id);
  });

  it('text: the MAC becomes a token, stable across two files in one run', async () => {
    const r = await runCliHere(['tree', '--redact', first, second], { offline: true });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    for (const id of IDENTIFYING) expect(r.stdout).not.toContain(id);
    const tokens = [...r.stdout.matchAll(/address (<mac:[0-9a-f]{6}>)/g)].map((m) => m[1]);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toBe(tokens[1]);
  });

  it('--json: nothing identifying survives anywhere in the model; tokens are stable within the run', async () => {
    const r = await runCliHere(['tree', '--json', '--redact', first, second], { offline: true });
    expect(r.status).toBe(0);
    for (const id of IDENTIFYING) expect(r.stdout).not.toContain(id);
    const [a, b] = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(a.boots).toHaveLength(1);
    // Same input, same run: byte-identical models but for the file name.
    expect({ ...a, file: null }).toEqual({ ...b, file: null });
    expect(JSON.stringify(a)).toMatch(/<duid:[0-9a-f]{6}>\.a/);
  });

  it('tokens are salted per run: two runs do not link the same MAC', async () => {
    const token = async () => /address (<mac:[0-9a-f]{6}>)/.exec((await runCliHere(['tree', '--redact', first], { offline: true })).stdout)?.[1];
    const [x, y] = [await token(), await token()];
    expect(x).toMatch(/^<mac:/);
    expect(x).not.toBe(y);
  });
});
