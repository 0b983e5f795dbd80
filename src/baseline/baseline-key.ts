import { ConfigError } from '../errors.js';

// Portable file names only: no separators, no leading dot (hidden files, `..`), nothing a shell or Windows mangles.
const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/;

/** Checks a baseline key (`t2.micro-7.8`) is safe to use as a file name; throws ConfigError otherwise. */
export function checkBaselineKey(key: string): string {
  if (!SAFE_KEY.test(key) || key.includes('..')) {
    throw new ConfigError(`baseline name "${key}" is not a safe file name: use letters, digits and . _ + - (not starting with . or -, no "..", at most 100 characters)`);
  }
  const name = key.endsWith('.json') ? key.slice(0, -'.json'.length) : key;
  // `--baseline latest` picks the newest baseline of the same arch and release: no file may take that name.
  if (name === 'latest') throw new ConfigError('baseline name "latest" is reserved: `--baseline latest` picks the newest baseline of the same architecture and release');
  return name;
}
