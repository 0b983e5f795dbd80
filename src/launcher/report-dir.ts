import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LaunchOutcome } from './outcome.js';

/** --report-dir: `<instance-or-type>.json`, `.console.txt` and, when fetched, `.dmesg.txt`. Returns the files written. */
export async function writeReportDir(dir: string, outcomes: readonly LaunchOutcome[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const o of outcomes) {
    const stem = join(dir, (o.report?.instance.id ?? o.instanceType).replace(/[^A-Za-z0-9._-]/g, '_'));
    const put = async (file: string, body: string) => {
      await writeFile(file, body);
      written.push(file);
    };
    if (!o.report) {
      await put(`${stem}.json`, JSON.stringify({ verdict: 'error', instance: { type: o.instanceType }, error: { name: o.error.name, message: o.error.message } }, null, 2) + '\n');
      continue;
    }
    await put(`${stem}.json`, JSON.stringify(o.report, null, 2) + '\n');
    await put(`${stem}.console.txt`, o.report.console);
    if (o.report.dmesg) await put(`${stem}.dmesg.txt`, o.report.dmesg);
  }
  return written;
}
