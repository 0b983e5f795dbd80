import type { BootModel } from '../model/boot-model.js';
import { InputError } from '../errors.js';
import type { DiffSide } from './types.js';
import { looksLikeModel, looksLikeReport, validateModel, validateReport } from './validate-saved.js';

/** Turns console bytes into a model: `(b) => parseBootLog(b).model`, injected so this file stays light. */
export type ParseConsole = (input: Uint8Array | string) => BootModel;

/**
 * Reads one diff input, detected by content: a saved baseline, a saved model, a check or
 * launch report (`--format json`), an `aws ec2 get-console-output` JSON, or console text.
 */
export function loadDiffInput(bytes: Uint8Array, label: string, parse: ParseConsole): DiffSide {
  const head = firstNonSpace(bytes);
  if (head !== '{') return { label, model: parse(bytes), report: null };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new InputError(`${label}: looks like JSON but does not parse: ${(err as Error).message}`);
  }
  return fromJson(json, label, bytes, parse);
}

function fromJson(json: unknown, label: string, bytes: Uint8Array, parse: ParseConsole): DiffSide {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new InputError(`${label}: JSON is neither a console, a bootgate model or baseline, nor a check report`);
  }
  const o = json as Record<string, unknown>;
  if (o.kind === 'bootgate-baseline') {
    if (o.schemaVersion !== 1) throw new InputError(`${label}: baseline file: schemaVersion: expected 1`);
    if (o.model === undefined) throw new InputError(`${label}: baseline file has no valid "model"`);
    const model = validateModel(o.model, label, 'model');
    const report = o.report === undefined || o.report === null ? null : validateReport(o.report, label, 'report');
    return { label, model, report };
  }
  if (looksLikeModel(o)) return { label, model: validateModel(o, label), report: null };
  // The console framing of `aws ec2 get-console-output --output json`: the parser decodes it.
  if (typeof o.Output === 'string') return { label, model: parse(bytes), report: null };
  if (looksLikeReport(o)) {
    const report = validateReport(o, label);
    // A launch report carries the console it judged, so the device tree can still be compared.
    if (o.console !== undefined && o.console !== null && typeof o.console !== 'string') {
      throw new InputError(`${label}: not a valid bootgate report: console: expected a string`);
    }
    const model = typeof o.console === 'string' && o.console.length > 0 ? parse(o.console) : null;
    return { label, model, report };
  }
  throw new InputError(`${label}: JSON is neither a console, a bootgate model or baseline, nor a check report`);
}

function firstNonSpace(bytes: Uint8Array): string {
  for (const b of bytes) {
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0xef && b !== 0xbb && b !== 0xbf) return String.fromCharCode(b);
  }
  return '';
}
