import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeConsole } from '../../src/input/normalize.js';
import type { NormalLine } from '../../src/input/types.js';
import { parseBootLog } from '../../src/parser/index.js';

const dir = join(import.meta.dirname, '../../fixtures/dmesg');

describe('parseBootLog onLines', () => {
  const big = Buffer.from(Array.from({ length: 120_000 }, (_, i) => `cpu${i % 64} at mainbus0: apid ${i} (application processor)\r`).join('\n'));
  const inputs = [...readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => [f, readFileSync(join(dir, f))] as const), ['6 MB, several pieces', big] as const];
  it.each(inputs)('%s: hands over exactly the lines normalizeConsole gives, and the same model', (_, bytes) => {
    const lines: NormalLine[] = [];
    let runs = 0;
    const withLines = parseBootLog(bytes, { onLines: (run) => { runs++; lines.push(...run); } });
    expect(lines).toEqual(normalizeConsole(bytes).lines);
    expect(withLines).toEqual(parseBootLog(bytes));
    if (bytes === big) expect(runs).toBeGreaterThan(1);
  });
});
