import type { Clock } from './clock.js';
import type { TimelineEntry } from '../verdict/launch-report.js';

/** Appends timeline entries stamped from the injected clock. */
export class Timeline {
  readonly #entries: TimelineEntry[] = [];
  constructor(
    readonly clock: Clock,
    readonly startedAt: number = clock.now(),
  ) {}

  add(event: string, detail?: string): TimelineEntry {
    const now = this.clock.now();
    const entry: TimelineEntry = { at: new Date(now).toISOString(), elapsedMs: now - this.startedAt, event, ...(detail !== undefined ? { detail } : {}) };
    this.#entries.push(entry);
    return entry;
  }

  /** Runs an AWS call and records its latency (the report's "API latency"). */
  async api<T>(action: string, call: () => Promise<T>): Promise<T> {
    const t0 = this.clock.now();
    try {
      return await call();
    } finally {
      this.add('api', `${action} ${this.clock.now() - t0}ms`);
    }
  }

  entries(): readonly TimelineEntry[] {
    return [...this.#entries];
  }
}
