import type { Clock } from './clock.js';
import type { Ec2Api } from './ec2.js';
import { toLaunchError } from './aws-errors.js';
import { terminateAndConfirm } from './teardown.js';

export interface SweepItem {
  readonly id: string;
  readonly runId: string;
  readonly state: string;
  readonly ageMs: number | null;
  /** What happened: "terminated", "would terminate" (dry run), "skipped: younger than …", or an error. */
  readonly action: string;
  readonly ok: boolean;
}

export interface SweepOptions {
  readonly olderThanMs: number;
  /** Only this run's leftovers (tag bootgate:run-id = runId). */
  readonly runId?: string;
  readonly dryRun: boolean;
  readonly clock: Clock;
  readonly confirmTimeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onItem?: (item: SweepItem) => void;
}

/**
 * Leftovers of earlier runs: instances carrying `bootgate:run-id` (of one run, with `runId`),
 * older than the cut-off (by launch time), then the ephemeral `bootgate-*` key pairs of such
 * runs (by creation time). Found by tag, removed one at a time by id or name, never by filter.
 */
export async function sweep(api: Ec2Api, opts: SweepOptions): Promise<SweepItem[]> {
  // A cut-off of zero takes everything, even what a skewed clock dates in the future.
  const found = await api.findTaggedInstances('bootgate:run-id', opts.signal).catch((err) => {
    throw toLaunchError(err, 'DescribeInstances');
  });
  const mine = <T extends { tags: Readonly<Record<string, string>> }>(x: T): boolean => opts.runId === undefined || x.tags['bootgate:run-id'] === opts.runId;
  const items: SweepItem[] = [];
  for (const inst of found.filter(mine).sort((a, b) => a.id.localeCompare(b.id))) {
    const ageMs = inst.launchTime ? opts.clock.now() - inst.launchTime.getTime() : null;
    const base = { id: inst.id, runId: inst.tags['bootgate:run-id'] ?? '', state: inst.state };
    let item: SweepItem;
    if (ageMs !== null && opts.olderThanMs > 0 && ageMs < opts.olderThanMs) {
      item = { ...base, ageMs, action: 'skipped: younger than --older-than', ok: true };
    } else if (opts.dryRun) {
      item = { ...base, ageMs, action: 'would terminate', ok: true };
    } else {
      const t = await terminateAndConfirm(api, inst.id, {
        clock: opts.clock,
        confirmTimeoutMs: opts.confirmTimeoutMs ?? 300_000,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      item = { ...base, ageMs, action: t.confirmed ? 'terminated' : `NOT cleaned: ${t.error}`, ok: t.confirmed };
    }
    items.push(item);
    opts.onItem?.(item);
  }
  if (!api.findTaggedKeyPairs) return items;
  const keys = await api.findTaggedKeyPairs('bootgate:run-id', opts.signal).catch((err) => {
    throw toLaunchError(err, 'DescribeKeyPairs');
  });
  // Only the ephemeral keys bootgate made itself (named bootgate-<run>-…), never a key someone tagged by hand.
  for (const k of keys.filter((x) => mine(x) && x.name.startsWith('bootgate-')).sort((a, b) => a.name.localeCompare(b.name))) {
    const ageMs = k.createdAt ? opts.clock.now() - k.createdAt.getTime() : null;
    const base = { id: k.name, runId: k.tags['bootgate:run-id'] ?? '', state: 'key-pair' };
    let item: SweepItem;
    if (ageMs !== null && opts.olderThanMs > 0 && ageMs < opts.olderThanMs) item = { ...base, ageMs, action: 'skipped: younger than --older-than', ok: true };
    else if (opts.dryRun) item = { ...base, ageMs, action: 'would delete', ok: true };
    else {
      try {
        await api.deleteKeyPair(k.name, opts.signal);
        item = { ...base, ageMs, action: 'deleted', ok: true };
      } catch (err) {
        item = { ...base, ageMs, action: `NOT cleaned: ${toLaunchError(err, 'DeleteKeyPair').message}`, ok: false };
      }
    }
    items.push(item);
    opts.onItem?.(item);
  }
  return items;
}
