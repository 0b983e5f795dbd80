import { done, notYet, TerminalError } from '../poll.js';
import type { WaitStrategy } from './wait-strategy.js';

/**
 * Waits until both the console banner's fingerprints and the presented host key are
 * known, then compares. A mismatch is terminal: waiting longer cannot fix it.
 */
export function hostKeyMatchesBanner(
  bannerFingerprints: () => readonly string[],
  presented: () => string | null,
): WaitStrategy<string> {
  return {
    what: 'host key matching the console fingerprint banner',
    async probe() {
      const banner = bannerFingerprints();
      const key = presented();
      if (banner.length === 0) return notYet('no fingerprint banner on the console yet');
      if (key === null) return notYet('no SSH host key presented yet');
      if (banner.includes(key)) return done(key);
      throw new TerminalError(`SSH presented ${key}, which is not among the console banner's ${banner.join(', ')}`);
    },
  };
}
