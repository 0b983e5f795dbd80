/*
 * Character tests and cuts the field extractors of several kinds share. Character classes
 * as the regular expressions these scans replaced define them (test/parser/fields.test.ts
 * checks the scans against those expressions).
 */

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
export function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
export function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
/** `\w` without the u flag. */
export function isWord(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 95;
}
/** `\s`: ECMAScript white space and line terminators. */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `text` trimmed to [from, to), as one substring: an attach line is sliced twice, not four times. */
export function trimmed(text: string, from: number, to: number): string {
  while (from < to && text.charCodeAt(from) === 32) from++;
  while (to > from && text.charCodeAt(to - 1) === 32) to--;
  // Blanks are the common case; trim() still removes any other white space (and returns the slice itself when none).
  return text.slice(from, to).trim();
}

/** Index of the first `:` at or after `from` outside double quotes, or -1. */
export function colonOutsideQuotes(text: string, from: number): number {
  const colon = text.indexOf(':', from);
  if (colon === -1) return -1;
  const quote = text.indexOf('"', from);
  if (quote === -1 || colon < quote) return colon;
  let quoted = false;
  for (let i = quote; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 58 && !quoted) return i;
  }
  return -1;
}

/** First word after a prefix such as `DHCPDISCOVER on `. */
export function wordAfter(text: string, prefix: string): string | null {
  const i = text.indexOf(prefix);
  if (i === -1) return null;
  const m = /^\S+/.exec(text.slice(i + prefix.length));
  return m ? m[0] : null;
}

/** Words after the first `:`, trailing `.` removed: `starting network daemons: sshd smtpd.` → [sshd, smtpd]. */
export function listAfterColon(text: string): string[] {
  const i = text.indexOf(':');
  if (i === -1) return [];
  return text
    .slice(i + 1)
    .replace(/\.\s*$/, '')
    .split(/\s+/)
    .filter((w) => w !== '' && w !== '.');
}
