import { isIPv4 } from 'node:net';

/** A literal IPv4 address in 127.0.0.0/8. Names are not resolved: "localhost" could point anywhere. */
export function isLoopbackIPv4(address: string): boolean {
  return isIPv4(address) && address.startsWith('127.');
}
