import type { BootModel } from '../model/boot-model.js';
import type { BootEventType } from '../model/events.js';
import type { CheckReport } from '../verdict/types.js';
import { InputError } from '../errors.js';
import type { SnapshotId } from './snapshot.js';

/**
 * Full structural checks of the JSON that bootgate reads back (a saved model, a baseline's model
 * and report, a `check`/`launch --format json` report). Every field the diff, the rules and the
 * renderers read is checked, so a file that passes cannot crash them; the first bad field is
 * named by its path (`boots[0].devices[3].parent: expected a string`). Extra fields are allowed:
 * the contract lets later versions add fields.
 */
type Check = (v: unknown, path: string) => void;

class Bad extends Error {
  constructor(readonly path: string, readonly why: string) {
    super(`${path || '(top level)'}: ${why}`);
  }
}

const fail = (path: string, why: string): never => {
  throw new Bad(path, why);
};
const at = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);
const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

const str: Check = (v, p) => {
  if (typeof v !== 'string') fail(p, `expected a string, got ${describe(v)}`);
};
const num: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(p, `expected a number, got ${describe(v)}`);
};
/** Line numbers, units, counts: whole numbers ≥ 0. */
const count: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) fail(p, `expected a whole number ≥ 0, got ${typeof v === 'number' ? v : describe(v)}`);
};
const bool: Check = (v, p) => {
  if (typeof v !== 'boolean') fail(p, `expected true or false, got ${describe(v)}`);
};
const nullable = (c: Check): Check => (v, p) => {
  if (v !== null) c(v, p);
};
const optional = (c: Check): Check => (v, p) => {
  if (v !== undefined) c(v, p);
};
const oneOf = (...values: readonly unknown[]): Check => (v, p) => {
  if (!values.includes(v)) fail(p, `expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}`);
};
const arr = (c: Check): Check => (v, p) => {
  if (!Array.isArray(v)) fail(p, `expected an array, got ${describe(v)}`);
  (v as unknown[]).forEach((x, i) => c(x, at(p, i)));
};
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const obj = (shape: Readonly<Record<string, Check>>): Check => (v, p) => {
  if (!isObject(v)) fail(p, `expected an object, got ${describe(v)}`);
  for (const [k, c] of Object.entries(shape)) c((v as Record<string, unknown>)[k], at(p, k));
};

const SOURCE = { line: count, column: optional(count), text: str } as const;
const source = obj(SOURCE);
const strings = arr(str);

// One entry per event type of src/model/events.ts: the fields beyond line/text.
// Keyed by the model's own event types, so a new event type that is not listed here is a type error.
const EVENT_FIELDS: Readonly<Record<BootEventType, Readonly<Record<string, Check>>>> = {
  autoboot: {},
  fsck: { device: str, result: oneOf('clean', 'checked') },
  'network-start': {},
  'dhcp-discover': { interface: str },
  'dhcp-offer': { server: nullable(str) },
  'dhcp-request': { interface: str },
  'dhcp-ack': { server: nullable(str) },
  'dhcp-lease': { interface: nullable(str), address: nullable(str), server: nullable(str), style: oneOf('bound-renewal', 'bound-from', 'lease-accepted') },
  'dhcp-no-offer': { interface: nullable(str) },
  'ssh-keygen': { keyTypes: strings },
  daemons: { phase: str, names: strings },
  'rc-firsttime': {},
  'fingerprint-banner': {
    tag: nullable(str), markers: bool, complete: bool, endLine: count,
    keys: arr(obj({ ...SOURCE, bits: count, fingerprint: str, comment: nullable(str), keyType: str })),
  },
  'sshd-fingerprint': { keyType: str, fingerprint: str },
  'login-banner': { arch: str, host: nullable(str), tty: nullable(str) },
  'login-prompt': {},
  'installer-prompt': {},
  'installer-auto': {},
  panic: { message: str },
  trap: { message: str },
  'stopped-at': { symbol: str },
  'ddb-prompt': { cpu: nullable(count) },
  'syncing-disks': { done: bool },
  rebooting: {},
  'init-died': {},
  'console-open-failed': {},
  'root-dev': { dev: str },
};
const EVENT_CHECKS = new Map(Object.entries(EVENT_FIELDS).map(([t, f]) => [t, obj({ ...SOURCE, ...f })] as const));

