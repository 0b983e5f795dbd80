import { describe, expect, it } from 'vitest';
import { normalizeConsole, normalizeConsolePieces } from '../../src/input/normalize.js';
import type { NormalLine } from '../../src/input/types.js';

const texts = (input: string): string[] => normalizeConsole(input).lines.map((l) => l.text);

describe('capture stamps', () => {
  it('removes a CI runner ISO stamp that most lines carry, keeping line numbers', () => {
    // Line 3 is a blank line the runner stamped: the stamp alone, dropped like any blank line.
    const n = normalizeConsole('2026-11-26T17:20:08.1234567Z mainbus0 at root\n2026-11-26T17:20:08.2Z pvbus0 at mainbus0: Xen 4.2\n2026-11-26T17:20:08.3Z \n2026-11-26T17:20:09Z xen0 at pvbus0: features 0x705\n');
    expect(n.lines).toEqual([
      { line: 1, text: 'mainbus0 at root' },
      { line: 2, text: 'pvbus0 at mainbus0: Xen 4.2' },
      { line: 4, text: 'xen0 at pvbus0: features 0x705' },
    ]);
  });

  it('removes bracketed serial-logger stamps and ts(1) stamps', () => {
    expect(texts('[2026-06-19 01:01:28.010] a0 at b0\n[2026-06-19 01:01:28.011] c0 at a0\n[2026-06-19 01:01:29.000] root on sd0a\n')).toEqual(['a0 at b0', 'c0 at a0', 'root on sd0a']);
    expect(texts('[17:20:08] a0 at b0\n[17:20:08] c0 at a0\n[17:20:09] root on sd0a\n')).toEqual(['a0 at b0', 'c0 at a0', 'root on sd0a']);
    expect(texts('Nov 06 17:20:08 a0 at b0\nNov 06 17:20:08 c0 at a0\nNov 06 17:20:09 root on sd0a\n')).toEqual(['a0 at b0', 'c0 at a0', 'root on sd0a']);
  });

  it('leaves a console alone when only some lines start with a date', () => {
    const console = 'starting local daemons: cron.\nWed Feb 10 10:40:29 UTC 2016\n2016-02-10T10:40:29Z stray line\nOpenBSD/amd64 (host) (tty00)\nlogin:\n';
    expect(texts(console)).toEqual(['starting local daemons: cron.', 'Wed Feb 10 10:40:29 UTC 2016', '2016-02-10T10:40:29Z stray line', 'OpenBSD/amd64 (host) (tty00)', 'login:']);
  });

  it('still knows the bare timestamp framing line', () => {
    const n = normalizeConsole('2016-09-21T09:44:49+0000\n\nbooting hd0a:/bsd: 6882804\nentry point at 0x1001000\n');
    expect(n.framing).toBe('timestamp');
    expect(n.lines.map((l) => l.text)).toEqual(['booting hd0a:/bsd: 6882804', 'entry point at 0x1001000']);
  });

  it('decides on the first piece of a large input and applies it to every piece', () => {
    const big = Array.from({ length: 150_000 }, (_, i) => `2026-11-26T17:20:08.${String(i).padStart(7, '0')}Z cpu${i % 64} at mainbus0: apid ${i} (application processor)`).join('\n');
    const pieces: NormalLine[] = [];
    let calls = 0;
    normalizeConsolePieces(Buffer.from(big), (lines) => {
      calls++;
      pieces.push(...lines);
    });
    expect(calls).toBeGreaterThan(1);
    expect(pieces).toHaveLength(150_000);
    expect(pieces.every((l) => l.text.startsWith('cpu'))).toBe(true);
    expect(pieces[149_999]).toEqual({ line: 150_000, text: 'cpu47 at mainbus0: apid 149999 (application processor)' });
  });
});

describe('a stamped capture parses like the console it captured', () => {
  it('xen-5.9-ci-runner-stamped.log gives the model of xen-5.9-healthy-wd0.log', async () => {
    const { readFixture } = await import('../helpers/fixture-file.js');
    const { parseBootLog } = await import('../../src/parser/index.js');
    const stamped = parseBootLog(readFixture('xen-5.9-ci-runner-stamped.log').bytes).model;
    const plain = parseBootLog(readFixture('xen-5.9-healthy-wd0.log').bytes).model;
    expect(stamped).toEqual(plain);
  });
});
