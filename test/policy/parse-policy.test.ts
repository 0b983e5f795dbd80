import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { matchesGlob } from '../../src/policy/glob.js';
import { loadPolicy } from '../../src/policy/load-policy.js';
import { parsePolicy } from '../../src/policy/parse-policy.js';
import { DEFAULT_POLICY } from '../../src/policy/types.js';

describe('parsePolicy', () => {
  it('reads every field', () => {
    expect(
      parsePolicy({
        require: [{ name: 'xnf*', parent: 'xen0' }, 'xbf0'],
        forbid: ['ena*'],
        allowUnconfigured: ['PNP*'],
        banner: { tag: 'cloud-agent' },
        keyTypes: ['ed25519', 'RSA'],
      }),
    ).toEqual({
      require: [{ name: 'xnf*', parent: 'xen0' }, { name: 'xbf0' }],
      forbid: [{ name: 'ena*' }],
      allowUnconfigured: ['PNP*'],
      banner: { tag: 'cloud-agent' },
      keyTypes: ['ED25519', 'RSA'],
    });
  });

  it('defaults an empty document, and a parsed policy parses to itself', () => {
    expect(parsePolicy({})).toEqual(DEFAULT_POLICY);
    const p = parsePolicy({ require: ['xnf0'], banner: false, allowUnconfigured: [] });
    expect(parsePolicy(p)).toEqual(p);
  });

  it.each([
    [[], '(top level)'],
    [{ requires: [] }, 'requires: unknown field'],
    [{ require: 'xnf0' }, 'require: must be an array'],
    [{ require: ['xnf0', { name: 'xbf0', parent: 3 }] }, 'require[1].parent: must be a non-empty string'],
    [{ forbid: [{ name: 'ena*', driver: 'ena' }] }, 'forbid[0].driver: unknown field'],
    [{ allowUnconfigured: 'PNP*' }, 'allowUnconfigured: must be an array'],
    [{ banner: true }, 'banner: must be false'],
    [{ banner: { tag: 'ec2: ' } }, 'banner.tag: must be a logger tag'],
    [{ keyTypes: ['ED448'] }, 'keyTypes[0]: must be one of DSA, ECDSA, ED25519, RSA'],
  ])('names the bad field: %j', (doc, message) => {
    expect(() => parsePolicy(doc, 'policy p.json')).toThrow(ConfigError);
    expect(() => parsePolicy(doc, 'policy p.json')).toThrow(`policy p.json: ${message}`);
  });
});

describe('loadPolicy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bootgate-policy-'));

  it('loads a file', async () => {
    const path = join(dir, 'ok.json');
    writeFileSync(path, '{"forbid": ["ena*"]}');
    expect((await loadPolicy(path)).forbid).toEqual([{ name: 'ena*' }]);
  });

  it('one-line errors for a missing file and bad JSON', async () => {
    await expect(loadPolicy(join(dir, 'nope.json'))).rejects.toThrow(/^cannot read policy .*nope\.json: no such file$/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"forbid": [}');
    await expect(loadPolicy(bad)).rejects.toThrow(ConfigError);
    await expect(loadPolicy(bad)).rejects.toThrow(/not valid JSON/);
  });
});

describe('globs', () => {
  it('match whole names with * and ? only', () => {
    expect(matchesGlob('xnf0', 'xnf*')).toBe(true);
    expect(matchesGlob('axnf0', 'xnf*')).toBe(false);
    expect(matchesGlob('xen0', 'xen?')).toBe(true);
    expect(matchesGlob('VMware VMCI', 'VMware*')).toBe(true);
    expect(matchesGlob('a.b', 'a?b')).toBe(true);
    expect(matchesGlob('axb', 'a.b')).toBe(false);
  });
});