const event: Check = (v, p) => {
  if (!isObject(v)) fail(p, `expected an object, got ${describe(v)}`);
  const type = (v as Record<string, unknown>).type;
  const c = typeof type === 'string' ? EVENT_CHECKS.get(type) : undefined;
  if (!c) fail(at(p, 'type'), `unknown event type ${JSON.stringify(type)}`);
  c!(v, p);
};

const kernel = obj({
  version: nullable(str), suffix: nullable(str), name: nullable(str), build: nullable(count), date: nullable(str),
  builder: nullable(str), arch: nullable(str), line: nullable(count), text: nullable(str), path: nullable(source),
});

const device = obj({
  ...SOURCE, type: oneOf('device'), name: str, driver: str, unit: count, parent: str,
  locators: arr(obj({ key: str, value: str })), locatorText: nullable(str), product: nullable(str),
  description: nullable(str), details: arr(source), afterRoot: bool, detached: nullable(source),
});

const unconfigured = obj({
  ...SOURCE, type: oneOf('unconfigured'), name: str, parent: str, locatorText: nullable(str), vendorId: nullable(str),
  productId: nullable(str), vendorName: nullable(str), description: nullable(str),
});

const boot = obj({
  type: oneOf('boot'), index: count, startLine: count, endLine: count, truncatedStart: bool,
  loader: arr(obj({ ...SOURCE, type: oneOf('loader'), kind: str })),
  kernel,
  memory: obj({ real: nullable(num), avail: nullable(num), lines: arr(source) }),
  devices: arr(device),
  unconfigured: arr(unconfigured),
  root: nullable(obj({ ...SOURCE, device: str, duid: nullable(str), swap: nullable(str), dump: nullable(str), nfs: bool })),
  rootPrompts: arr(obj({ ...SOURCE, answer: nullable(str) })),
  events: arr(event),
  panics: arr(obj({
    // The kinds grow with the parser (panic, trap, ddb, witness, …); only shown, so any string.
    kind: str, message: str, line: count, text: str, stoppedAt: nullable(str), frames: arr(source), ddb: bool,
  })),
  other: arr(source),
});

const model = obj({
  schemaVersion: oneOf(1), framing: oneOf('raw', 'aws-text', 'aws-json', 'timestamp'), instanceId: nullable(str),
  capturedAt: nullable(str), lineCount: count, preamble: arr(source), boots: arr(boot),
});

const RULE_STATUS = ['pass', 'fail', 'inconclusive', 'skip'] as const;
const VERDICT = ['pass', 'fail', 'inconclusive'] as const;

const report = obj({
  schemaVersion: oneOf(1),
  file: optional(str),
  verdict: oneOf(...VERDICT),
  platform: obj({ id: str, source: oneOf('detected', 'override', 'preflight'), evidence: arr(source) }),
  findings: arr(obj({ rule: str, status: oneOf(...RULE_STATUS), message: str, evidence: arr(source) })),
  diagnoses: arr(obj({ id: str, summary: str, remedy: str, evidence: arr(source) })),
});

function run<T>(c: Check, value: unknown, what: string, label: string, base = ''): T {
  try {
    c(value, base);
  } catch (err) {
    if (err instanceof Bad) throw new InputError(`${label}: not a valid ${what}: ${err.message}`);
    throw err;
  }
  return value as T;
}

/** Checks a saved boot model field by field; throws an InputError naming `label` and the bad field. */
export function validateModel(value: unknown, label: string, base = ''): BootModel {
  return run<BootModel>(model, value, 'bootgate model', label, base);
}

/** Checks a `check --format json` report (or the report part of a launch report or baseline). */
export function validateReport(value: unknown, label: string, base = ''): CheckReport {
  return run<CheckReport>(report, value, 'bootgate report', label, base);
}

const snapshot = obj({
  version: nullable(str), suffix: nullable(str), name: nullable(str), build: nullable(count), date: nullable(str),
  arch: nullable(str), instanceType: nullable(str),
});

/** Checks the snapshot identity a baseline records. */
export function validateSnapshot(value: unknown, label: string, base = ''): SnapshotId {
  return run<SnapshotId>(snapshot, value, 'bootgate baseline', label, base);
}

/** True when `value` has the top-level marks of a model (so it is meant as one and is then validated fully). */
export function looksLikeModel(value: unknown): boolean {
  return isObject(value) && 'boots' in value && 'schemaVersion' in value;
}

/** True when `value` has the top-level marks of a check report. */
export function looksLikeReport(value: unknown): boolean {
  return isObject(value) && 'findings' in value && 'verdict' in value;
}
