import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DIAGNOSES } from '../../src/diagnosis/index.js';
import { LIVE_ONLY, REPORT_ORDER, RULES } from '../../src/rules/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const docs = readFileSync(join(root, 'docs/rules.md'), 'utf8');

describe('rule registry', () => {
  const ids = RULES.map((r) => r.id);

  it('is sorted by id and has no duplicates', () => {
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  it('keeps the contract rule ids', () => {
    for (const id of ['kernel-booted', 'pvbus-attach', 'xen-attach', 'nic-attach', 'dhcp-lease', 'root-device', 'fingerprint-banner', 'no-panic', 'login-prompt', 'ssh-reachable', 'host-key-match']) {
      expect(ids).toContain(id);
    }
  });

  it('reports every rule exactly once in REPORT_ORDER', () => {
    expect([...REPORT_ORDER].sort()).toEqual(ids);
    for (const id of LIVE_ONLY) expect(ids).toContain(id);
  });

  for (const rule of RULES) {
    it(`${rule.id}: file, test and docs line`, () => {
      expect(existsSync(join(root, 'src/rules', `${rule.id}.ts`))).toBe(true);
      expect(existsSync(join(root, 'test/rules', `${rule.id}.test.ts`))).toBe(true);
      expect(docs).toContain(`### ${rule.id}\n`);
      expect(Object.values(rule.meta.messages).some((m) => m.status === 'pass')).toBe(true);
    });
  }
});

describe('diagnosis registry', () => {
  it('keeps the contract ids, has no duplicates, documents each', () => {
    const ids = DIAGNOSES.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['banner-missing', 'boot-stalled', 'console-truncated', 'dhcp-no-offer', 'kernel-lacks-xen', 'kernel-panic', 'nitro-no-ena', 'no-console-output', 'no-dhcp-attempt', 'root-not-found', 'sriov-vf-no-driver', 'xnf-not-configured']) {
      expect(ids).toContain(id);
    }
    for (const id of ids) expect(docs).toContain(`- \`${id}\`:`);
  });
});
