import { ConfigError } from '../errors.js';
import { DEFAULT_POLICY, type DeviceMatcher, type Policy } from './types.js';

const KEY_TYPES = ['DSA', 'ECDSA', 'ED25519', 'RSA'] as const;
const TOP_LEVEL = new Set(['$schema', 'require', 'forbid', 'allowUnconfigured', 'banner', 'keyTypes']);

/**
 * Validates a parsed policy document. Every error names the field (`require[1].parent`)
 * so a one-line message is enough to fix the file.
 */
export function parsePolicy(doc: unknown, label = 'policy'): Policy {
  const fail = (field: string, why: string): never => {
    throw new ConfigError(`${label}: ${field}: ${why}`);
  };
  if (!isObject(doc)) return fail('(top level)', 'must be a JSON object');
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL.has(key)) fail(key, `unknown field (known: ${[...TOP_LEVEL].filter((k) => k !== '$schema').join(', ')})`);
  }
  const matchers = (field: 'require' | 'forbid'): DeviceMatcher[] => {
    const v = doc[field];
    if (v === undefined) return [];
    if (!Array.isArray(v)) return fail(field, 'must be an array of {"name", "parent"?}');
    return v.map((m, i): DeviceMatcher => {
      const at = `${field}[${i}]`;
      if (typeof m === 'string') return { name: glob(m, at) };
      if (!isObject(m)) return fail(at, 'must be a device name glob or {"name", "parent"?}');
      for (const k of Object.keys(m)) if (k !== 'name' && k !== 'parent') fail(`${at}.${k}`, 'unknown field (known: name, parent)');
      const name = glob(m.name, `${at}.name`);
      return m.parent === undefined ? { name } : { name, parent: glob(m.parent, `${at}.parent`) };
    });
  };
  const glob = (v: unknown, field: string): string => {
    if (typeof v !== 'string' || v.trim() === '') return fail(field, 'must be a non-empty string (glob: * and ?)');
    return v;
  };

  let allowUnconfigured: string[] | null = DEFAULT_POLICY.allowUnconfigured as null;
  if (doc.allowUnconfigured !== undefined && doc.allowUnconfigured !== null) {
    if (!Array.isArray(doc.allowUnconfigured)) fail('allowUnconfigured', 'must be an array of device name globs');
    allowUnconfigured = (doc.allowUnconfigured as unknown[]).map((g, i) => glob(g, `allowUnconfigured[${i}]`));
  }

  let banner: Policy['banner'] = DEFAULT_POLICY.banner;
  if (doc.banner !== undefined) {
    const b = doc.banner;
    if (b === false) banner = false;
    else if (isObject(b)) {
      for (const k of Object.keys(b)) if (k !== 'tag') fail(`banner.${k}`, 'unknown field (known: tag)');
      if (b.tag === null) banner = { tag: null };
      else if (b.tag === undefined) banner = DEFAULT_POLICY.banner;
      else if (typeof b.tag === 'string' && /^[\w.-]+$/.test(b.tag)) banner = { tag: b.tag };
      else fail('banner.tag', 'must be a logger tag such as "ec2" (letters, digits, . _ -), or null for untagged lines');
    } else fail('banner', 'must be false (rule off) or {"tag": "ec2"}');
  }

  let keyTypes: string[] = [];
  if (doc.keyTypes !== undefined) {
    if (!Array.isArray(doc.keyTypes)) fail('keyTypes', `must be an array of ${KEY_TYPES.join(', ')}`);
    keyTypes = (doc.keyTypes as unknown[]).map((k, i) => {
      const up = typeof k === 'string' ? k.toUpperCase() : null;
      if (up === null || !(KEY_TYPES as readonly string[]).includes(up)) return fail(`keyTypes[${i}]`, `must be one of ${KEY_TYPES.join(', ')}`);
      return up;
    });
  }
  return { require: matchers('require'), forbid: matchers('forbid'), allowUnconfigured, banner, keyTypes };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
