import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BootModel } from '../model/boot-model.js';
import type { CheckReport } from '../verdict/types.js';
import { judgedBoot } from '../model/queries.js';
import { readJsonFile } from '../config/read-json-file.js';
import { ConfigError, InputError } from '../errors.js';
import { checkBaselineKey } from './baseline-key.js';
import { stableJson } from './stable-json.js';
import { validateModel, validateReport } from '../diff/validate-saved.js';
import type { BaselineFile } from './types.js';

export const DEFAULT_BASELINE_DIR = './baselines';

/** Writes `<dir>/<key>.json` (atomically: a crash never leaves half a baseline) and returns its path. */
export async function saveBaseline(dir: string, key: string, model: BootModel, report: CheckReport | null): Promise<string> {
  const name = checkBaselineKey(key);
  if (!judgedBoot(model)) throw new InputError('no OpenBSD boot in the log: nothing to save as a baseline');
  const file: BaselineFile = { kind: 'bootgate-baseline', schemaVersion: 1, name, model, report };
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
      kernel: k?.version ? `${k.version}${k.suffix ?? ''}${k.name ? ` ${k.name}` : ''}` : null,
      verdict: b.report?.verdict ?? null,
    });
  }
  return out;
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
  return { ...(json as unknown as BaselineFile), model, report, name: typeof json.name === 'string' ? json.name : basename(path, '.json') };
}
