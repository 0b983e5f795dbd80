import { readFile } from 'node:fs/promises';
import { ConfigError, type BootgateError } from '../errors.js';
import { readFailureReason } from '../input/read-input.js';

/**
 * Reads a JSON file the user named (policy, baseline, allow list, known issues).
 * A missing, unreadable or malformed file is one line naming what it is and where:
 * `cannot read policy p.json: no such file`, `baseline b.json is not valid JSON: …`.
 */
export async function readJsonFile(path: string, what: string, Err: new (message: string) => BootgateError = ConfigError): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Err(`cannot read ${what} ${path}: ${readFailureReason(err)}`);
  }
  // Editors on Windows save a UTF-8 byte order mark; JSON.parse rejects it, readers should not.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Err(`${what} ${path} is not valid JSON: ${(err as Error).message}`);
  }
}
