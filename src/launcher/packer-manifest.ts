import { readJsonFile } from '../config/read-json-file.js';
import { ConfigError } from '../errors.js';
import { parseAmiList, resolveTargets, type AmiTarget } from './targets.js';

/**
 * The images of the last `packer build`, from the manifest post-processor's file: a JSON object
 * `{ "builds": [{ "name", "builder_type", "build_time", "files", "artifact_id",
 * "packer_run_uuid", "custom_data" }], "last_run_uuid" }`. Builds accumulate across runs unless
 * Packer ran with -force, so only the builds whose `packer_run_uuid` is `last_run_uuid` count.
 * An amazon-ebs build's `artifact_id` is `region:ami-id[,region:ami-id…]`, one entry per
 * `ami_regions` copy. `build` picks one build by `name` when the last run made several.
 */
export async function readPackerManifest(path: string, build?: string): Promise<AmiTarget[]> {
  return parsePackerManifest(await readJsonFile(path, 'Packer manifest'), path, build);
}

export function parsePackerManifest(doc: unknown, path: string, build?: string): AmiTarget[] {
  const fail = (why: string): never => {
    throw new ConfigError(`Packer manifest ${path}: ${why}`);
  };
  if (!isObject(doc)) return fail('not a JSON object (expected {"builds": [...], "last_run_uuid": ...})');
  const { builds, last_run_uuid: lastRun } = doc;
  if (!Array.isArray(builds)) return fail('"builds" is not an array');
  if (typeof lastRun !== 'string' || lastRun === '') return fail('no "last_run_uuid"');
  const ofLastRun = builds.filter((b, i) => {
    if (!isObject(b)) return fail(`builds[${i}] is not an object`);
    return b['packer_run_uuid'] === lastRun;
  }) as Record<string, unknown>[];
  if (ofLastRun.length === 0) return fail(`no build has packer_run_uuid ${lastRun} (the last run); ${builds.length} build(s) of earlier runs`);
  const names = ofLastRun.map((b) => (typeof b['name'] === 'string' ? b['name'] : '(unnamed)'));
  let chosen = ofLastRun;
  if (build !== undefined) {
    chosen = ofLastRun.filter((b) => b['name'] === build);
    if (chosen.length === 0) return fail(`the last run has no build named "${build}" (builds: ${names.join(', ')})`);
  } else if (ofLastRun.length > 1) {
    return fail(`the last run made ${ofLastRun.length} builds (${names.join(', ')}): pick one with --packer-build NAME`);
  }
  if (chosen.length > 1) return fail(`the last run has ${chosen.length} builds named "${build}"`);
  const b = chosen[0]!;
  const id = b['artifact_id'];
  if (typeof id !== 'string' || id.trim() === '') return fail(`build "${names[ofLastRun.indexOf(b)]}" has no artifact_id`);
  const parsed = parseAmiList(id, `Packer manifest ${path}: artifact_id`);
  const bare = parsed.find((p) => p.region === null);
  if (bare) return fail(`artifact_id "${id}": ${bare.amiId} has no region (expected region:ami-id, as amazon-ebs writes it)`);
  return resolveTargets(parsed, '', `Packer manifest ${path}: artifact_id`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
