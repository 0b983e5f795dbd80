import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanControls, normalizeConsole } from '../../src/input/normalize.js';
import { corpusDir } from '../helpers/corpus.js';

const corpus = corpusDir() ?? '/nonexistent';

const bytes = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const pairs = (input: Uint8Array | string): [number, string][] => normalizeConsole(input).lines.map((l) => [l.line, l.text]);

describe('line numbering', () => {
  it('counts one line per LF, like grep -n', () => {
    const n = normalizeConsole('a\nb\n\nc\n');
    expect(n.lineCount).toBe(4);
    expect(pairs('a\nb\n\nc\n')).toEqual([[1, 'a'], [2, 'b'], [4, 'c']]);
  });

  it('counts a last line without a newline', () => {
    expect(normalizeConsole('a\nlogin: ').lineCount).toBe(2);
    expect(pairs('a\nlogin: ')).toEqual([[1, 'a'], [2, 'login:']]);
  });

  it('treats CRLF as one line end', () => {
    expect(pairs('mainbus0 at root\r\nbios0 at mainbus0\r\n\r\nroot on wd0a\r\n')).toEqual([
      [1, 'mainbus0 at root'],
      [2, 'bios0 at mainbus0'],
      [4, 'root on wd0a'],
    ]);
    expect(normalizeConsole('a\r\nb\r\n').lineCount).toBe(2);
  });

  it('treats LF CR as one line end (CR-before-text captures are not double-spaced)', () => {
    const input = 'vscsi0 at root\n\rscsibus0 at vscsi0: 256 targets\n\rsoftraid0 at root\n';
    expect(pairs(input)).toEqual([
      [1, 'vscsi0 at root'],
      [2, 'scsibus0 at vscsi0: 256 targets'],
      [3, 'softraid0 at root'],
    ]);
    expect(normalizeConsole(input).lineCount).toBe(3);
  });

  it('handles CRLF followed by a leading CR (CR LF CR)', () => {
    expect(pairs('UEFI firmware\r\n\r>> OpenBSD/arm64 BOOTAA64 1.24\r\n')).toEqual([
      [1, 'UEFI firmware'],
      [2, '>> OpenBSD/arm64 BOOTAA64 1.24'],
    ]);
  });

  it('splits a line at a stray CR into segments sharing its number', () => {
    expect(pairs('one\nboot> \rbooting hd0a:/bsd\nthree')).toEqual([
      [1, 'one'],
      [2, 'boot>'],
      [2, 'booting hd0a:/bsd'],
      [3, 'three'],
    ]);
  });

  it('uses lone CR as the separator when there is no LF at all', () => {
    const n = normalizeConsole('mainbus0 at root\rcpu0 at mainbus0\r\rroot on sd0a\r');
    expect(n.lineCount).toBe(4);
    expect(n.lines.map((l) => [l.line, l.text])).toEqual([
      [1, 'mainbus0 at root'],
      [2, 'cpu0 at mainbus0'],
      [4, 'root on sd0a'],
    ]);
  });

  it('has no lines for empty input and for whitespace only keeps the count', () => {
    expect(normalizeConsole('')).toEqual({ framing: 'raw', instanceId: null, capturedAt: null, lineCount: 0, lines: [] });
    expect(normalizeConsole(new Uint8Array())).toMatchObject({ lineCount: 0, lines: [] });
    expect(normalizeConsole('\n\n   \n')).toMatchObject({ lineCount: 3, lines: [] });
  });
});

