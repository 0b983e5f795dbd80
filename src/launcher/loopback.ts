import { ConfigError } from '../errors.js';
import { isLoopbackIPv4 } from '../net/loopback.js';

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
 * Whether bootgate may connect to an address the endpoint handed back. With a loopback endpoint
 * only 127.0.0.0/8: a simulator (or a hostile emulator) must not be able to point it at the network.
 */
export function mayConnect(address: string, loopbackOnly: boolean): boolean {
  return !loopbackOnly || isLoopbackIPv4(address);
}
