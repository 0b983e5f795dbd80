import { ConfigError } from '../errors.js';

/** One image to gate: an AMI id lives in exactly one region. */
export interface AmiTarget {
  readonly region: string;
  readonly amiId: string;
}

/** `ami-` and 8 or 17 hex digits, as EC2 prints image ids. */
export function isAmiId(s: string): boolean {
  return /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/.test(s);
}

/** A region code as AWS writes them: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `ap-southeast-4`. */
export function isRegionName(s: string): boolean {
  return /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/.test(s);
}

/**
 * `--ami`: `ami-id`, or a comma list of `region:ami-id` (Packer's `artifact_id`). A bare id
 * belongs to `defaultRegion` (--region, AWS_REGION, the profile); null when none is known yet,
 * for the caller to fill in once the SDK has resolved it. Every mistake is one ConfigError.
 */
export function parseAmiList(list: string, label = '--ami'): { region: string | null; amiId: string }[] {
  const entries = list.split(',').map((e) => e.trim());
  if (entries.every((e) => e === '')) throw new ConfigError(`${label}: no AMI given`);
  const out: { region: string | null; amiId: string }[] = [];
  for (const entry of entries) {
    if (entry === '') throw new ConfigError(`${label}: empty entry in "${list}"`);
    const colon = entry.indexOf(':');
    const region = colon < 0 ? null : entry.slice(0, colon).trim();
    const amiId = (colon < 0 ? entry : entry.slice(colon + 1)).trim();
    if (region !== null && !isRegionName(region)) throw new ConfigError(`${label}: "${entry}": "${region}" is not a region (expected region:ami-id, e.g. us-east-1:ami-0abc12345678def01)`);
    if (!isAmiId(amiId)) throw new ConfigError(`${label}: "${entry}": "${amiId}" is not an AMI id (ami- and 8 or 17 hex digits)`);
    out.push({ region, amiId });
  }
  return out;
}

/** Fills bare ids' region and refuses the same image twice (it would be gated twice, and billed twice). */
export function resolveTargets(parsed: readonly { region: string | null; amiId: string }[], defaultRegion: string, label = '--ami'): AmiTarget[] {
  const seen = new Set<string>();
  return parsed.map((p) => {
    const region = p.region ?? defaultRegion;
    const key = `${region}:${p.amiId}`;
    if (seen.has(key)) throw new ConfigError(`${label}: ${key} is listed twice`);
    seen.add(key);
    return { region, amiId: p.amiId };
  });
}

/**
 * `--region` with a Packer manifest: gate only the copies in these regions (a comma list). A
 * region with no image is a ConfigError naming the regions the images are in.
 */
export function narrowToRegions(targets: readonly AmiTarget[], regions: string, label = '--region'): AmiTarget[] {
  const wanted = regions.split(',').map((r) => r.trim());
  const have = [...new Set(targets.map((t) => t.region))];
  for (const r of wanted) {
    if (!isRegionName(r)) throw new ConfigError(`${label}: "${r}" is not a region (e.g. us-east-1)`);
    if (!have.includes(r)) throw new ConfigError(`${label}: no image to gate in ${r} (the images are in: ${have.join(', ')})`);
  }
  return targets.filter((t) => wanted.includes(t.region));
}
