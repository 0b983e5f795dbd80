import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { InputError } from '../../src/errors.js';
import { readInput, readStream } from '../../src/input/read-input.js';

const dir = mkdtempSync(join(tmpdir(), 'bootgate-read-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readInput', () => {
  it('returns the file bytes unchanged (no decoding)', async () => {
    const file = join(dir, 'console.txt');
    const content = Buffer.from([0x6f, 0x6b, 0x0a, 0xff, 0x00, 0x0d]);
    writeFileSync(file, content);
    expect(Buffer.from(await readInput(file))).toEqual(content);
  });

  it('names a missing file in one line', async () => {
    const missing = join(dir, 'nope.txt');
    await expect(readInput(missing)).rejects.toThrow(new InputError(`cannot read ${missing}: no such file`));
  });

  it('refuses a directory', async () => {
    await expect(readInput(dir)).rejects.toThrow(new InputError(`cannot read ${dir}: is a directory`));
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable file', async () => {
    const file = join(dir, 'secret.txt');
    writeFileSync(file, 'x');
    chmodSync(file, 0o000);
    await expect(readInput(file)).rejects.toThrow(new InputError(`cannot read ${file}: permission denied`));
  });

  it('errors are InputError with a single line', async () => {
    const err = await readInput(join(dir, 'a', 'b')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).not.toContain('\n');
  });
});

describe('readStream (stdin)', () => {
  it('concatenates chunks into bytes', async () => {
    const bytes = await readStream(Readable.from([Buffer.from('mainbus0 '), Buffer.from([0xff]), 'at root\n']), 'stdin');
    expect(Buffer.from(bytes)).toEqual(Buffer.concat([Buffer.from('mainbus0 '), Buffer.from([0xff]), Buffer.from('at root\n')]));
  });

  it('empty stdin is empty bytes, not an error', async () => {
    expect((await readStream(Readable.from([]), 'stdin')).length).toBe(0);
  });

  it('a failing stream becomes an InputError naming stdin', async () => {
    const failing = new Readable({
      read() {
        this.destroy(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
      },
    });
    await expect(readStream(failing, 'stdin')).rejects.toThrow(new InputError('cannot read stdin: EIO: EIO: i/o error, read'));
  });
});
