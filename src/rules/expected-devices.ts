import type { Device } from '../model/boot-model.js';
import type { Evidence } from '../model/source.js';
import { matchesGlob } from '../policy/glob.js';
import type { DeviceMatcher } from '../policy/types.js';
import { defineRule } from './types.js';

export const expectedDevices = defineRule({
  id: 'expected-devices',
  meta: {
    description: 'Policy (--expect): required devices attached, forbidden ones did not, and only allowed devices are "not configured".',
    severity: 'major',
    messages: {
      noPolicy: { status: 'skip', text: 'no device policy (--expect)' },
      met: { status: 'pass', text: 'all {{count}} device constraint(s) met' },
      violated: { status: 'fail', text: '{{problems}}' },
      notYet: { status: 'inconclusive', text: 'still attaching: {{problems}}' },
    },
  },
  check(boot, ctx) {
    if (boot === null) return;
    const p = ctx.policy;
    if (p.require.length === 0 && p.forbid.length === 0 && p.allowUnconfigured === null) return ctx.report({ messageId: 'noPolicy' });
    const problems: string[] = [];
    const evidence: Evidence[] = [];
    const missing: string[] = [];
    for (const m of p.require) {
      if (!boot.devices.some((d) => d.detached === null && matches(d, m))) missing.push(describe(m));
    }
    if (missing.length > 0) problems.push(`required but not attached: ${missing.join(', ')}`);
    for (const m of p.forbid) {
      const hits = boot.devices.filter((d) => matches(d, m));
      if (hits.length > 0) {
        problems.push(`forbidden but attached: ${hits.map((d) => `${d.name} at ${d.parent}`).join(', ')}`);
        evidence.push(...hits);
      }
    }
    if (p.allowUnconfigured !== null) {
      const allowed = [...p.allowUnconfigured, ...ctx.platform.benignUnconfigured];
      const bad = boot.unconfigured.filter((u) => !allowed.some((g) => matchesGlob(u.name, g)));
      if (bad.length > 0) {
        problems.push(`not configured and not allowed: ${[...new Set(bad.map((u) => `"${u.name}" at ${u.parent}`))].join(', ')}`);
        evidence.push(...bad);
      }
    }
    evidence.sort((a, b) => a.line - b.line);
    if (problems.length === 0) return ctx.report({ messageId: 'met', data: { count: p.require.length + p.forbid.length + (p.allowUnconfigured ? 1 : 0) } });
    // Only missing devices can still turn up while the kernel is attaching.
    const onlyMissing = problems.length === 1 && missing.length > 0;
    const waiting = ctx.inProgress && !ctx.facts.attachOver && onlyMissing;
    ctx.report({ messageId: waiting ? 'notYet' : 'violated', evidence, data: { problems: problems.join('; ') } });
  },
});

function matches(d: Device, m: DeviceMatcher): boolean {
  return matchesGlob(d.name, m.name) && (m.parent === undefined || matchesGlob(d.parent, m.parent));
}

function describe(m: DeviceMatcher): string {
  return m.parent === undefined ? m.name : `${m.name} at ${m.parent}`;
}
