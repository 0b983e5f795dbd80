import type { BootModel } from '../model/boot-model.js';
import { judgedBoot } from '../model/queries.js';

/**
 * What a porter names a snapshot by: two -current kernels differ only in build number and date
 * (`#2319`, `Tue Jul 26 13:00:43 MDT 2016`). Instance type when the log or report tells it.
 */
export interface SnapshotId {
  /** "6.0" */
  readonly version: string | null;
  /** "-current", "-beta", or null */
  readonly suffix: string | null;
  /** "GENERIC.MP" */
  readonly name: string | null;
  readonly build: number | null;
  /** Build date as the banner prints it. */
  readonly date: string | null;
  readonly arch: string | null;
  /** "t4g.nano" from `smbios0: Amazon EC2 t4g.nano`, or a launch report's instance type. */
  readonly instanceType: string | null;
}

const EC2_TYPE = /\bAmazon EC2 ([a-z][a-z0-9-]*\.[a-z0-9]+)\b/;

/** The identity of the judged boot of `model`; `instanceType` from a launch report wins over the log. */
export function snapshotOf(model: BootModel | null, instanceType: string | null = null): SnapshotId | null {
  const boot = model ? judgedBoot(model) : null;
  if (!boot && instanceType === null) return null;
  const k = boot?.kernel;
  let type = instanceType;
  if (type === null && boot) {
    for (const d of boot.devices) {
      if (d.driver !== 'smbios' && d.driver !== 'bios') continue;
      for (const t of [d.text, ...d.details.map((x) => x.text)]) {
        const m = EC2_TYPE.exec(t);
        if (m) type = m[1]!;
      }
    }
  }
  return {
    version: k?.version ?? null, suffix: k?.suffix ?? null, name: k?.name ?? null, build: k?.build ?? null,
    date: k?.date ?? null, arch: k?.arch ?? null, instanceType: type,
  };
}

/** `OpenBSD 6.0-current GENERIC.MP #166 (Wed Feb  8 19:15:03 MST 2017) amd64, m4.10xlarge` */
export function formatSnapshot(s: SnapshotId | null): string | null {
  if (!s) return null;
  const parts: string[] = [];
  if (s.version) parts.push(`OpenBSD ${s.version}${s.suffix ?? ''}`);
  else parts.push('kernel banner not in the log');
  if (s.name) parts.push(s.name);
  if (s.build !== null) parts.push(`#${s.build}`);
  if (s.date) parts.push(`(${s.date.replace(/\s+/g, ' ')})`);
  if (s.arch) parts.push(s.arch);
  return parts.join(' ') + (s.instanceType ? `, ${s.instanceType}` : '');
}
