// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Escapes text for HTML element content and quoted attribute values. Console text is hostile
 * (anything can be echoed to a serial port), so every string from a log, a report or a file name
 * goes through here. C0 control bytes are shown as U+FFFD rather than passed to the browser.
 */
export function esc(text: string): string {
  // Most console lines hold none of these: one scan instead of six replaces.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
}
