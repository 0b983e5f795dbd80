import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBootLog } from '../../src/parser/index.js';
import { checkModel } from '../../src/check/check.js';
import { loadDiffInput } from '../../src/diff/load-input.js';
import { diffBoots } from '../../src/diff/diff-boots.js';
import { formatDiffMarkdown } from '../../src/diff/format-markdown.js';
import { formatDiffText } from '../../src/diff/format-text.js';
import { validateModel, validateReport } from '../../src/diff/validate-saved.js';
import { renderDiffHtml } from '../../src/report/html.js';
import { InputError } from '../../src/errors.js';
import { corpusFiles } from '../helpers/corpus.js';

const parse = (b: Uint8Array | string) => parseBootLog(b).model;
const enc = (x: unknown) => new TextEncoder().encode(JSON.stringify(x));
const roundTrip = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

const console = readFileSync(join('fixtures', 'diff', 'healthy-a.log'));
const model = roundTrip(parse(console));
const report = roundTrip(checkModel(parse(console), { file: 'a.log' }));

/** Every path into a JSON value (keys and indexes), the root excluded. */
function paths(v: unknown, base: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([...base, i]); paths(x, [...base, i], out); });
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push([...base, k]); paths(x, [...base, k], out); }
  return out;
}

function mutate(value: unknown, path: (string | number)[], op: { del: boolean; to: unknown }): unknown {
  const copy = roundTrip(value) as Record<string | number, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (op.del) {
    if (Array.isArray(at)) at.splice(last as number, 1);
    else delete at[last];
  } else at[last] = op.to;
  return copy;
}

/** Runs a diff the way `bootgate diff` does, through every renderer; returns the error message when it refused the input. */
function diffAll(oldBytes: Uint8Array, newBytes: Uint8Array): string | null {
  try {
    const a = loadDiffInput(oldBytes, 'old.json', parse);
    const b = loadDiffInput(newBytes, 'new.json', parse);
    const d = diffBoots(a, b, { check: (m) => checkModel(m) });
    formatDiffText(d);
    formatDiffMarkdown(d);
    renderDiffHtml(d);
    JSON.stringify(d);
    return null;
  } catch (err) {
    // Refusing the input is fine, but only as a one-line InputError; anything else is a crash.
    if (!(err instanceof InputError)) throw err;
    expect(err.message).not.toContain('\n');
    return err.message;
  }
}

const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(-1, 0, 1.5, 1e300, '', 'x', null, [], {}, true, Number.MAX_SAFE_INTEGER),
);
const op = fc.record({ del: fc.boolean(), to: replacement });

describe('hostile JSON never crashes diff, check --baseline or the renderers', () => {
  const modelPaths = paths(model);
  const reportPaths = paths(report);

  it('the shapes that passed the old shallow check are one-line input errors', () => {
    const shapes = [
      { schemaVersion: 1, boots: [], lineCount: 0 },
      { schemaVersion: 1, boots: [{}], lineCount: 0 },
      { schemaVersion: 1, boots: [null], lineCount: 3 },
      { ...model, boots: [{ ...model.boots[0], devices: [{}] }] },
      { kind: 'bootgate-baseline', schemaVersion: 1, model: { schemaVersion: 1, boots: [{ devices: 1 }], lineCount: 1 } },
      { schemaVersion: 1, verdict: 'pass', findings: [{}] },
      { schemaVersion: 1, verdict: 'pass', findings: [], platform: null, diagnoses: [] },
    ];
    for (const s of shapes) {
      const msg = diffAll(enc(model), enc(s));
      expect(msg).toMatch(/^new\.json: (not a valid bootgate (model|report): \S+|no OpenBSD boot)/);
    }
  });

  it('a valid model with one field deleted or replaced: an input error or a diff, never a crash (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...modelPaths), op, fc.boolean(), (path, o, asBaseline) => {
        const bad = mutate(model, path, o);
        const bytes = enc(asBaseline ? { kind: 'bootgate-baseline', schemaVersion: 1, name: 'k', model: bad, report } : bad);
        diffAll(enc(model), bytes);
        diffAll(bytes, enc(model));
      }),
      { numRuns: 300 },
    );
  });

  it('a valid report with one field deleted or replaced: an input error or a diff, never a crash (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...reportPaths), op, (path, o) => {
        const bad = mutate(report, path, o);
        diffAll(enc(report), enc(bad));
        diffAll(enc({ kind: 'bootgate-baseline', schemaVersion: 1, name: 'k', model, report: bad }), enc(model));
      }),
      { numRuns: 200 },
    );
  });

  it('the validator names the bad field by its path', () => {
    expect(() => validateModel(mutate(model, ['boots', 0, 'devices', 2, 'parent'], { del: false, to: 7 }), 'm.json'))
      .toThrow('m.json: not a valid bootgate model: boots[0].devices[2].parent: expected a string, got number');
    expect(() => validateReport(mutate(report, ['findings', 1, 'status'], { del: false, to: 'meh' }), 'r.json'))
      .toThrow(/^r\.json: not a valid bootgate report: findings\[1\]\.status: expected one of "pass"/);
  });
});

describe('every model the parser writes passes the validator (it is not stricter than the contract)', () => {
  const files = [
    ...readdirSync(join('fixtures', 'dmesg')).map((f) => ({ name: f, bytes: readFileSync(join('fixtures', 'dmesg', f)) })),
    ...readdirSync(join('fixtures', 'diff')).filter((f) => f.endsWith('.log')).map((f) => ({ name: f, bytes: readFileSync(join('fixtures', 'diff', f)) })),
    ...corpusFiles(),
  ];
  it.each(files.map((f) => [f.name, f.bytes] as const))('%s', (name, bytes) => {
    const m = parse(bytes);
    expect(() => validateModel(roundTrip(m), name)).not.toThrow();
    expect(() => validateReport(roundTrip(checkModel(m, { file: name })), name)).not.toThrow();
  });
});
