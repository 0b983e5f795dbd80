import { ConfigError } from '../errors.js';
import { isLoopbackIPv4 } from '../net/loopback.js';

/** The simulator may only ever listen on 127.0.0.0/8. */
export function assertLoopback(host: string): void {
  if (!isLoopbackIPv4(host)) throw new ConfigError(`the simulator only listens on 127.0.0.0/8, not '${host}'`);
}

/** 127.0.0.2, 127.0.0.3, …, 127.0.0.254, 127.0.1.1, …: the n-th instance address (n from 0). */
export function instanceAddress(n: number): string {
  const perBlock = 253;
  const block = Math.floor(n / perBlock);
  const host = block === 0 ? 2 + n : 1 + (n % perBlock);
  const second = Math.floor(block / 256);
  if (second > 255) throw new Error('simulator ran out of loopback addresses');
  return `127.${second}.${block % 256}.${host}`;
}
