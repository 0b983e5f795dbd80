import { readJsonFile } from '../config/read-json-file.js';
import { parsePolicy } from './parse-policy.js';
import type { Policy } from './types.js';

/** Reads and validates `--expect FILE`; every problem is a one-line ConfigError. */
export async function loadPolicy(path: string): Promise<Policy> {
  return parsePolicy(await readJsonFile(path, 'policy'), `policy ${path}`);
}
