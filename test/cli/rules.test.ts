import { describe, expect, it } from 'vitest';
import { LIVE_ONLY, REPORT_ORDER, RULES } from '../../src/rules/index.js';
import { runCli } from '../helpers/run-cli.js';

describe('bootgate rules', () => {
  it('lists every rule in report order with the severity and description of its meta', () => {
    const r = runCli(['rules']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(REPORT_ORDER);
    for (const rule of RULES) {
      const line = lines.find((l) => l.startsWith(`${rule.id} `))!;
      expect(line).toMatch(new RegExp(`^${rule.id}\\s+${rule.meta.severity}\\s+`));
      expect(line.endsWith(rule.meta.description)).toBe(true);
    }
  });

  it('--json gives the same as data, live-only rules marked', () => {
    const r = runCli(['rules', '--json']);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; severity: string; liveOnly: boolean; description: string }[];
    expect(rows.map((x) => x.id)).toEqual(REPORT_ORDER);
    expect(rows.filter((x) => x.liveOnly).map((x) => x.id).sort()).toEqual([...LIVE_ONLY].sort());
    for (const x of rows) expect(x).toEqual({ id: x.id, severity: RULES.find((y) => y.id === x.id)!.meta.severity, liveOnly: x.liveOnly, description: RULES.find((y) => y.id === x.id)!.meta.description });
  });
});
