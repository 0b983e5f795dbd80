import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Framing } from '../../src/model/boot-model.js';
import type { BootEventType } from '../../src/model/events.js';

/**
 * fixtures/dmesg/<name>.log: `KEY: value` header lines, one blank line, then the console
 * bytes exactly as captured. The header states what the parser (and the checker) must find;
 * see the KEYS table below. Unknown keys are an error so a typo cannot silently assert nothing.
 */
export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/dmesg');

/** Every BootEventType, at runtime; the check below fails to compile if events.ts grows. */
export const EVENT_TYPES = [
  'autoboot', 'fsck', 'network-start', 'dhcp-discover', 'dhcp-offer', 'dhcp-request', 'dhcp-ack',
  'dhcp-lease', 'dhcp-no-offer', 'ssh-keygen', 'daemons', 'rc-firsttime', 'fingerprint-banner',
  'sshd-fingerprint', 'login-banner', 'login-prompt', 'installer-prompt', 'installer-auto', 'panic', 'trap', 'stopped-at', 'ddb-prompt',
  'syncing-disks', 'rebooting', 'init-died', 'console-open-failed', 'root-dev',
] as const satisfies readonly BootEventType[];
const everyEventListed: [Exclude<BootEventType, (typeof EVENT_TYPES)[number]>] extends [never] ? true : false = true;
void everyEventListed;

export interface KernelExpectation {
  readonly version: string | null;
  readonly suffix: string | null;
  readonly name: string | null;
  readonly arch: string | null;
}

export interface Attachment {
  readonly name: string;
  readonly parent: string;
}

export interface FixtureHeader {
  readonly description: string;
  readonly framing?: Framing;
  readonly boots?: number;
  readonly kernel?: KernelExpectation;
  readonly truncated?: boolean;
  /** null for `ROOT: none`. */
  readonly root?: string | null;
  readonly devices: readonly Attachment[];
  readonly noDevices: readonly string[];
  readonly unconfigured: readonly Attachment[];
  readonly events: readonly BootEventType[];
  readonly noEvents: readonly BootEventType[];
  readonly panic?: string;
  // Read by the check-expectations suite; accepted here, not asserted.
  readonly verdict?: 'pass' | 'fail' | 'inconclusive';
  readonly expect: readonly string[];
  readonly diagnoses: readonly string[];
  readonly platform?: string;
}

export interface FixtureFile {
  readonly name: string;
  readonly header: FixtureHeader;
  /** The console bytes after the blank line, untouched. */
  readonly bytes: Buffer;
}

/** Keys and whether they may repeat. */
const KEYS: Readonly<Record<string, 'once' | 'many'>> = {
  DESCRIPTION: 'once', FRAMING: 'once', BOOTS: 'once', KERNEL: 'once', TRUNCATED: 'once', ROOT: 'once',
  DEVICE: 'many', 'NO-DEVICE': 'many', UNCONFIGURED: 'many', EVENT: 'many', 'NO-EVENT': 'many', PANIC: 'once',
  VERDICT: 'once', EXPECT: 'many', DIAGNOSIS: 'many', PLATFORM: 'once',
};
const FRAMINGS: readonly Framing[] = ['raw', 'aws-text', 'aws-json', 'timestamp'];
const VERDICTS = ['pass', 'fail', 'inconclusive'] as const;
const EVENT_SET: ReadonlySet<string> = new Set(EVENT_TYPES);

export class FixtureFormatError extends Error {
  override readonly name = 'FixtureFormatError';
}

/** Names of every fixture, sorted. */
export function fixtureNames(dir = FIXTURES_DIR): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.log')).sort();
}

export function readFixture(name: string, dir = FIXTURES_DIR): FixtureFile {
  return parseFixture(name, readFileSync(join(dir, name)));
}