describe('cleaning', () => {
  it('trims 80-column padding but keeps leading indentation and inner TABs', () => {
    const padded = 'cpu0 at mainbus0: apid 0 (boot processor)'.padEnd(80, ' ');
    expect(pairs(`${padded}\n\tThe Regents of the University of California.   \t\n`)).toEqual([
      [1, 'cpu0 at mainbus0: apid 0 (boot processor)'],
      [2, '\tThe Regents of the University of California.'],
    ]);
  });

  it('applies backspaces like a terminal (spinners vanish)', () => {
    expect(cleanControls('|\b/\b-\b12')).toBe('12');
    expect(pairs('booting sd0a:/bsd: |\b/\b-\b\\\b|\b/\b12705212+3010072\n')).toEqual([[1, 'booting sd0a:/bsd: 12705212+3010072']]);
    expect(pairs('root device: sd0\b \b\b \b\b \bwd0a\n')).toEqual([[1, 'root device: wd0a']]);
  });

  it('ignores a backspace at the start of a line', () => {
    expect(cleanControls('\b\bok')).toBe('ok');
  });

  it('removes a whole surrogate pair on backspace', () => {
    expect(cleanControls('a\u{1F600}\bb')).toBe('ab');
  });

  it('strips CSI sequences including private forms', () => {
    expect(cleanControls('\x1b[2J\x1b[01;01H\x1b[=3h\x1b[0m\x1b[35m\x1b[40mdisks: sd0*')).toBe('disks: sd0*');
    expect(cleanControls('\x1b[?25lok\x1b[?25h')).toBe('ok');
  });

  it('strips OSC strings ended by BEL or ST, nF and two-char sequences, and a lone ESC', () => {
    expect(cleanControls('\x1b]0;title\x07login:')).toBe('login:');
    expect(cleanControls('\x1b]0;title\x1b\\login:')).toBe('login:');
    expect(cleanControls('\x1b(Bok\x1b7\x1b8')).toBe('ok');
    expect(cleanControls('ok\x1b')).toBe('ok');
    expect(cleanControls('\x1b\x01ok')).toBe('ok');
  });

  it('keeps the text after a CSI cut short by a control character', () => {
    expect(cleanControls('\x1b[12\x07ok')).toBe('ok');
  });

  it('drops NUL, other C0 controls and DEL but keeps TAB', () => {
    expect(pairs('xnf0\x00 at\x7f xen0\x07\x1a:\tbackend 0\n')).toEqual([[1, 'xnf0 at xen0:\tbackend 0']]);
  });

  it('decodes invalid UTF-8 to U+FFFD without losing the line', () => {
    const input = Buffer.concat([bytes('entry point at 0x100120 '), Buffer.from([0xff, 0xfe, 0xc3]), bytes('\nnext\n')]);
    const n = normalizeConsole(input);
    expect(n.lines[0]!.line).toBe(1);
    expect(n.lines[0]!.text.startsWith('entry point at 0x100120 \uFFFD')).toBe(true);
    expect(n.lines[1]).toEqual({ line: 2, text: 'next' });
  });

  it('decodes valid UTF-8', () => {
    expect(pairs(Buffer.from('1er démarrage\n', 'utf8'))).toEqual([[1, '1er démarrage']]);
  });

  it('strips a BOM from bytes and from a string', () => {
    expect(pairs(Buffer.from('\uFEFFmainbus0 at root\n', 'utf8'))).toEqual([[1, 'mainbus0 at root']]);
    expect(pairs('\uFEFFmainbus0 at root\n')).toEqual([[1, 'mainbus0 at root']]);
  });

  it('survives binary junk', () => {
    const junk = new Uint8Array(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 73 + 11) % 256;
    const n = normalizeConsole(junk);
    expect(n.framing).toBe('raw');
    expect(n.lineCount).toBe(junk.filter((b) => b === 0x0a).length + (junk[junk.length - 1] === 0x0a ? 0 : 1));
    for (const l of n.lines) expect(l.text).not.toMatch(/[\x00-\x08\x0a-\x1f\x7f]/);
  });
});

