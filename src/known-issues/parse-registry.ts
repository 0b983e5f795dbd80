import { ConfigError } from '../errors.js';
import type { KnownIssue } from './types.js';

/** Shorter signatures match too much (openQA rejects them for the same reason). */
export const MIN_SIGNATURE_LENGTH = 16;

const FIELDS = new Set(['title', 'regex', 'link', 'note']);

/** Validates a registry's parsed JSON (`{"known": [...]}`); errors name the file and the field. */
export function parseKnownIssues(json: unknown, file: string): KnownIssue[] {
  const bad = (field: string, why: string): never => {
    throw new ConfigError(`known-issues file ${file}: ${field}: ${why}`);
  };
  if (json === null || typeof json !== 'object' || Array.isArray(json)) bad('(top level)', 'expected an object {"known": [...]}');
  const top = json as Record<string, unknown>;
  for (const k of Object.keys(top)) if (k !== 'known' && k !== '$comment') bad(k, 'unknown field (expected "known")');
  if (!Array.isArray(top.known)) bad('known', 'expected an array of entries');
  return (top.known as unknown[]).map((raw, i) => {
    const at = `known[${i}]`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) bad(at, 'expected an object');
    const e = raw as Record<string, unknown>;
    for (const k of Object.keys(e)) if (!FIELDS.has(k)) bad(`${at}.${k}`, `unknown field (known: ${[...FIELDS].join(', ')})`);
    if ((e.title === undefined) === (e.regex === undefined)) bad(at, 'give exactly one of title or regex');
    for (const k of ['title', 'regex'] as const) {
      if (e[k] === undefined) continue;
      if (typeof e[k] !== 'string') bad(`${at}.${k}`, 'expected a string');
      const s = e[k] as string;
      if (s.trim().length < MIN_SIGNATURE_LENGTH) {
        bad(`${at}.${k}`, `"${s}" is shorter than ${MIN_SIGNATURE_LENGTH} characters: a signature must be specific`);
      }
      if (k === 'regex') {
        try {
          new RegExp(s, 'i');
        } catch (err) {
          bad(`${at}.regex`, `not a valid regular expression: ${(err as Error).message}`);
        }
      }
    }
    if (typeof e.link !== 'string' || !/^https?:\/\/\S+$/.test(e.link)) bad(`${at}.link`, 'required: an http(s) URL');
    if (e.note !== undefined && typeof e.note !== 'string') bad(`${at}.note`, 'expected a string');
    return e as unknown as KnownIssue;
  });
}
