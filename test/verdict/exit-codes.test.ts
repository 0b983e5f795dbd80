import { describe, expect, it } from 'vitest';
import { EXIT, worseExit } from '../../src/verdict/exit-codes.js';

describe('worseExit', () => {
  it('orders error > fail > inconclusive > pass, whichever side it comes from', () => {
    const order = [EXIT.pass, EXIT.inconclusive, EXIT.fail, EXIT.error];
    for (let i = 0; i < order.length; i++) {
      for (let j = 0; j < order.length; j++) {
        const want = order[Math.max(i, j)]!;
        expect(worseExit(order[i]!, order[j]!)).toBe(want);
      }
    }
  });
});
