import { readJsonFile } from '../config/read-json-file.js';
import { ConfigError } from '../errors.js';
import { parseAmiList, resolveTargets, type AmiTarget } from './targets.js';

/**
 * The images of the last `packer build`, from the manifest post-processor's file: a JSON object
 * `{ "builds": [{ "name", "builder_type", "build_time", "files", "artifact_id",
 * "packer_run_uuid", "custom_data" }], "last_run_uuid" }`. Builds accumulate across runs unless
 * Packer ran with -force, so only the builds whose `packer_run_uuid` is `last_run_uuid` count.
 * An amazon-ebs build's `artifact_id` is `region:ami-id[,region:ami-id…]`, one entry per
 * `ami_regions` copy. Every build of the last run is gated, or those `build` names (a comma list
 * of `name`s); each must have such an artifact_id.
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
  const chosen = build === undefined ? ofLastRun : pickBuilds(ofLastRun, names, build, fail);
  const pick = build === undefined && ofLastRun.length > 1 ? ' (pick the AMI builds with --packer-build NAME[,NAME])' : '';
  const parsed = chosen.flatMap((b) => {
    const name = names[ofLastRun.indexOf(b)];
    const id = b['artifact_id'];
    if (typeof id !== 'string' || id.trim() === '') return fail(`build "${name}" has no artifact_id${pick}`);
    const entries = parseAmiList(id, `Packer manifest ${path}: build "${name}": artifact_id`);
    const bare = entries.find((p) => p.region === null);
    if (bare) return fail(`artifact_id "${id}": ${bare.amiId} has no region (expected region:ami-id, as amazon-ebs writes it)`);
    return entries;
  });
  return resolveTargets(parsed, '', `Packer manifest ${path}: artifact_id`);
}

/** The builds `--packer-build` names (a comma list), in the order given; each must be a build of the last run, once. */
function pickBuilds(ofLastRun: readonly Record<string, unknown>[], names: readonly string[], build: string, fail: (why: string) => never): Record<string, unknown>[] {
  const wanted = build.split(',').map((n) => n.trim());
  if (wanted.some((n) => n === '')) return fail(`--packer-build "${build}": an empty build name`);
  if (new Set(wanted).size !== wanted.length) return fail(`--packer-build "${build}": a build is named twice`);
  return wanted.map((n) => {
    const matches = ofLastRun.filter((b) => b['name'] === n);
    if (matches.length === 0) return fail(`the last run has no build named "${n}" (builds: ${names.join(', ')})`);
    if (matches.length > 1) return fail(`the last run has ${matches.length} builds named "${n}"`);
    return matches[0]!;
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
