import { describe, expect, it } from 'vitest';
import { assertAddressAllowed, isLoopbackEndpoint } from '../../src/launcher/loopback.js';
import { isLoopbackIPv4 } from '../../src/net/loopback.js';
import { UnsafeAddressError } from '../../src/launcher/errors.js';
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

  it('refuses a non-loopback address handed back by a loopback endpoint', () => {
    expect(() => assertAddressAllowed('54.1.2.3', true, 'SSH to i-1')).toThrow(UnsafeAddressError);
    expect(() => assertAddressAllowed('54.1.2.3', true, 'SSH to i-1')).toThrow(/refusing to connect to 54\.1\.2\.3 for SSH to i-1/);
    expect(() => assertAddressAllowed('127.0.0.9', true, 'SSH')).not.toThrow();
    expect(() => assertAddressAllowed('54.1.2.3', false, 'SSH')).not.toThrow();
  });
});
