import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/launcher/duration.js';
import { formatDuration } from '../../src/report/text-util.js';
import { ConfigError } from '../../src/errors.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['90s', 90_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    [' 10s ', 10_000],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '300', '10 s', 's', '5d', '1m-3s', '-5s', '10sx'])('refuses %j with a ConfigError naming the flag', (text) => {
    expect(() => parseDuration(text, '--timeout')).toThrow(ConfigError);
    expect(() => parseDuration(text, '--timeout')).toThrow(/^--timeout: cannot read/);
  });

  it('formats durations for people', () => {
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(2500)).toBe('2.5s');
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(120_000)).toBe('2m');
  });
});
