import { ConfigError } from '../errors.js';
import { isLoopbackIPv4 } from '../net/loopback.js';
import { UnsafeAddressError } from './errors.js';

/** Whether --endpoint-url names this machine (a simulator), so every other connection must stay on it too. */
export function isLoopbackEndpoint(endpointUrl: string | undefined): boolean {
  if (!endpointUrl) return false;
  let host: string;
  try {
    host = new URL(endpointUrl).hostname;
  } catch {
    throw new ConfigError(`--endpoint-url: "${endpointUrl}" is not a URL (example: http://127.0.0.1:4566)`);
  }
  return isLoopbackIPv4(host) || host === 'localhost' || host === '[::1]';
}

/**
 * Refuses an address a loopback endpoint handed back that is not itself loopback:
 * a simulator (or a hostile emulator) must not be able to point the launcher at the network.
 */
export function assertAddressAllowed(address: string, loopbackOnly: boolean, what: string): void {
  if (loopbackOnly && !isLoopbackIPv4(address)) {
    throw new UnsafeAddressError(
      `refusing to connect to ${address} for ${what}: --endpoint-url is loopback, so only 127.0.0.0/8 addresses are allowed`,
    );
  }
}
