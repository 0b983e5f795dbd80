import type { BootModel } from '../model/boot-model.js';
import type { CheckReport } from '../verdict/types.js';
import { judgedBoot } from '../model/queries.js';
import type { FailureTitle } from './types.js';

/**
 * Masks what differs between two occurrences of the same failure: kernel addresses. Short hex
 * (PCI ids like 0x1d0f, flags like 0x0) stays, it identifies the failure.
 */
export function normalizeTitle(text: string): string {
  return text
    .replace(/0x[0-9a-f]{5,}/gi, '0xADDR')
    .replace(/\b[0-9a-f]{16}\b/gi, 'ADDR')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The root-cause failures of a check, as titles: panics of the judged boot first, then
 * diagnoses (one title per device their evidence names, plus the bare id); failing rules only
 * when there is neither, since a panic or a diagnosis already explains them.
 */
export function failureTitles(input: { report?: CheckReport | null; model?: BootModel | null }): FailureTitle[] {
  const out: FailureTitle[] = [];
  const boot = input.model ? judgedBoot(input.model) : null;
  for (const p of boot?.panics ?? []) {
    out.push({ title: normalizeTitle(`${p.kind}: ${p.message}`), source: 'panic', evidence: [{ line: p.line, text: p.text }] });
  }
  for (const d of input.report?.diagnoses ?? []) {
    const devices = new Set(d.evidence.map((e) => deviceOf(e.text)).filter((x): x is string => x !== null));
    out.push({ title: normalizeTitle(`diagnosis ${d.id}${devices.size > 0 ? ` ${[...devices].join(' ')}` : ''}`), source: 'diagnosis', evidence: d.evidence });
  }
  if (out.length === 0) {
    for (const f of input.report?.findings ?? []) {
      if (f.status === 'fail') out.push({ title: normalizeTitle(`rule ${f.rule}: ${f.message}`), source: 'rule', evidence: f.evidence });
    }
  }
  return out;
}

/** `xnf0 at xen0…` → xnf0; `"vbd" at xen0…` / `unknown vendor 0x1d0f product 0xec20 (…) at pci0…` → the quoted or leading name. */
function deviceOf(text: string): string | null {
  const attach = /^([a-z]+\d+) at /.exec(text);
  if (attach) return attach[1]!;
  const quoted = /^"([^"]+)"(?: rev 0x[0-9a-f]+)? at /.exec(text);
  if (quoted) return `"${quoted[1]}"`;
  const unknown = /^(unknown vendor 0x[0-9a-f]+ product 0x[0-9a-f]+|vendor "[^"]+", unknown product 0x[0-9a-f]+)/.exec(text);
  return unknown ? unknown[1]! : null;
}
