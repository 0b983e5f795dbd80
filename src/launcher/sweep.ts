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
  readonly dryRun: boolean;
  readonly clock: Clock;
  readonly confirmTimeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onItem?: (item: SweepItem) => void;
}

/**
 * Leftovers of earlier runs: instances carrying `bootgate:run-id`, older than the cut-off
 * (by launch time). Found by tag, terminated one at a time by id, never by filter.
 */
export async function sweep(api: Ec2Api, opts: SweepOptions): Promise<SweepItem[]> {
  const found = await api.findTaggedInstances('bootgate:run-id', opts.signal).catch((err) => {
    throw toLaunchError(err, 'DescribeInstances');
  });
  const items: SweepItem[] = [];
  for (const inst of found.sort((a, b) => a.id.localeCompare(b.id))) {
    const ageMs = inst.launchTime ? opts.clock.now() - inst.launchTime.getTime() : null;
    const base = { id: inst.id, runId: inst.tags['bootgate:run-id'] ?? '', state: inst.state };
    let item: SweepItem;
    if (ageMs !== null && ageMs < opts.olderThanMs) {
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
  return items;
}
