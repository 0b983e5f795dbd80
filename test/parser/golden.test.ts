import { describe, expect, it } from 'vitest';
import { parseBootLog } from '../../src/parser/index.js';
import { fixtureNames, readFixture } from '../helpers/fixture-file.js';

/*
 * Golden boot models, one per fixture. A diff here is a change in what the parser
 * produces: read it, then regenerate on purpose with
 *   npx vitest run test/parser/golden.test.ts -u
 * CI never writes snapshots (vitest in CI mode fails on a missing or different one).
 */
describe('golden boot models', () => {
  for (const name of fixtureNames()) {
    it(name, async () => {
      const { model } = parseBootLog(readFixture(name).bytes);
      await expect(JSON.stringify(model, null, 2) + '\n').toMatchFileSnapshot(`./__golden__/${name.replace(/\.log$/, '')}.json`);
    });
  }
});
