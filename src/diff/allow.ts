import { ConfigError } from '../errors.js';
import { CHANGE_KINDS, type Change, type ChangeKind } from './types.js';

/**
 * One expected change (`--allow FILE`). Matching is exact: every field given must equal the
 * change's field, so an entry never covers more than its author wrote down.
 */
export interface AllowEntry {
  /** Built-in entries only: a stable id (`xbf-wd0`) an allow file can disable. */
  readonly id?: string;
  /** Built-in entries only: the release step it belongs to ("6.0 → 6.1"). */
  readonly step?: string;
  /** Built-in entries only: a device the new boot must attach (`xbf0`). */
  readonly requires?: string;
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
const TOP_FIELDS = new Set(['allow', 'builtin', '$comment']);

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

/** The built-in entries an allow file leaves on (all of them without a file or without `"builtin"`). */
export function builtinAllowFor(json: unknown, file: string, all: readonly AllowEntry[]): readonly AllowEntry[] {
  const sw = parseBuiltinSwitch(json, file, all.map((e) => e.id ?? ''));
  if (sw === true) return all;
  if (sw === false) return [];
  return all.filter((e) => !sw.includes(e.id ?? ''));
}

/** Reads the built-in switch of an allow file: absent or true = on, false = all off, {"disable": [ids]}. */
export function parseBuiltinSwitch(json: unknown, file: string, known: readonly string[]): true | readonly string[] | false {
  const top = (json ?? {}) as Record<string, unknown>;
  const b = top.builtin;
  if (b === undefined || b === true) return true;
  if (b === false) return false;
  const d = (b as Record<string, unknown> | null)?.disable;
  if (b === null || typeof b !== 'object' || Array.isArray(b) || Object.keys(b).some((k) => k !== 'disable') || !Array.isArray(d) || d.some((x) => typeof x !== 'string')) {
    throw new ConfigError(`allow file ${file}: builtin: expected true, false or {"disable": ["id", …]}`);
  }
  for (const id of d as string[]) if (!known.includes(id)) throw new ConfigError(`allow file ${file}: builtin.disable: unknown built-in entry "${id}" (see bootgate diff --explain-allow)`);
  return d as string[];
}

/** What the new boot offers an entry's conditions: its release and the devices it attaches. */
export interface AllowContext {
  readonly newVersion: string | null;
  readonly newDevices: ReadonlySet<string>;
}

/**
 * Marks the changes an entry covers; returns new objects. File entries (`entries`) match exactly
 * and win; built-in entries (`builtin`) may use `*` and `requires`.
 */
export function applyAllow(changes: readonly Change[], entries: readonly AllowEntry[], context: AllowContext | string | null, builtin: readonly AllowEntry[] = []): Change[] {
  const ctx: AllowContext = context !== null && typeof context === 'object' ? context : { newVersion: context, newDevices: new Set() };
  const applies = (e: AllowEntry, c: Change, eq: (pattern: string, value: string | null) => boolean) =>
    e.kind === c.kind &&
    (e.subject === undefined || eq(e.subject, c.subject)) &&
    (e.from === undefined || eq(e.from, c.from)) &&
    (e.to === undefined || eq(e.to, c.to)) &&
    (e.since === undefined || (ctx.newVersion !== null && compareRelease(ctx.newVersion, e.since) >= 0)) &&
    (e.requires === undefined || ctx.newDevices.has(e.requires));
  return changes.map((c) => {
    const file = entries.find((e) => applies(e, c, (p, v) => p === v));
    if (file) return { ...c, allowed: { reason: file.reason, source: 'file' as const, id: file.id ?? null } };
    const b = builtin.find((e) => applies(e, c, glob));
    return b ? { ...c, allowed: { reason: b.reason, source: 'builtin' as const, id: b.id ?? null } } : c;
  });
}

function glob(pattern: string, value: string | null): boolean {
  if (value === null) return false;
  if (!pattern.includes('*')) return pattern === value;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
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