describe('framing', () => {
  it('raw when nothing else matches', () => {
    expect(normalizeConsole('OpenBSD 6.0 (GENERIC.MP) #2319\n')).toMatchObject({ framing: 'raw', instanceId: null, capturedAt: null });
  });

  it('timestamp: a bare ISO first line is captured, counted and not emitted', () => {
    const n = normalizeConsole('2016-09-21T09:44:49+0000\n\nbooting hd0a:/bsd: 6882804\n');
    expect(n).toMatchObject({ framing: 'timestamp', capturedAt: '2016-09-21T09:44:49+0000', lineCount: 3 });
    expect(n.lines).toEqual([{ line: 3, text: 'booting hd0a:/bsd: 6882804' }]);
  });

  it('timestamp only on line 1', () => {
    expect(normalizeConsole('boot>\n2016-09-21T09:44:49+0000\n').framing).toBe('raw');
  });

  it('aws-text: strips the instance id and TAB glued to line 1 and the trailing TAB timestamp', () => {
    const input = 'i-0dc417327eef2230d\tUEFI firmware (version 1.0)\r\ndisks: sd0*\r\nscsibus1 at softraid0: 256 targets\n\t2026-06-19T01:03:00+00:00\n';
    const n = normalizeConsole(input);
    expect(n).toMatchObject({ framing: 'aws-text', instanceId: 'i-0dc417327eef2230d', capturedAt: '2026-06-19T01:03:00+00:00', lineCount: 4 });
    expect(n.lines.map((l) => [l.line, l.text])).toEqual([
      [1, 'UEFI firmware (version 1.0)'],
      [2, 'disks: sd0*'],
      [3, 'scsibus1 at softraid0: 256 targets'],
    ]);
  });

  it('aws-text: the timestamp may end the last console line itself', () => {
    const n = normalizeConsole('i-0123abcd login:\t2024-01-02T03:04:05.000Z');
    expect(n).toMatchObject({ framing: 'aws-text', instanceId: 'i-0123abcd', capturedAt: '2024-01-02T03:04:05.000Z', lineCount: 1 });
    expect(n.lines).toEqual([{ line: 1, text: 'login:' }]);
  });

  it('aws-text: trailing blank lines after the timestamp keep the count', () => {
    const n = normalizeConsole('i-0123456789abcdef0\tone\n\t2024-01-02T03:04:05+00:00\n\n\n');
    expect(n.lineCount).toBe(4);
    expect(n.capturedAt).toBe('2024-01-02T03:04:05+00:00');
    expect(n.lines).toEqual([{ line: 1, text: 'one' }]);
  });

  it('aws-text: no trailing timestamp leaves capturedAt null and the last line intact', () => {
    const n = normalizeConsole('i-0123456789abcdef0\tone\nroot on sd0a\n');
    expect(n).toMatchObject({ framing: 'aws-text', capturedAt: null });
    expect(n.lines.at(-1)).toEqual({ line: 2, text: 'root on sd0a' });
  });

  it('aws-text: a short or non-hex id is not a framing', () => {
    expect(normalizeConsole('i-0123abc\tone\n').framing).toBe('raw');
    expect(normalizeConsole('i-0123abcz\tone\n').framing).toBe('raw');
  });

  it('aws-json with text Output (AWS CLI): lines count the decoded Output', () => {
    const doc = JSON.stringify({ InstanceId: 'i-0abc12345678def90', Timestamp: '2016-09-20T12:36:24.000Z', Output: 'booting hd0a:/bsd\r\n\r\nOpenBSD 6.0 (GENERIC.MP) #2319\r\n' }, null, 4);
    const n = normalizeConsole(doc);
    expect(n).toMatchObject({ framing: 'aws-json', instanceId: 'i-0abc12345678def90', capturedAt: '2016-09-20T12:36:24.000Z', lineCount: 3 });
    expect(n.lines.map((l) => [l.line, l.text])).toEqual([
      [1, 'booting hd0a:/bsd'],
      [3, 'OpenBSD 6.0 (GENERIC.MP) #2319'],
    ]);
  });

  it('aws-json with base64 Output (SDK): decoded, invalid UTF-8 replaced', () => {
    const console = Buffer.concat([bytes('mainbus0 at root\n\x1b[0mroot on wd0a '), Buffer.from([0xff]), bytes('\n')]);
    const n = normalizeConsole(JSON.stringify({ InstanceId: 'i-0abc1234', Output: console.toString('base64') }));
    expect(n).toMatchObject({ framing: 'aws-json', instanceId: 'i-0abc1234', capturedAt: null, lineCount: 2 });
    expect(n.lines).toEqual([
      { line: 1, text: 'mainbus0 at root' },
      { line: 2, text: 'root on wd0a \uFFFD' },
    ]);
  });

  it('aws-json base64 Output wrapped with newlines still decodes', () => {
    const b64 = Buffer.from('cpu0 at mainbus0\nlogin:').toString('base64');
    const wrapped = `${b64.slice(0, 8)}\n${b64.slice(8)}`;
    expect(pairs(JSON.stringify({ Output: wrapped }))).toEqual([[1, 'cpu0 at mainbus0'], [2, 'login:']]);
  });

  it('aws-json Output that is not base64 stays text', () => {
    // Length 8, base64-ish letters but with a dot: not base64.
    expect(pairs(JSON.stringify({ Output: 'login.ok' }))).toEqual([[1, 'login.ok']]);
  });

  it('aws-json without Output (console not posted yet) has no lines', () => {
    expect(normalizeConsole('{"InstanceId": "i-0abc1234", "Timestamp": "2024-01-01T00:00:00Z"}')).toEqual({
      framing: 'aws-json', instanceId: 'i-0abc1234', capturedAt: '2024-01-01T00:00:00Z', lineCount: 0, lines: [],
    });
  });

  it('aws-json with empty Output has no lines', () => {
    expect(normalizeConsole('{"Output": ""}')).toMatchObject({ framing: 'aws-json', lineCount: 0, lines: [] });
  });

  it('garbage JSON falls back to raw with its own line numbers', () => {
    const input = '{"InstanceId": "i-0abc1234",\n "Output": "trunc\n}';
    const n = normalizeConsole(input);
    expect(n.framing).toBe('raw');
    expect(n.lineCount).toBe(3);
    expect(n.lines.map((l) => l.line)).toEqual([1, 2, 3]);
  });

  it('JSON that is not a console object falls back to raw', () => {
    expect(normalizeConsole('{"Output": 42}').framing).toBe('raw');
    expect(normalizeConsole('[1,2]').framing).toBe('raw');
    expect(normalizeConsole('{"foo": "bar"}').framing).toBe('raw');
  });
});

