import { fingerprintBanner } from '../../src/rules/fingerprint-banner.js';
import { ruleTester } from './rule-tester.js';
import { KVM_62_OK, XEN_60_OK, lineOf, upTo, withoutLines } from './snippets.js';

const NO_BANNER = withoutLines(XEN_60_OK, /^ec2: /);
const CUT = withoutLines(XEN_60_OK, /^ec2: (-----END|#)/);
const RULE_LINE = lineOf(XEN_60_OK, 'ec2: ####');
const SSHD_77 = NO_BANNER.replace('starting network daemons: sshd smtpd.', 'starting network daemons: sshd smtpd.\nsshd: (ED25519) SHA256:7B9gZ0xq1n4XQKc9bq1JHnHw3cM3ZpXxQ3bqkzQmEjo');

ruleTester(fingerprintBanner, {
  valid: [
    { name: 'ec2 banner with BEGIN/END markers', code: XEN_60_OK },
    { name: '5.9-era banner without markers', code: withoutLines(XEN_60_OK, /-----(BEGIN|END)/) },
    { name: 'required key types present', code: XEN_60_OK, policy: { keyTypes: ['ED25519', 'RSA'] } },
    // DSA keys are gone after 6.x: a policy that asks for one is not held against 7.x.
    { name: 'DSA not required on 7.x', code: XEN_60_OK.replace(/^OpenBSD 6\.0 \(GENERIC\.MP\)/m, 'OpenBSD 7.4 (GENERIC.MP)'), policy: { keyTypes: ['DSA', 'ED25519'] } },
  ],
  invalid: [
    { name: 'no banner, multi-user reached', code: NO_BANNER, reports: [{ status: 'fail', messageId: 'missing', line: lineOf(NO_BANNER, 'starting local daemons') }] },
    { name: 'no banner, 7.7 sshd printed its own', code: SSHD_77, reports: [{ status: 'fail', messageId: 'missing', line: lineOf(SSHD_77, 'sshd: (ED25519)') }], message: 'sshd printed its own' },
    { name: 'no banner yet (live)', code: upTo(NO_BANNER, 'starting network daemons'), inProgress: true, reports: [{ status: 'inconclusive', messageId: 'notYet' }] },
    { name: 'log ends before rc.firsttime', code: upTo(NO_BANNER, 'root on'), reports: [{ status: 'inconclusive', messageId: 'notReached' }] },
    { name: 'banner cut off', code: CUT, reports: [{ status: 'fail', messageId: 'cutOff', line: lineOf(CUT, '-----BEGIN') }] },
    { name: 'banner still arriving (live)', code: upTo(XEN_60_OK, '(ED25519)'), inProgress: true, reports: [{ status: 'inconclusive', messageId: 'cutOffNotYet', line: RULE_LINE }] },
    { name: 'other tag than the policy', code: XEN_60_OK, policy: { banner: { tag: 'cloud-agent' } }, reports: [{ status: 'fail', messageId: 'wrongTag', line: RULE_LINE }] },
    {
      name: 'required key type missing',
      code: XEN_60_OK,
      policy: { keyTypes: ['DSA'] },
      reports: [{ status: 'fail', messageId: 'missingTypes', line: RULE_LINE }],
      message: 'lacks required key type(s) DSA',
    },
    { name: 'turned off by policy', code: NO_BANNER, policy: { banner: false }, reports: [{ status: 'skip', messageId: 'off' }] },
    { name: 'not an EC2 platform', code: KVM_62_OK, reports: [{ status: 'skip', messageId: 'notAws' }] },
  ],
});
