import { ConfigError } from '../errors.js';
import { CHANGE_KINDS, type Change, type ChangeKind } from './types.js';

/**
 * One expected change (`--allow FILE`). Matching is exact: every field given must equal the
 * change's field, so an entry never covers more than its author wrote down.
 */
export interface AllowEntry {
  readonly kind: ChangeKind;
  readonly subject?: string;
  readonly from?: string;
  readonly to?: string;
  /** Applies only when the new boot's kernel is this release or later ("6.1"). */
  readonly since?: string;
  /** Why the change is fine; shown next to the change. */
  readonly reason: string;
}

const ENTRY_FIELDS = new Set(['kind', 'subject', 'from', 'to', 'since', 'reason']);
const TOP_FIELDS = new Set(['allow', '$comment']);

/** Validates an allow file's parsed JSON. Errors name the file and the bad field. */
export function parseAllowFile(json: unknown, file: string): AllowEntry[] {
  const bad = (field: string, why: string): never => {
    throw new ConfigError(`allow file ${file}: ${field}: ${why}`);
  };
  if (json === null || typeof json !== 'object' || Array.isArray(json)) bad('(top level)', 'expected an object {"allow": [...]}');
  const top = json as Record<string, unknown>;
  for (const k of Object.keys(top)) if (!TOP_FIELDS.has(k)) bad(k, 'unknown field (expected "allow")');
  if (!Array.isArray(top.allow)) bad('allow', 'expected an array of entries');
  return (top.allow as unknown[]).map((raw, i) => {
    const at = `allow[${i}]`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) bad(at, 'expected an object');
    const e = raw as Record<string, unknown>;
    for (const k of Object.keys(e)) if (!ENTRY_FIELDS.has(k)) bad(`${at}.${k}`, `unknown field (known: ${[...ENTRY_FIELDS].join(', ')})`);
    if (typeof e.kind !== 'string' || !(CHANGE_KINDS as readonly string[]).includes(e.kind)) {
      bad(`${at}.kind`, `expected one of ${CHANGE_KINDS.join(', ')}`);
    }
    for (const k of ['subject', 'from', 'to', 'since'] as const) {
      if (e[k] !== undefined && (typeof e[k] !== 'string' || e[k] === '')) bad(`${at}.${k}`, 'expected a non-empty string');
    }
    if (e.since !== undefined && !/^\d+\.\d+$/.test(e.since as string)) bad(`${at}.since`, 'expected a release like "6.1"');
    if (typeof e.reason !== 'string' || e.reason.trim() === '') bad(`${at}.reason`, 'required: say why this change is expected');
    if (e.subject === undefined && e.from === undefined && e.to === undefined) {
      bad(at, 'needs subject, from or to: an entry must name what it allows');
    }
    return e as unknown as AllowEntry;
  });
}

/** Marks the changes an entry covers; returns new objects. `newVersion` is the new boot's kernel release. */
export function applyAllow(changes: readonly Change[], entries: readonly AllowEntry[], newVersion: string | null): Change[] {
  return changes.map((c) => {
    const entry = entries.find((e) =>
      e.kind === c.kind &&
      (e.subject === undefined || e.subject === c.subject) &&
      (e.from === undefined || e.from === c.from) &&
      (e.to === undefined || e.to === c.to) &&
      (e.since === undefined || (newVersion !== null && compareRelease(newVersion, e.since) >= 0)));
    return entry ? { ...c, allowed: { reason: entry.reason } } : c;
  });
}

/** Orders OpenBSD releases numerically ("6.10" after "6.9"). */
export function compareRelease(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
