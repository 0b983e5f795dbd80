import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBootLog } from '../../src/parser/index.js';
import { progressOf } from '../../src/launcher/progress-points.js';
import { judgedBoot } from '../../src/model/queries.js';

const fixture = (name: string) => parseBootLog(readFileSync(join(import.meta.dirname, '../../fixtures/dmesg', name))).model;

// The live progress names the crash the moment the console shows it, whatever its kind.
describe('progressOf: a crash of any kind is a "panic" progress point at its first line', () => {
  it.each([
    ['diag-kernel-panic.log', /^panic: /],
    ['ec2-6.0-assertion-panic-prefix-lost-ddb.log', /kernel diagnostic assertion/],
    ['ec2-6.0-kasan-report-then-panic-ddb.log', /^KASAN: /],
    ['ec2-6.0-witness-lock-order-reversal-ddb.log', /witness: lock order reversal/],
    ['ec2-6.0-uvm-fault-show-panic-reprint.log', /uvm_fault\(/],
    ['ec2-6.0-multicpu-panic-line-cut-ddb.log', /./],
  ])('%s', (name, text) => {
    const model = fixture(name);
    const points = progressOf(model);
    const panic = points.filter((p) => p.id === 'panic');
    expect(panic).toHaveLength(1);
    const first = Math.min(...judgedBoot(model)!.panics.map((p) => p.line));
    expect(panic[0]!.line).toBe(first);
    expect(panic[0]!.text.trim()).toMatch(text);
  });

  it('a healthy boot has no panic point, and its points come in line order', () => {
    const points = progressOf(parseBootLog(readFileSync(join(import.meta.dirname, '../../fixtures/dmesg', 'xen-7.7-healthy-dhcpleased-crlf.log'))).model);
    expect(points.map((p) => p.id)).toEqual(expect.arrayContaining(['kernel', 'nic', 'root', 'sshd', 'banner', 'login']));
    expect(points.map((p) => p.id)).not.toContain('panic');
    expect(points.map((p) => p.line)).toEqual([...points.map((p) => p.line)].sort((a, b) => a - b));
  });
});
