import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BootModel } from '../model/boot-model.js';
import type { CheckReport } from '../verdict/types.js';
import { judgedBoot } from '../model/queries.js';
import { readJsonFile } from '../config/read-json-file.js';
import { ConfigError, InputError } from '../errors.js';
import { checkBaselineKey } from './baseline-key.js';
import { stableJson } from './stable-json.js';
import { validateModel, validateReport, validateSnapshot } from '../diff/validate-saved.js';
import { snapshotOf, type SnapshotId } from '../diff/snapshot.js';
import type { BaselineFile } from './types.js';

export const DEFAULT_BASELINE_DIR = './baselines';

/** Writes `<dir>/<key>.json` (atomically: a crash never leaves half a baseline) and returns its path. */
export async function saveBaseline(dir: string, key: string, model: BootModel, report: CheckReport | null): Promise<string> {
  const name = checkBaselineKey(key);
  if (!judgedBoot(model)) throw new InputError('no OpenBSD boot in the log: nothing to save as a baseline');
  const file: BaselineFile = { kind: 'bootgate-baseline', schemaVersion: 1, name, model, report, snapshot: snapshotOf(model) };
  const path = join(dir, `${name}.json`);
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(tmp, stableJson(file));
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new ConfigError(`cannot save baseline ${name} in ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return path;
}

export interface BaselineEntry {
  readonly name: string;
  readonly file: string;
  /** Version, build number, build date, arch and instance type of the saved boot. */
  readonly snapshot: SnapshotId | null;
  /** "6.0 GENERIC.MP" of the judged boot. */
  readonly kernel: string | null;
  readonly verdict: string | null;
}

/** The baselines in `dir`, sorted by name; an absent directory has none. Unreadable files are reported, not skipped silently. */
export async function listBaselines(dir: string): Promise<BaselineEntry[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new InputError(`cannot read baseline directory ${dir}: ${(err as Error).message}`);
  }
  const out: BaselineEntry[] = [];
  for (const f of names) {
    const b = await readBaselineFile(join(dir, f));
    const k = judgedBoot(b.model)?.kernel;
    out.push({
      name: b.name,
      file: join(dir, f),
      snapshot: baselineSnapshot(b),
      kernel: k?.version ? `${k.version}${k.suffix ?? ''}${k.name ? ` ${k.name}` : ''}` : null,
      verdict: b.report?.verdict ?? null,
    });
  }
  return out;
}

/** The recorded snapshot, or the one read from the model for files saved before it was recorded. */
export function baselineSnapshot(b: BaselineFile): SnapshotId | null {
  return b.snapshot ?? snapshotOf(b.model);
}

/** `--baseline latest`: the saved baselines a boot of this snapshot is compared with are those of its arch and release. */
export const LATEST = 'latest';

/**
 * The newest baseline (by kernel build date, then build number) of the same architecture and
 * release line (the version number: `6.0`, `6.0-current` and `6.0-beta` are one line) as `boot`.
 * Throws an InputError naming what was looked for when none matches: a gate never runs without
 * the comparison it was asked for.
 */
export function pickLatestBaseline(all: readonly BaselineFile[], boot: SnapshotId | null, dir: string): BaselineFile {
  const want = `${boot?.arch ?? '?'} OpenBSD ${boot?.version ?? '?'}`;
  if (!boot?.arch || !boot.version) throw new InputError(`--baseline latest: the log does not tell its architecture and release (kernel banner or compile path missing), so no baseline in ${dir} can be chosen`);
  const same = all.map((b) => ({ b, s: baselineSnapshot(b) })).filter((x) => x.s?.arch === boot.arch && x.s?.version === boot.version);
  if (same.length === 0) {
    const have = all.map((b) => { const s = baselineSnapshot(b); return `${b.name} (${s?.arch ?? '?'} ${s?.version ?? '?'})`; }).join(', ') || 'none';
    throw new InputError(`--baseline latest: no baseline in ${dir} for ${want} (have: ${have})`);
  }
  const time = (s: SnapshotId | null) => {
    const t = s?.date ? Date.parse(s.date) : NaN;
    return Number.isNaN(t) && s?.date ? Date.parse(s.date.replace(/\s[A-Z]{2,5}(\s\d{4})$/, '$1')) : t;
  };
  same.sort((x, y) => (time(y.s) || 0) - (time(x.s) || 0) || (y.s?.build ?? -1) - (x.s?.build ?? -1) || x.b.name.localeCompare(y.b.name));
  return same[0]!.b;
}

/** Every baseline in `dir`, validated; for `--baseline latest`. */
export async function loadAllBaselines(dir: string): Promise<BaselineFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch (err) {
    throw new InputError(`--baseline latest: cannot read baseline directory ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return Promise.all(names.map((f) => readBaselineFile(join(dir, f))));
}

/**
 * Loads a baseline for `--baseline <key|file>`: a value with a path separator or a `.json`
 * suffix is a file; anything else is a key in `dir`.
 */
export async function loadBaseline(keyOrFile: string, dir: string = DEFAULT_BASELINE_DIR): Promise<BaselineFile> {
  if (/[\\/]/.test(keyOrFile) || keyOrFile.endsWith('.json')) return readBaselineFile(keyOrFile);
  const name = checkBaselineKey(keyOrFile);
  try {
    return await readBaselineFile(join(dir, `${name}.json`));
  } catch (err) {
    if (!(err instanceof InputError) || !err.message.includes('no such file')) throw err;
    const have = (await listNames(dir)).join(', ') || 'none';
    throw new InputError(`baseline "${name}" not found in ${dir} (have: ${have})`);
  }
}

async function listNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  } catch {
    return [];
  }
}

/** Reads and checks one baseline file; every failure is an InputError naming the file. */
export async function readBaselineFile(path: string): Promise<BaselineFile> {
  const raw = await readJsonFile(path, 'baseline', InputError);
  const json = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  if (json?.kind !== 'bootgate-baseline' || json.schemaVersion !== 1 || json.model === undefined) {
    throw new InputError(`${path} is not a bootgate baseline (expected kind "bootgate-baseline", schemaVersion 1, and a model)`);
  }
  const model = validateModel(json.model, path, 'model');
  const report = json.report === undefined || json.report === null ? null : validateReport(json.report, path, 'report');
  const snapshot = json.snapshot === undefined || json.snapshot === null ? null : validateSnapshot(json.snapshot, path, 'snapshot');
  return { ...(json as unknown as BaselineFile), model, report, snapshot, name: typeof json.name === 'string' ? json.name : basename(path, '.json') };
}
