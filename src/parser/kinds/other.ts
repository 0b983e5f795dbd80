import { hit, lineEnd, matcherHead, pastLineEnd } from './head.js';
import { kind } from './kind.js';

/**
 * Start-character hints for "anything but a newline". chevrotain cannot analyse
 * a complement set, and one unanalysable token disables its first-character
 * optimisation for the whole lexer; chars above 255 share buckets of 255
 * (chevrotain's lexer.js), so one representative per bucket covers them.
 */
const ANY_BUT_NEWLINE: number[] = [];
for (let c = 0; c < 256; c++) if (c !== 10) ANY_BUT_NEWLINE.push(c);
for (let j = 2; j * 255 < 65536; j++) ANY_BUT_NEWLINE.push(j * 255);

/**
 * Catch-all: any line no head above claims. Keeps every real log grammatical. It continues
 * an open crash (what ddb prints); the assembler decides what else it is (otherLine).
 */
export const OtherLine = kind('OtherLine', {
  head: matcherHead((text, offset) => {
    const end = lineEnd(text, offset);
    return end > offset ? hit(text.slice(offset, pastLineEnd(text, end))) : null;
  }, ANY_BUT_NEWLINE),
  continues: 'crash',
  build: (a, boot, line, text) => a.otherLine(boot, line, text),
});
