/** What the watch keeps of a console at most; past it the oldest text goes, as EC2's own buffer does. */
export const STITCHED_MAX_CHARS = 4 * 1024 * 1024;

/** Characters of the new answer looked up in the text so far; the whole overlap is compared after. */
const PROBE_CHARS = 64;

/**
 * The console so far, with a new GetConsoleOutput answer added. EC2 keeps only the last 64 KB of a
 * console, so once a boot prints more, each answer starts later than the one before and the kernel
 * banner and attach lines fall out of it. Polled often enough, consecutive answers overlap: the
 * part of `next` that `text` already holds is found and only the rest is appended, so the rules
 * keep seeing the whole boot. `next` may start in the middle of a line (or of a UTF-8 sequence),
 * so the overlap is looked for from its first line break.
 *
 * An answer that only grew is taken as it is; one that `text` already ends with (an older
 * snapshot, posted late) changes nothing. When no overlap is found (more than a window was printed
 * between two polls), the gap cannot be bridged and `next` replaces the text: the model then says
 * the log starts after the banner, rather than join two pieces that were not adjacent. A console
 * that repeats itself byte for byte over a whole overlap (one message printed hundreds of times)
 * is joined at the first place that fits: it may keep fewer of the repeats, never foreign text.
 */
export function stitchConsole(text: string, next: string): string {
  if (text === '' || next.startsWith(text)) return cap(next);
  if (text.endsWith(next)) return text;
  const from = next.indexOf('\n') + 1;
  if (from > 0 && from < next.length) {
    const probe = next.slice(from, from + PROBE_CHARS);
    for (let at = text.indexOf(probe); at >= 0; at = text.indexOf(probe, at + 1)) {
      const held = text.length - at;
      // All of what `text` holds from here must open the rest of `next`; `next` must reach past it.
      if (held <= next.length - from && next.startsWith(text.slice(at), from)) return cap(text.slice(0, at) + next.slice(from));
    }
  }
  return cap(next);
}

function cap(text: string): string {
  if (text.length <= STITCHED_MAX_CHARS) return text;
  const cut = text.indexOf('\n', text.length - STITCHED_MAX_CHARS);
  return cut < 0 ? text.slice(-STITCHED_MAX_CHARS) : text.slice(cut + 1);
}
