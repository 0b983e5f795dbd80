/**
 * XML 1.0 text: escape markup, and make the characters XML cannot carry at all
 * (C0 controls but TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF) visible as `\xNN`
 * instead of producing a file no reader can open.
 */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
