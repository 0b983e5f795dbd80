import { atLeast } from '../model/release.js';
import type { FingerprintBannerEvent } from '../model/events.js';
import { eventsOf } from '../model/queries.js';
import { defineRule } from './types.js';

export const fingerprintBanner = defineRule({
  id: 'fingerprint-banner',
  meta: {
    description: 'The first-boot agent printed a well-formed SSH host key fingerprint banner with the expected tag (default "ec2").',
    severity: 'major',
    messages: {
      present: { status: 'pass', text: '{{count}} host key fingerprint(s) tagged "{{tag}}": {{types}}' },
      off: { status: 'skip', text: 'turned off by policy (banner: false)' },
      notAws: { status: 'skip', text: 'no first-boot agent is expected on {{platform}}' },
      wrongTag: { status: 'fail', text: 'fingerprint banner tagged "{{found}}", expected "{{tag}}"' },
      noKeys: { status: 'fail', text: 'the fingerprint banner lists no keys' },
      missingTypes: { status: 'fail', text: 'the banner lacks required key type(s) {{missing}} (has {{types}})' },
      cutOff: { status: 'fail', text: 'the fingerprint banner is cut off (no END marker)' },
      cutOffNotYet: { status: 'inconclusive', text: 'the fingerprint banner has begun, its end is not in yet' },
      missing: { status: 'fail', text: 'no fingerprint banner although rc(8) got past rc.firsttime{{sshd}}' },
      notYet: { status: 'inconclusive', text: 'no fingerprint banner yet' },
      notReached: { status: 'inconclusive', text: 'the log ends before rc.firsttime would print the banner' },
    },
  },
  check(boot, ctx) {
    if (boot === null) return;
    const policy = ctx.policy.banner;
    if (policy === false) return ctx.report({ messageId: 'off' });
    if (!ctx.platform.aws) return ctx.report({ messageId: 'notAws', data: { platform: ctx.platform.name } });
    const tag = policy.tag;
    const banners = eventsOf(boot, 'fingerprint-banner');
    const mine = banners.filter((b) => b.tag === tag);
    const banner = mine[mine.length - 1];
    if (!banner) {
      const other = banners[0];
      if (other) return ctx.report({ messageId: 'wrongTag', evidence: [other], data: { found: other.tag ?? '(none)', tag: tag ?? '(none)' } });
      // The banner comes from rc.firsttime, after `starting network daemons` and before
      // `starting local daemons` and the login banner: once those are out, it is not coming.
      const past = eventsOf(boot, 'daemons').find((d) => /local/.test(d.phase)) ?? ctx.facts.multiUser;
      if (past) {
        const sshd = eventsOf(boot, 'sshd-fingerprint')[0];
        return ctx.report({
          messageId: 'missing',
          evidence: [past, ...(sshd ? [sshd] : [])],
          data: { sshd: sshd ? ' (sshd printed its own fingerprint, the agent did not)' : '' },
        });
      }
      return ctx.report({ messageId: ctx.inProgress ? 'notYet' : 'notReached' });
    }
    if (!banner.complete) {
      const after = boot.events.some((e) => e.line > banner.endLine);
      return ctx.report({ messageId: ctx.inProgress && !after ? 'cutOffNotYet' : 'cutOff', evidence: [banner] });
    }
    if (banner.keys.length === 0) return ctx.report({ messageId: 'noKeys', evidence: [banner] });
    const types = banner.keys.map((k) => k.keyType.toUpperCase());
    const release = ctx.facts.release;
    // DSA host keys are gone after 6.x: demanding one on 7.x cannot be met.
    const noDsa = release !== null && atLeast(release, '7.0');
    const required = ctx.policy.keyTypes.filter((t) => !(noDsa && t === 'DSA'));
    const missing = required.filter((t) => !types.includes(t));
    if (missing.length > 0) {
      return ctx.report({
        messageId: 'missingTypes',
        evidence: [banner, ...banner.keys],
        data: { missing: missing.join(', '), types: types.join(', ') },
      });
    }
    ctx.report({ messageId: 'present', evidence: bannerEvidence(banner), data: { count: banner.keys.length, tag: tag ?? '(none)', types: types.join(', ') } });
  },
});

function bannerEvidence(b: FingerprintBannerEvent) {
  return [{ line: b.line, text: b.text }, ...b.keys];
}
