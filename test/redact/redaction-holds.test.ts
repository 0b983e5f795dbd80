import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/redact/index.js';
import { parseBootLog } from '../../src/parser/index.js';
import { checkModel } from '../../src/check/check.js';
import { diffBoots } from '../../src/diff/diff-boots.js';
import { corpusFiles } from '../helpers/corpus.js';
import { runCliHere } from '../helpers/run-cli.js';

/** `KEY: a, b` header lines up to the first blank line, then the console. */
function fixture(name: string): { secrets: string[]; keep: string[]; console: string } {
  const text = readFileSync(join('fixtures', 'redact', name), 'utf8');
  const cut = text.indexOf('\n\n');
  const header = new Map(text.slice(0, cut).split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()] as const));
  const list = (k: string) => (header.get(k) ?? '').split(/,\s*/).filter(Boolean);
  return { secrets: list('SECRETS'), keep: list('KEEP'), console: text.slice(cut + 2) };
}

const raid = fixture('custom-kernel-raid-panic.log');

describe('redaction holds: serials, WWNs, the builder host', () => {
  it('the fixture has what it claims (the checks below are not vacuous)', () => {
    for (const s of [...raid.secrets, ...raid.keep]) expect(raid.console).toContain(s);
  });

  it('text: no secret survives, kernel addresses stay', () => {
    const out = createRedactor({ salt: 's' }).text(raid.console);
    for (const s of raid.secrets) expect(out, s).not.toContain(s);
    for (const k of raid.keep) expect(out, k).toContain(k);
    expect(out).toMatch(/naa\.<wwn:[0-9a-f]{6}> *$/m);
    expect(out).toMatch(/removable serial\.<serial:[0-9a-f]{6}>$/m);
  });

  it('model: kernel.builder and the bare root.duid field are replaced too', () => {
    const model = createRedactor({ salt: 's' }).value(parseBootLog(raid.console).model);
    const k = model.boots[0]!.kernel;
    expect(k.builder).toMatch(/^jdoe@<host:[0-9a-f]{6}>$/);
    expect(model.boots[0]!.root!.duid).toMatch(/^<duid:[0-9a-f]{6}>$/);
    const json = JSON.stringify(model);
    for (const s of raid.secrets) expect(json, s).not.toContain(s);
  });

  it('a builder host learnt once is replaced wherever it is named bare', () => {
    const r = createRedactor({ salt: 's' });
    r.learn('    me@box7.lan:/usr/src/sys/arch/amd64/compile/CUSTOM');
    expect(r.text('built on box7.lan. and box7.lan.example (another host)')).toMatch(/^built on <host:[0-9a-f]{6}>\. and box7\.lan\.example/);
    // The release builders are public.
    r.learn('    deraadt@amd64.openbsd.org:/usr/src/sys/arch/amd64/compile/GENERIC.MP');
    expect(r.text('deraadt@amd64.openbsd.org')).toBe('deraadt@amd64.openbsd.org');
  });
});

/** The replacement of learnt hosts as it was: one RegExp per host, longest first. */
function naiveHosts(input: string, hosts: readonly string[], token: (h: string) => string): string {
  let out = input;
  for (const host of [...hosts].sort((a, b) => b.length - a.length)) {
    const re = new RegExp(`(?<![\\w.-])${host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-]|\\.[\\w-])`, 'gi');
    out = out.replace(re, (m) => token(m));
  }
  return out;
}

describe('learnt hosts are replaced in one pass, as the per-host RegExps did', () => {
  // Letters past f and no colons, so no other rule (hex, MAC, IPv6) can fire on the text; and no
  // label `t10` (or ending `-t10`), which before a dot opens a SCSI `t10.` id the serial rule takes.
  const label = fc.stringMatching(/^[g-z][g-z0-9-]{2,6}$/).filter((l) => !/(?:^|-)t10$/.test(l));
  const host = fc.array(label, { minLength: 1, maxLength: 3 }).map((p) => p.join('.'));
  it('same output for random hosts and texts made of them (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(host, { minLength: 1, maxLength: 6 }), fc.array(fc.oneof(host, fc.constantFrom(' ', '.', '@', '/', '-', '(', ')', 'x', '.com ', '\n', '_')), { maxLength: 30 }), (hosts, parts) => {
        const r = createRedactor({ salt: 's' });
        for (const h of hosts) r.learn(`OpenBSD/amd64 (${h}) (tty00)`);
        const text = parts.join('');
        // Tokens come from the redactor itself, so the reference uses the same ones.
        const tokenOf = (h: string) => r.text(`OpenBSD/amd64 (${h}) (tty00)`).slice('OpenBSD/amd64 ('.length, -' (tty00)'.length);
        const expected = naiveHosts(text, hosts, tokenOf);
        expect(r.text(text)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a redacted baseline diffs clean against its own console', () => {
  const files = [
    { name: 'custom-kernel-raid-panic.log', bytes: Buffer.from(raid.console) },
    ...readdirSync(join('fixtures', 'dmesg')).map((f) => ({ name: f, bytes: readFileSync(join('fixtures', 'dmesg', f)) })),
    ...corpusFiles(),
  ];
  it.each(files.map((f) => [f.name, f.bytes] as const))('%s', (_name, bytes) => {
    const model = parseBootLog(bytes).model;
    if (model.boots.length === 0) return;
    const report = checkModel(model);
    const r = createRedactor({ salt: 's' });
    const d = diffBoots({ label: 'baseline', model: r.value(model), report: r.value(report) }, { label: 'raw', model, report }, { check: (m) => checkModel(m) });
    expect(d.changes.map((c) => `${c.kind} ${c.subject}: ${c.message}`)).toEqual([]);
  });
});

describe('--redact leaves no serial, WWN or builder host in any output format', () => {
  it('check (every format), tree --json, diff (every format), baseline save', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bootgate-redact-'));
    const log = join(dir, 'console.log');
    await writeFile(log, raid.console);
    const outputs: [string, string][] = [];
    for (const f of ['human', 'json', 'junit', 'markdown', 'html']) outputs.push([`check ${f}`, (await runCliHere(['check', '--redact', '-f', f, log], { offline: true })).stdout]);
    outputs.push(['tree', (await runCliHere(['tree', '--redact', '--json', log], { offline: true })).stdout]);
    for (const f of ['text', 'json', 'markdown', 'html']) outputs.push([`diff ${f}`, (await runCliHere(['diff', '--redact', '-f', f, 'fixtures/diff/healthy-a.log', log], { offline: true })).stdout]);
    const saved = await runCliHere(['baseline', 'save', log, '--name', 'raid', '--dir', dir, '--redact', '--force'], { offline: true });
    expect(saved.status, saved.stderr).toBe(0);
    outputs.push(['baseline', await readFile(join(dir, 'raid.json'), 'utf8')]);
    for (const [what, out] of outputs) {
      expect(out.length, what).toBeGreaterThan(200);
      for (const s of raid.secrets) expect(out, `${what}: ${s}`).not.toContain(s);
    }
  });
});
