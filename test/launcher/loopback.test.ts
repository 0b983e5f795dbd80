import { describe, expect, it } from 'vitest';
import { isLoopbackEndpoint, mayConnect } from '../../src/launcher/loopback.js';
import { isLoopbackIPv4 } from '../../src/net/loopback.js';
import { ConfigError } from '../../src/errors.js';

describe('loopback safety', () => {
  it('knows 127.0.0.0/8 literals only', () => {
    expect(isLoopbackIPv4('127.0.0.1')).toBe(true);
    expect(isLoopbackIPv4('127.5.6.7')).toBe(true);
    expect(isLoopbackIPv4('10.0.0.5')).toBe(false);
    expect(isLoopbackIPv4('localhost')).toBe(false);
    expect(isLoopbackIPv4('127.0.0.1.example.com')).toBe(false);
  });

  it('reads the endpoint host', () => {
    expect(isLoopbackEndpoint('http://127.0.0.1:4566')).toBe(true);
    expect(isLoopbackEndpoint('http://localhost:4566')).toBe(true);
    expect(isLoopbackEndpoint('https://ec2.eu-west-1.amazonaws.com')).toBe(false);
    expect(isLoopbackEndpoint(undefined)).toBe(false);
    expect(() => isLoopbackEndpoint('not a url')).toThrow(ConfigError);
  });

  it('with a loopback endpoint, only 127.0.0.0/8 may be connected to; with a real one, anything', () => {
    expect(mayConnect('54.1.2.3', true)).toBe(false);
    expect(mayConnect('10.0.0.5', true)).toBe(false);
    expect(mayConnect('127.0.0.9', true)).toBe(true);
    expect(mayConnect('54.1.2.3', false)).toBe(true);
  });
});
