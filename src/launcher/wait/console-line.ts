import { done, notYet } from '../poll.js';
import type { WaitStrategy } from './wait-strategy.js';

/**
 * Waits until a console line matches. `fetch` returns the console text so far, or
 * null while nothing has been posted ("not yet", not failure).
 */
export function consoleLineSeen(what: string, match: RegExp, fetch: () => Promise<string | null>): WaitStrategy<{ line: number; text: string }> {
  return {
    what,
    async probe() {
      const text = await fetch();
      if (text === null) return notYet('console output not posted yet');
      const lines = text.split('\n');
      const i = lines.findIndex((l) => match.test(l));
      if (i < 0) return notYet(`${lines.length} console lines, none matching ${match}`);
      return done({ line: i + 1, text: lines[i]! });
    },
  };
}
