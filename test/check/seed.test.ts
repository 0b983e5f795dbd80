import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { parseBootLog } from '../../src/parser/index.js';
import { LIVE_ONLY } from '../../src/rules/index.js';
import { corpusDir } from '../helpers/corpus.js';

const dir = corpusDir();
const seed = dir === null ? null : join(dir, '..', 'seed', 'openbsd-on-aws.txt');
// Decided before anything is read: vitest runs a skipped describe's body while collecting.
const present = seed !== null && existsSync(seed);

/**
 * The seed is a blog post with a pasted `aws ec2 get-console-output` of a 5.9 Xen boot, its
 * IPs stripped by HTML extraction (`bound to -- renewal in 1800 seconds.`,
 * `OpenBSD/amd64 ( (tty00)`). A lease with an unknown address is still a lease; a login
 * banner is multi-user reached.
 */
describe.skipIf(!present)('seed 5.9 console', () => {
  const text = present ? readFileSync(seed!, 'utf8') : '';

  const expectAllConsoleRulesPass = (input: string) => {
    const report = checkModel(parseBootLog(input).model);
    for (const f of report.findings) {
      const want = LIVE_ONLY.includes(f.rule) || f.rule === 'expected-devices' ? 'skip' : 'pass';
      expect(`${f.rule} ${f.status} (${f.message})`).toMatch(new RegExp(`^${f.rule} ${want} `));
    }
    expect(report.verdict).toBe('pass');
    expect(report.platform.id).toBe('xen-hvm');
    return report;
  };

  it('the whole post passes every console rule', () => {
    const r = expectAllConsoleRulesPass(text);
    expect(r.findings.find((f) => f.rule === 'dhcp-lease')?.message).toContain('not shown in the log');
  });

  it('the console slice alone passes too', () => {
    const lines = text.split('\n');
    const from = lines.findIndex((l) => l.startsWith('i-0dd5a20a9d3e65767 '));
    const to = lines.findIndex((l) => l.startsWith('OpenBSD/amd64 ('));
    expect(from).toBeGreaterThan(0);
    expectAllConsoleRulesPass(lines.slice(from, to + 1).join('\n'));
  });
});
