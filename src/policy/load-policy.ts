import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import { parsePolicy } from './parse-policy.js';
import type { Policy } from './types.js';

/** Reads and validates `--expect FILE`; every problem is a one-line ConfigError. */
export async function loadPolicy(path: string): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`cannot read policy ${path}: ${code === 'ENOENT' ? 'no such file' : code ?? String(err)}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`policy ${path}: not valid JSON: ${(err as Error).message}`);
  }
  return parsePolicy(doc, `policy ${path}`);
}