describe('syslog kernel lines', () => {
  it('strips `<Mon> <d> <hh:mm:ss> <host> /bsd: ` and keeps line numbers', () => {
    const log = [
      'Nov 26 17:20:08 myhost syslogd[51296]: restart',
      'Nov 26 17:20:08 myhost /bsd: OpenBSD 6.0 (GENERIC.MP) #2319: Tue Jul 26 13:00:43 MDT 2016',
      'Nov 26 17:20:08 myhost /bsd:     deraadt@amd64.openbsd.org:/usr/src/sys/arch/amd64/compile/GENERIC.MP',
      '',
      'Nov  6 09:01:02 ip-10-0-0-5.ec2.internal /bsd: xnf0 at xen0: backend 0, event channel 5, address 0a:4e:93:1d:c2:6b',
    ].join('\n');
    expect(pairs(log)).toEqual([
      [1, 'Nov 26 17:20:08 myhost syslogd[51296]: restart'],
      [2, 'OpenBSD 6.0 (GENERIC.MP) #2319: Tue Jul 26 13:00:43 MDT 2016'],
      [3, '    deraadt@amd64.openbsd.org:/usr/src/sys/arch/amd64/compile/GENERIC.MP'],
      [5, 'xnf0 at xen0: backend 0, event channel 5, address 0a:4e:93:1d:c2:6b'],
    ]);
  });

  it('strips it from CRLF and control-character lines too', () => {
    expect(pairs('Nov 26 17:20:08 h /bsd: pvbus0 at mainbus0\r\nNov 26 17:20:08 h /bsd: \x1b[0mxen0 at pvbus0\x07\n')).toEqual([
      [1, 'pvbus0 at mainbus0'],
      [2, 'xen0 at pvbus0'],
    ]);
  });

  it('leaves other shapes alone', () => {
    const kept = [
      'Nov 26 17:20:08 myhost dhclient[4386]: bound to 10.0.0.5 -- renewal in 1800 seconds.',
      'Nov 26 17:20:08 myhost /bsd:',
      'Nov 26 17:20 myhost /bsd: xnf0 at xen0',
      'Foo 26 17:20:08 myhost /bsd: xnf0 at xen0',
      'Nov 6 17:20:08 myhost /bsd: xnf0 at xen0',
      'Nov 26 17:20:08 /bsd: xnf0 at xen0',
      'xnf0 at xen0: Nov 26 17:20:08 myhost /bsd: x',
    ];
    expect(pairs(kept.join('\n')).map(([, t]) => t)).toEqual(kept);
  });
});

describe('real console bytes', () => {
  const file = join(corpus, '010-aws-nitro-arm64-7.9-t4g-nano-raw-cr-ansi.txt');
  it.skipIf(!existsSync(file))('unwraps 010 (aws-text, CR LF and LF CR ends, ANSI, spinners) with grep -n numbers', () => {
    const raw = readFileSync(file);
    const n = normalizeConsole(raw);
    expect(n.framing).toBe('aws-text');
    expect(n.instanceId).toMatch(/^i-[0-9a-f]{17}$/);
    expect(n.capturedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const grepLines = raw.toString('latin1').split('\n');
    expect(n.lineCount).toBe(grepLines.at(-1) === '' ? grepLines.length - 1 : grepLines.length);
    for (const l of n.lines) {
      expect(l.text).not.toMatch(/[\x00-\x08\x0a-\x1f\x7f]/);
      // Every emitted text comes from the physical line it claims.
      const physical = grepLines[l.line - 1]!;
      const probe = l.text.replace(/[^A-Za-z0-9]/g, '').slice(0, 6);
      expect(physical.replace(/[^A-Za-z0-9]/g, '')).toContain(probe);
    }
    const kernel = n.lines.find((l) => l.text.startsWith('OpenBSD 7.9 ('));
    expect(kernel?.line).toBe(grepLines.findIndex((l) => l.includes('OpenBSD 7.9 (')) + 1);
    expect(n.lines.find((l) => l.text === 'boot>')).toBeDefined();
  });
});
