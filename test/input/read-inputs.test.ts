import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readInputs } from '../../src/input/read-inputs.js';

const dir = mkdtempSync(join(tmpdir(), 'bootgate-read-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readInputs', () => {
  it('yields every input in the order given, a failed read in its place', async () => {
    const files = Array.from({ length: 23 }, (_, i) => join(dir, `f${i}.txt`));
    files.forEach((f, i) => writeFileSync(f, 'x'.repeat(i * 1000)));
    const inputs = [...files.slice(0, 5), join(dir, 'missing.txt'), ...files.slice(5), dir];
    const got: string[] = [];
    for await (const r of readInputs(inputs)) {
      got.push(r.bytes ? `${r.file}:${r.bytes.length}` : `${r.file}:${r.error instanceof InputError ? r.error.message : 'not an InputError'}`);
    }
    expect(got).toEqual([
      ...files.slice(0, 5).map((f, i) => `${f}:${i * 1000}`),
      `${join(dir, 'missing.txt')}:cannot read ${join(dir, 'missing.txt')}: no such file`,
      ...files.slice(5).map((f, i) => `${f}:${(i + 5) * 1000}`),
      `${dir}:cannot read ${dir}: is a directory`,
    ]);
  });

  it('yields nothing for no inputs', async () => {
    const got = [];
    for await (const r of readInputs([])) got.push(r);
    expect(got).toEqual([]);
  });
});
