import { expect } from 'vitest';
import { ConfigError } from '../../src/errors.js';

/** Runs `fn`, which must throw a ConfigError, and returns its message (for exact-text assertions). */
export function configErrorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}
