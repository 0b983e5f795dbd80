import { describe, expect, it } from 'vitest';
import { parseBootLog } from '../../src/parser/index.js';
import { corpusFiles } from '../helpers/corpus.js';

/*
 * The corpus suite (issue 2): real consoles from ../shared/corpus, checked
 * against what a plain line regex finds in the same bytes. Skipped when the
 * corpus is not there (BOOTGATE_CORPUS).
 */
const files = corpusFiles();

/** The file's lines as grep -n numbers them, with CRs and ANSI escapes dropped. */
function plainLines(bytes: Buffer): string[] {
  return bytes
    .toString('utf8')
    .split('\n')
    .map((l) => l.replace(/\x1b\[[0-9;=?]*[A-Za-z]/g, '').replace(/\r/g, '').replace(/^\s+/, ''));
}

const ATTACH = /^([a-z][a-z0-9_]*?\d+) at (root|[a-z][a-z0-9_]*?\d+)(?=[\s:,]|$)/;
const ATTACH_GLUED = /^([a-z][a-z0-9_]*?\d+) at ([a-z][a-z0-9_]*?\d+)/;
const UNCONF = /^.* at ([a-z][a-z0-9_]*?\d+)\b.*not configured$/;
const ROOT = /^root on /;
const BANNER = /^OpenBSD \d+\.\d+\S* \([^)]+\) #/;

describe.skipIf(files.length === 0)(`corpus (${files.length} files)`, () => {
  it('holds the 63 consoles the manifest lists', () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
  });

  for (const file of files) {
    describe(file.name, () => {
      const { model, lexErrors, parseErrors } = parseBootLog(file.bytes);
      const lines = plainLines(file.bytes);
      const devices = model.boots.flatMap((b) => b.devices);
      const unconfigured = model.boots.flatMap((b) => b.unconfigured);

      it('parses without diagnostics', () => {
        expect(lexErrors).toEqual([]);
        expect(parseErrors).toEqual([]);
        expect(model.lineCount).toBe(lines.length - (lines[lines.length - 1] === '' ? 1 : 0));
      });

      it('finds every attach line a plain regex finds, with the same parent, once', () => {
        const expected: string[] = [];
        lines.forEach((text, i) => {
          if (text.endsWith('not configured')) return;
          const m = ATTACH.exec(text) ?? ATTACH_GLUED.exec(text);
          if (m) expected.push(`${i + 1} ${m[1]} @${m[2]}`);
        });
        const found = devices.filter((d) => d.parent !== 'root' || !d.text.includes('(root)')).map((d) => `${d.line} ${d.name} @${d.parent}`);
        expect(found.sort()).toEqual(expected.sort());
      });

      it('finds every "not configured" line with its parent', () => {
        const expected: string[] = [];
        lines.forEach((text, i) => {
          const m = UNCONF.exec(text);
          if (m && !text.startsWith('init:')) expected.push(`${i + 1} @${m[1]}`);
        });
        expect(unconfigured.map((u) => `${u.line} @${u.parent}`).sort()).toEqual(expected.sort());
      });

      it('finds every root line', () => {
        const expected = lines.flatMap((t, i) => (ROOT.test(t) ? [i + 1] : []));
        const found = model.boots.flatMap((b) => (b.root ? [b.root.line] : []));
        expect(found).toEqual(expected);
      });

      it('starts a boot at every kernel banner', () => {
        const expected = lines.flatMap((t, i) => (BANNER.test(t) ? [i + 1] : []));
        const found = model.boots.flatMap((b) => (b.kernel.line === null ? [] : [b.kernel.line]));
        expect(found).toEqual(expected);
      });
    });
  }
});
