import type { BootModel } from '../../src/model/boot-model.js';

/**
 * Every input line number some model node points at. Walks the model generically (any
 * object with a numeric `line`), so a node type added later is counted without edits
 * here. A fingerprint banner accounts for its whole span (`line`..`endLine`): its rule and
 * marker lines carry no node of their own. Boot start/end lines are deliberately not
 * counted: they would account for everything between them.
 */
export function modelLines(model: BootModel): Set<number> {
  const lines = new Set<number>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const rec = node as Record<string, unknown>;
    if (typeof rec['line'] === 'number') lines.add(rec['line']);
    if (rec['type'] === 'fingerprint-banner' && typeof rec['line'] === 'number' && typeof rec['endLine'] === 'number') {
      for (let l = rec['line']; l <= rec['endLine']; l++) lines.add(l);
    }
    for (const [key, value] of Object.entries(rec)) {
      if (key !== 'line' && typeof value === 'object') visit(value);
    }
  };
  visit(model.preamble);
  visit(model.boots);
  return lines;
}
