/**
 * Masks what differs between two healthy boots of the same image (addresses, sizes, clock
 * rates, ids), so a description only counts as changed when the hardware or driver did.
 * Redaction tokens (`<mac:3f9a1c>`) mask to the same placeholder as the value they replaced,
 * so a redacted baseline still diffs clean against a raw console.
 */
export function normalizeVolatile(text: string): string {
  return text
    .replace(/<(mac|ip|host|fp|duid|serial|wwn|aws|account):[0-9a-f]{6}>/g, '<$1>')
    .replace(/SHA256:[A-Za-z0-9+/]{43}=?/g, '<fp>')
    .replace(/\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/gi, '<mac>')
    .replace(/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, '<ip>')
    .replace(/\bip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}(?:\.[a-z0-9-]+)*/gi, '<host>')
    .replace(/\b(naa|eui)\.(?:[0-9a-f]{8,32}\b|<wwn>)/gi, '$1.<wwn>')
    .replace(/\b[0-9a-f]{16}\b/gi, '<duid>')
    .replace(/\b(?:i|ami|vol|snap|eni)-[0-9a-f]{8,17}\b/g, '<aws>')
    .replace(/\bserial\s+\S+/gi, 'serial <serial>')
    .replace(/\b(serial|t10)\.\S+/g, '$1.<serial>')
    .replace(/\d+(?:\.\d+)?\s?(?:[KMGT]i?B|[KMG]?Hz)\b/g, '<n>')
    .replace(/\d+ sectors\b/g, '<n> sectors')
    // Counts that scale with the instance size: SMBIOS entries, Xen grant table frames, event channels.
    .replace(/\(\d+ entries\)/g, '(<n> entries)')
    .replace(/\d+ grant table frames/g, '<n> grant table frames')
    .replace(/\bevent channel \d+/g, 'event channel <n>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when `text` holds a redaction token: its value is unknown, so it cannot be compared with a raw one. */
export function hasRedactionToken(text: string): boolean {
  return /<(?:mac|ip|host|fp|duid|serial|wwn|aws|account):[0-9a-f]{6}>/.test(text);
}
