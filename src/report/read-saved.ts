import type { Verdict } from '../verdict/types.js';
import type { LaunchReport } from '../verdict/launch-report.js';
import { InputError } from '../errors.js';
import { looksLikeReport, validateReport } from '../diff/validate-saved.js';
import { launchLabel } from './launch-section.js';
import type { ReportError, ReportItem } from './types.js';

const VERDICTS: readonly string[] = ['pass', 'fail', 'inconclusive'];

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** True when the bytes start like a bootgate JSON report (`check`/`launch --format json`, NDJSON or pretty). */
export function looksLikeSavedReport(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 256)).replace(/^\ufeff/, '').trimStart();
  return /^\{\s*"schemaVersion"\s*:\s*1\s*,\s*"(file|verdict|instance|runId)"/.test(head);
}

function bad(label: string, what: string): never {
  throw new InputError(`${label}: not a valid bootgate report: ${what}`);
}

function launchPart(o: Record<string, unknown>, label: string): LaunchReport | null {
  if (o['instance'] === undefined) return null;
  const i = o['instance'];
  if (!isObject(i)) bad(label, 'instance: expected an object');
  for (const k of ['type', 'amiId', 'region', 'state']) if (typeof i[k] !== 'string') bad(label, `instance.${k}: expected a string`);
  if (i['id'] !== null && typeof i['id'] !== 'string') bad(label, 'instance.id: expected a string or null');
  const t = o['timeline'];
  if (!Array.isArray(t)) bad(label, 'timeline: expected an array');
  t.forEach((e, n) => {
    if (!isObject(e) || typeof e['elapsedMs'] !== 'number' || typeof e['event'] !== 'string' || typeof e['at'] !== 'string') bad(label, `timeline[${n}]: expected {at, elapsedMs, event}`);
    if (e['detail'] !== undefined && e['detail'] !== null && typeof e['detail'] !== 'string') bad(label, `timeline[${n}].detail: expected a string`);
  });
  if (!isObject(o['cost']) || typeof o['cost']['instanceSeconds'] !== 'number') bad(label, 'cost.instanceSeconds: expected a number');
  if (typeof o['console'] !== 'string') bad(label, 'console: expected a string');
  for (const k of ['reason', 'uname', 'dmesg', 'cause']) if (o[k] !== undefined && o[k] !== null && typeof o[k] !== 'string') bad(label, `${k}: expected a string`);
  for (const k of ['warnings', 'uncleaned']) {
    const v = o[k];
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))) bad(label, `${k}: expected a list of strings`);
  }
  return o as unknown as LaunchReport;
}

/**
 * One saved JSON object (a line of `check`/`launch --format json`) back into what the formats
 * render: the report, the gate's verdict and the rules' own, the baseline diff and known issues,
 * a launch's instance and timeline. A launch cell that errored comes back as an error.
 */
export function savedEntry(value: unknown, label: string): ReportItem | ReportError {
  if (!isObject(value)) bad(label, 'expected a JSON object');
  if (value['schemaVersion'] !== 1) bad(label, 'schemaVersion: expected 1');
  if (value['verdict'] === 'error') {
    const i = value['instance'];
    const e = value['error'];
    if (!isObject(i) || typeof i['type'] !== 'string' || !isObject(e) || typeof e['message'] !== 'string' || typeof e['name'] !== 'string') bad(label, 'error entry: expected instance.type, error.name and error.message');
    const where = typeof i['region'] === 'string' ? { region: i['region'] } : {};
    const ami = typeof i['amiId'] === 'string' ? { amiId: i['amiId'] } : {};
    return { label: where.region ? `${i['type']} in ${where.region}` : i['type'], message: e['message'], launch: { instanceType: i['type'], ...ami, ...where, name: e['name'], ...(e['code'] !== undefined ? { code: e['code'] } : {}) } };
  }
  if (!looksLikeReport(value)) bad(label, 'neither a check nor a launch report (no verdict and findings)');
  const report = validateReport(value, label);
  const launch = launchPart(value, label);
  const rv = value['rulesVerdict'];
  if (rv !== undefined && !VERDICTS.includes(rv as string)) bad(label, 'rulesVerdict: expected pass, fail or inconclusive');
  const b = value['baseline'];
  if (b !== undefined && !(isObject(b) && typeof b['name'] === 'string' && typeof b['summary'] === 'string' && isObject(b['diff']) && Array.isArray(b['diff']['changes']) && Array.isArray(b['diff']['notes']))) {
    bad(label, 'baseline: expected {name, summary, diff: {changes, notes}}');
  }
  const k = value['knownIssues'];
  if (k !== undefined && !(isObject(k) && Array.isArray(k['matches']) && Array.isArray(k['unmatched']) && typeof k['forgiven'] === 'boolean')) {
    bad(label, 'knownIssues: expected {matches, unmatched, allKnown, forgiven}');
  }
  const { rulesVerdict, baseline, knownIssues, ...rest } = value;
  void rulesVerdict;
  void baseline;
  void knownIssues;
  const plain = rest as unknown as typeof report;
  return {
    label: launch ? launchLabel(launch) : (report.file ?? '(stdin)'),
    report: plain,
    rulesVerdict: (rv as Verdict | undefined) ?? report.verdict,
    baseline: isObject(b) ? ({ name: b['name'], summary: b['summary'], diff: b['diff'] } as unknown as ReportItem['baseline']) : null,
    known: isObject(k) ? { outcome: { matches: k['matches'], unmatched: k['unmatched'], allKnown: k['allKnown'] === true }, forgiven: k['forgiven'] } as unknown as ReportItem['known'] : null,
    launch: launch ? (plain as LaunchReport) : null,
  };
}

/**
 * A saved report file: NDJSON (what `--format json` writes, one object per line), one pretty
 * object (`--report-dir`'s files), or a JSON array of them.
 */
export function readSavedReports(bytes: Uint8Array, label: string): (ReportItem | ReportError)[] {
  const text = new TextDecoder().decode(bytes).replace(/^\ufeff/, '');
  const trimmed = text.trim();
  if (trimmed === '') throw new InputError(`${label}: empty: no report in it`);
  let values: unknown[];
  try {
    const whole = JSON.parse(trimmed) as unknown;
    values = Array.isArray(whole) ? whole : [whole];
  } catch {
    values = [];
    trimmed.split('\n').forEach((line, n) => {
      if (line.trim() === '') return;
      try {
        values.push(JSON.parse(line));
      } catch (err) {
        throw new InputError(`${label}:${n + 1}: not JSON: ${(err as Error).message}`);
      }
    });
  }
  return values.map((v, n) => savedEntry(v, values.length > 1 ? `${label}:${n + 1}` : label));
}
