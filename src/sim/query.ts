import { Ec2Error } from './ec2-error.js';

/** Flat Query API parameters: `InstanceId.1`, `Filter.1.Value.2`, … */
export type Params = Readonly<Record<string, string>>;

/** Values of `prefix.1`, `prefix.2`, … in index order (EC2 lists are 1-based and may be sparse). */
export function list(params: Params, prefix: string): string[] {
  return indices(params, prefix).map((i) => params[`${prefix}.${i}`] ?? '').filter((v) => v !== '');
}

/** The member indices N present under `prefix.N…`. */
export function indices(params: Params, prefix: string): number[] {
  const found = new Set<number>();
  const head = `${prefix}.`;
  for (const key of Object.keys(params)) {
    if (!key.startsWith(head)) continue;
    const n = Number.parseInt(key.slice(head.length), 10);
    if (Number.isInteger(n) && n > 0) found.add(n);
  }
  return [...found].sort((a, b) => a - b);
}

export interface Filter { readonly name: string; readonly values: readonly string[] }

export function filters(params: Params): Filter[] {
  return indices(params, 'Filter').map((i) => ({ name: params[`Filter.${i}.Name`] ?? '', values: list(params, `Filter.${i}.Value`) }));
}

/** `prefix.N.Key` / `prefix.N.Value` pairs. */
export function tags(params: Params, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of indices(params, prefix)) {
    const key = params[`${prefix}.${i}.Key`];
    if (key === undefined || key === '') throw new Ec2Error('InvalidParameterValue', `Tag key must not be empty (${prefix}.${i}.Key)`);
    if (key.toLowerCase().startsWith('aws:')) throw new Ec2Error('InvalidParameterValue', `Tag keys starting with 'aws:' are reserved for internal use: ${key}`);
    out[key] = params[`${prefix}.${i}.Value`] ?? '';
  }
  return out;
}

export function required(params: Params, name: string): string {
  const v = params[name];
  if (v === undefined || v === '') throw new Ec2Error('MissingParameter', `The request must contain the parameter ${name}`);
  return v;
}

export function integer(params: Params, name: string, fallback?: number): number {
  const raw = params[name];
  if (raw === undefined) {
    if (fallback !== undefined) return fallback;
    throw new Ec2Error('MissingParameter', `The request must contain the parameter ${name}`);
  }
  if (!/^-?\d+$/.test(raw)) throw new Ec2Error('InvalidParameterValue', `Invalid value '${raw}' for ${name}`);
  return Number.parseInt(raw, 10);
}

export function bool(params: Params, name: string): boolean {
  const raw = params[name];
  if (raw === undefined) return false;
  if (raw !== 'true' && raw !== 'false') throw new Ec2Error('InvalidParameterValue', `Invalid value '${raw}' for ${name}: expected true or false`);
  return raw === 'true';
}

/** EC2 filter values accept `*` and `?` wildcards. */
export function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
  return re.test(value);
}
