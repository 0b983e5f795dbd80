import type { BootModel } from '../model/boot-model.js';
import type { CheckReport } from '../check/types.js';
import { InputError } from '../errors.js';
import type { DiffSide } from './types.js';

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
  const o = json as Record<string, unknown>;
  if (o.kind === 'bootgate-baseline') {
    if (!isModel(o.model)) throw new InputError(`${label}: baseline file has no valid "model"`);
    return { label, model: o.model, report: isReport(o.report) ? o.report : null };
  }
  if (isModel(o)) return { label, model: o, report: null };
  // The console framing of `aws ec2 get-console-output --output json`: the parser decodes it.
  if (typeof o.Output === 'string') return { label, model: parse(bytes), report: null };
  if (isReport(o)) {
    // A launch report carries the console it judged, so the device tree can still be compared.
    const model = typeof o.console === 'string' && o.console.length > 0 ? parse(o.console) : null;
    return { label, model, report: o };
  }
  throw new InputError(`${label}: JSON is neither a console, a bootgate model or baseline, nor a check report`);
}

function isModel(x: unknown): x is BootModel {
  const o = x as Record<string, unknown> | null;
  return !!o && typeof o === 'object' && o.schemaVersion === 1 && Array.isArray(o.boots) && typeof o.lineCount === 'number';
}

function isReport(x: unknown): x is CheckReport {
  const o = x as Record<string, unknown> | null;
  return !!o && typeof o === 'object' && o.schemaVersion === 1 && typeof o.verdict === 'string' && Array.isArray(o.findings);
}

function firstNonSpace(bytes: Uint8Array): string {
  for (const b of bytes) {
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0xef && b !== 0xbb && b !== 0xbf) return String.fromCharCode(b);
  }
  return '';
}
