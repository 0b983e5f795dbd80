import type { Unconfigured as UnconfiguredNode } from '../../model/boot-model.js';
import { hit, isBlank, LETTERS, lineEnd, matcherHead, pastLineEnd } from './head.js';
import { kind } from './kind.js';
import { colonOutsideQuotes, isSpace, trimmed } from './text.js';

/** `<driver><unit> at <parent>` where the head word has no unit: the `not configured` forms. */
const UNCONF_PARENT = / at [a-z][a-z0-9_]{0,24}?\d/;
const NOT_CONFIGURED = 'not configured';

/**
 * autoconf(9) `… not configured`: a line that names a parent device after ` at `
 * and ends in `not configured`. `init: can't open /dev/console: Device not
 * configured` has no ` at <dev>` and stays out. A head word with digits is a
 * chip name, not a unit (`lm96000 at iic0 addr 0x2e not configured`).
 */
function matchUnconfigured(text: string, offset: number): RegExpExecArray | null {
  const lineEndAt = lineEnd(text, offset);
  // A line lexed in place may still carry its trailing blanks or CR.
  let end = lineEndAt;
  while (end > offset && isBlank(text.charCodeAt(end - 1))) end--;
  // Most lines start with a letter and come here: decide on the tail before slicing.
  if (end - offset < NOT_CONFIGURED.length || !text.startsWith(NOT_CONFIGURED, end - NOT_CONFIGURED.length)) return null;
  const line = text.slice(offset, end);
  return UNCONF_PARENT.test(line) ? hit(text.slice(offset, pastLineEnd(text, lineEndAt))) : null;
}

export interface UnconfiguredFields {
  name: string;
  parent: string;
  locatorText: string | null;
  vendorId: string | null;
  productId: string | null;
  vendorName: string | null;
  description: string | null;
}

/**
 * Every autoconf(9) `not configured` shape:
 * `"vbd" at xen0: device/vbd/768 not configured`,
 * `"VMware VMCI" rev 0x10 at pci0 dev 7 function 7 not configured`,
 * `vendor "Amazon.com", unknown product 0x0200 (class bridge …) at pci0 dev 0 function 0 not configured`,
 * `unknown vendor 0x1d0f product 0xec20 (class network …) at pci0 dev 5 function 0 not configured`,
 * `vmm at mainbus0 not configured`, `cpu at mainbus0: not configured`.
 */
export function unconfigured(text: string): UnconfiguredFields | null {
  const body = text.slice(0, unconfiguredBodyEnd(text));
  const at = UNCONF_AT_STRICT.exec(body) ?? UNCONF_AT.exec(body);
  if (!at) return null;
  const headText = body.slice(0, at.index);
  const after = at.index + at[0].length;
  const colon = colonOutsideQuotes(body, after);
  const loc = trimmed(body, after, colon === -1 ? body.length : colon);
  let description: string | null = colon === -1 ? null : trimmed(body, colon + 1, body.length) || null;
  let name: string;
  if (headText.includes('(')) {
    const paren = /\(([^)]*)\)/.exec(headText);
    if (paren && description === null) description = paren[1]!.trim() || null;
    name = headText.replace(/\s*\([^)]*\)/g, '').trim();
  } else name = headText.trim();
  const quotedOnly = /^"([^"]*)"/.exec(name);
  if (quotedOnly) name = quotedOnly[1]!;
  // Most such lines name no PCI ids: one test spares them three expressions.
  const ids = VENDOR_OR_PRODUCT.test(headText);
  const vendorId = ids ? /\bvendor (0x[0-9a-f]{4})\b/i.exec(headText) : null;
  const productId = ids ? /\bproduct (0x[0-9a-f]{4})\b/i.exec(headText) : null;
  const vendorName = ids ? /\bvendor "([^"]*)"/.exec(headText) : null;
  return {
    name,
    parent: at[1]!,
    locatorText: loc || null,
    vendorId: vendorId ? vendorId[1]!.toLowerCase() : null,
    productId: productId ? productId[1]!.toLowerCase() : null,
    vendorName: vendorName ? vendorName[1]! : null,
    description,
  };
}

const UNCONF_AT_STRICT = / at ([a-z][a-z0-9_]{0,24}?\d{1,4})(?=[\s:,]|$)/;
const UNCONF_AT = / at ([a-z][a-z0-9_]{0,24}?\d{1,4})/;
const VENDOR_OR_PRODUCT = /vendor|product/i;

/**
 * Where `text` ends once `/:?\s*not configured$/` is cut off (text.length when it does
 * not end so): the white space before `not configured`, and one `:` before that.
 */
function unconfiguredBodyEnd(text: string): number {
  if (!text.endsWith(NOT_CONFIGURED)) return text.length;
  let end = text.length - NOT_CONFIGURED.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 58) end--;
  return end;
}

/** Hardware autoconf(9) found and no driver took: `"vbd" at xen0: device/vbd/768 not configured`. */
export const Unconfigured = kind('Unconfigured', {
  head: matcherHead(matchUnconfigured, ['"', ...LETTERS]),
  build: (a, boot, line, text) => {
    const u = unconfigured(text);
    if (u)
      boot.unconfigured.push({
        type: 'unconfigured',
        line,
        text,
        name: u.name,
        parent: u.parent,
        locatorText: u.locatorText,
        vendorId: u.vendorId,
        productId: u.productId,
        vendorName: u.vendorName,
        description: u.description,
      } satisfies UnconfiguredNode);
    else a.other(boot, line, text);
    a.lastDevice = null;
  },
});
