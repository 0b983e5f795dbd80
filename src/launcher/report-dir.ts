import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JudgedOutcome } from './judge-outcomes.js';
import { launchJson } from './render-outcomes.js';

/**
 * --report-dir: `<instance-id>.json` (`<type>-<region>.json` for a cell that never got one) (the object `--format json` prints), `.console.txt` and,
 * when fetched, `.dmesg.txt`; all redacted with the run's redactor under --redact. Returns the files written.
 */
export async function writeReportDir(dir: string, outcomes: readonly JudgedOutcome[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const o of outcomes) {
    const stem = join(dir, (o.report?.instance.id ?? `${o.instanceType}-${o.region}`).replace(/[<>]/g, '').replace(/[^A-Za-z0-9._-]/g, '_'));
    const put = async (file: string, body: string) => {
      await writeFile(file, body);
      written.push(file);
    };
    await put(`${stem}.json`, JSON.stringify(launchJson(o), null, 2) + '\n');
    if (!o.report) continue;
    await put(`${stem}.console.txt`, o.report.console);
    if (o.report.dmesg) await put(`${stem}.dmesg.txt`, o.report.dmesg);
  }
  return written;
}
