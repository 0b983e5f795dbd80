import { describe, expect, it } from 'vitest';
import { launchHuman, launchJunit, launchMarkdown } from '../../src/report/launch-section.js';
import type { LaunchReport } from '../../src/verdict/launch-report.js';

const base: LaunchReport = {
  verdict: 'pass',
  platform: { id: 'xen-hvm', source: 'console' },
  findings: [],
  diagnoses: [],
  instance: { id: 'i-0123456789abcdef0', type: 't2.micro', amiId: 'ami-0123456789abcdef0', region: 'us-east-1', state: 'terminated' },
  timeline: [{ at: '2026-12-02T00:00:00.000Z', elapsedMs: 95_000, event: 'verdict', detail: 'pass' }],
  cost: { instanceSeconds: 120 },
  console: '',
} as unknown as LaunchReport;

// Teardown is what the gate owes the account: how long it took, against its budget, and whether it was confirmed.
describe('launch sections: teardown on a line of its own', () => {
  const done = { ...base, teardown: { seconds: 4.2, budgetSeconds: 300, confirmed: true } };
  const unconfirmed = { ...base, uncleaned: ['i-0123456789abcdef0'], teardown: { seconds: 90, budgetSeconds: 90, confirmed: false } };

  it('human', () => {
    expect(launchHuman(done)).toMatch(/^ {2}teardown 4\.2s of 5m, confirmed gone$/m);
    expect(launchHuman(unconfirmed)).toMatch(/^ {2}teardown 1m30s of 1m30s, NOT confirmed gone$/m);
    expect(launchHuman(base)).not.toMatch(/teardown/);
  });

  it('markdown', () => {
    expect(launchMarkdown(done)).toMatch(/^Teardown 4\.2s of 5m, confirmed gone$/m);
    expect(launchMarkdown(unconfirmed)).toMatch(/^Teardown 1m30s of 1m30s, NOT confirmed gone$/m);
    expect(launchMarkdown(base)).not.toMatch(/^Teardown/m);
  });

  it('junit properties', () => {
    expect(launchJunit(done)).toContain('<property name="teardown-seconds" value="4.2"/><property name="teardown-confirmed" value="true"/>');
    expect(launchJunit(base)).not.toContain('teardown-');
  });
});

// A warning (a twin instance terminated, a key pair refused, a pre-flight doubt) is in every format that shows the run.
describe('launch sections: warnings', () => {
  const warned = { ...base, warnings: ['terminated i-0fedcba9876543210, a second instance the endpoint started for the same RunInstances'] };
  it('human, markdown and junit say each warning', () => {
    expect(launchHuman(warned)).toMatch(/^ {2}warning: terminated i-0fedcba9876543210, a second instance/m);
    expect(launchMarkdown(warned)).toMatch(/^> warning: terminated i-0fedcba9876543210, a second instance/m);
    expect(launchJunit(warned)).toMatch(/<system-out>warning: terminated i-0fedcba9876543210, a second instance[^<]*\n\+95\.0s verdict pass<\/system-out>/);
  });
});
