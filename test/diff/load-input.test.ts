import { describe, expect, it } from 'vitest';
import { loadDiffInput } from '../../src/diff/load-input.js';
import type { BootModel } from '../../src/model/boot-model.js';
import { InputError } from '../../src/errors.js';
import { model, xen60 } from './build-model.js';

const m = model(xen60());
const report = { schemaVersion: 1, verdict: 'pass', platform: { id: 'xen-hvm', source: 'detected', evidence: [] }, findings: [], diagnoses: [] };
const bytes = (x: unknown) => new TextEncoder().encode(typeof x === 'string' ? x : JSON.stringify(x));

describe('loadDiffInput detects the input by content', () => {
  const parsed: (Uint8Array | string)[] = [];
  const parse = (b: Uint8Array | string): BootModel => {
    parsed.push(b);
    return m;
  };

  it('console text and the aws-json console framing go to the parser', () => {
    parsed.length = 0;
    expect(loadDiffInput(bytes('OpenBSD 6.0 (GENERIC.MP) #1\n'), 'a.log', parse).model).toBe(m);
    expect(loadDiffInput(bytes({ InstanceId: 'i-1', Output: 'T3BlbkJTRA==', Timestamp: 'x' }), 'c.json', parse).model).toBe(m);
    expect(parsed).toHaveLength(2);
  });

  it('a saved model, a baseline, a check report and a launch report are read as such', () => {
    parsed.length = 0;
    const asModel = loadDiffInput(bytes(m), 'm.json', parse);
    expect(asModel.model).toEqual(JSON.parse(JSON.stringify(m)));
    expect(asModel.report).toBeNull();
    const baseline = loadDiffInput(bytes({ kind: 'bootgate-baseline', schemaVersion: 1, name: 'k', model: m, report }), 'b.json', parse);
    expect(baseline.report?.verdict).toBe('pass');
    expect(baseline.model?.boots).toHaveLength(1);
    const check = loadDiffInput(bytes(report), 'r.json', parse);
    expect(check.model).toBeNull();
    expect(check.report?.verdict).toBe('pass');
    expect(parsed).toHaveLength(0);
    // A launch report carries its console: the device tree is recovered from it.
    const launch = loadDiffInput(bytes({ ...report, console: 'OpenBSD 6.0 …', timeline: [] }), 'l.json', parse);
    expect(launch.model).toBe(m);
    expect(parsed).toEqual(['OpenBSD 6.0 …']);
  });

  it('malformed JSON and unknown JSON are input errors naming the input', () => {
    expect(() => loadDiffInput(bytes('{"a":'), 'x.json', parse)).toThrow(InputError);
    expect(() => loadDiffInput(bytes('{"a":'), 'x.json', parse)).toThrow(/^x\.json: looks like JSON but does not parse/);
    expect(() => loadDiffInput(bytes({ kind: 'bootgate-baseline', schemaVersion: 1 }), 'y.json', parse)).toThrow(/y\.json: baseline file has no valid "model"/);
  });
});