/** Splits and validates; exported so the format itself is testable without files. */
export function parseFixture(name: string, file: Buffer): FixtureFile {
  const fail = (msg: string): never => {
    throw new FixtureFormatError(`${name}: ${msg}`);
  };
  const end = file.indexOf('\n\n');
  if (end < 0) fail('no blank line after the header');
  const values = new Map<string, string[]>();
  for (const line of file.subarray(0, end).toString('utf8').split('\n')) {
    const m = /^([A-Z][A-Z-]*): ?(.*)$/.exec(line);
    if (!m) fail(`bad header line ${JSON.stringify(line)}`);
    const key = m![1]!;
    const value = m![2]!.trim();
    const arity = KEYS[key];
    if (!arity) fail(`unknown header key ${key}`);
    const list = values.get(key) ?? [];
    if (arity === 'once' && list.length > 0) fail(`${key} given twice`);
    if (value === '') fail(`${key} has no value`);
    list.push(value);
    values.set(key, list);
  }
  const one = (key: string): string | undefined => values.get(key)?.[0];
  const many = (key: string): string[] => values.get(key) ?? [];
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
    const v = one(key);
    if (v !== undefined && !(allowed as readonly string[]).includes(v)) fail(`${key} must be one of ${allowed.join('|')}, not ${v}`);
    return v as T | undefined;
  };
  const attachment = (key: string, v: string): Attachment => {
    const at = v.lastIndexOf(' at ');
    if (at <= 0) fail(`${key} must be "<name> at <parent>", not ${JSON.stringify(v)}`);
    return { name: v.slice(0, at).trim(), parent: v.slice(at + 4).trim() };
  };
  const eventType = (key: string, v: string): BootEventType => {
    if (!EVENT_SET.has(v)) fail(`${key} ${v} is not an event type of src/model/events.ts`);
    return v as BootEventType;
  };

  const description = one('DESCRIPTION') ?? fail('DESCRIPTION is required');
  const boots = one('BOOTS');
  if (boots !== undefined && !/^\d+$/.test(boots)) fail(`BOOTS must be a number, not ${boots}`);
  const root = one('ROOT');
  const truncated = oneOf('TRUNCATED', ['yes', 'no'] as const);
  const kernel = one('KERNEL');

  const header: FixtureHeader = {
    description,
    ...(values.has('FRAMING') ? { framing: oneOf('FRAMING', FRAMINGS)! } : {}),
    ...(boots !== undefined ? { boots: Number(boots) } : {}),
    ...(kernel !== undefined ? { kernel: parseKernel(kernel, fail) } : {}),
    ...(truncated !== undefined ? { truncated: truncated === 'yes' } : {}),
    ...(root !== undefined ? { root: root === 'none' ? null : root } : {}),
    devices: many('DEVICE').map((v) => attachment('DEVICE', v)),
    noDevices: many('NO-DEVICE'),
    unconfigured: many('UNCONFIGURED').map((v) => attachment('UNCONFIGURED', v)),
    events: many('EVENT').map((v) => eventType('EVENT', v)),
    noEvents: many('NO-EVENT').map((v) => eventType('NO-EVENT', v)),
    ...(values.has('PANIC') ? { panic: one('PANIC')! } : {}),
    ...(values.has('VERDICT') ? { verdict: oneOf('VERDICT', VERDICTS)! } : {}),
    expect: many('EXPECT'),
    diagnoses: many('DIAGNOSIS'),
    ...(values.has('PLATFORM') ? { platform: one('PLATFORM')! } : {}),
  };
  return { name, header, bytes: file.subarray(end + 2) };
}

/** `6.0 GENERIC.MP amd64`, `6.1-current GENERIC.MP amd64`, `- - -` (`-` = null). */
function parseKernel(v: string, fail: (msg: string) => never): KernelExpectation {
  const parts = v.split(/\s+/);
  if (parts.length !== 3) fail(`KERNEL must be "<version><suffix?> <name> <arch>", not ${JSON.stringify(v)}`);
  const [release, name, arch] = parts.map((p) => (p === '-' ? null : p)) as [string | null, string | null, string | null];
  let version: string | null = null;
  let suffix: string | null = null;
  if (release !== null) {
    const m = /^(\d+\.\d+)(-[a-z]+)?$/.exec(release);
    if (!m) fail(`KERNEL release ${release} is not like 6.0 or 6.1-current`);
    version = m![1]!;
    suffix = m![2] ?? null;
  }
  return { version, suffix, name, arch };
}
