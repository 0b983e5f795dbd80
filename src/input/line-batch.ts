/**
 * Cleaned console lines, held as spans of the decoded text where they can be.
 *
 * A clean line (no control characters) is only trimmed, so it is `source.slice(start,
 * end)`: the batch keeps the two offsets instead of the string. The parser lexes runs
 * of such lines straight out of `source` (no per-line strings, no join), and makes a
 * line's string only when the model needs it. A line that cleaning changed (escapes,
 * backspaces, a CR-cut segment, trailing Unicode white space) has its own string; its
 * start is OWN.
 */
export const OWN = -1;

export class LineBatch {
  /** Offset in `source` where line i starts, or OWN. */
  readonly starts: number[] = [];
  /** Offset in `source` just past line i (unused for OWN lines). */
  readonly ends: number[] = [];
  /** Input line (grep -n) that line i came from. */
  readonly numbers: number[] = [];
  /** Text of the OWN lines, by index. */
  private own: Map<number, string> | null = null;

  constructor(readonly source: string) {}

  get length(): number {
    return this.numbers.length;
  }

  pushSpan(start: number, end: number, line: number): void {
    this.starts.push(start);
    this.ends.push(end);
    this.numbers.push(line);
  }

  pushText(text: string, line: number): void {
    (this.own ??= new Map()).set(this.numbers.length, text);
    this.pushSpan(OWN, OWN, line);
  }

  text(i: number): string {
    const start = this.starts[i]!;
    return start === OWN ? this.own!.get(i)! : this.source.slice(start, this.ends[i]);
  }

  /** Replaces line i's text; a span cut down to its own head or tail stays a span. */
  setText(i: number, text: string): void {
    const start = this.starts[i]!;
    const end = this.ends[i]!;
    if (start !== OWN && text.length <= end - start) {
      if (this.source.startsWith(text, end - text.length)) {
        this.starts[i] = end - text.length;
        return;
      }
      if (this.source.startsWith(text, start)) {
        this.ends[i] = start + text.length;
        return;
      }
    }
    (this.own ??= new Map()).set(i, text);
    this.starts[i] = OWN;
    this.ends[i] = OWN;
  }

  /** Drops the last line. */
  pop(): void {
    const last = this.numbers.length - 1;
    if (last < 0) return;
    this.own?.delete(last);
    this.starts.pop();
    this.ends.pop();
    this.numbers.pop();
  }

  /** Keeps the lines `keep` returns true for, in order (rare edits: a framing line, stamped blank lines). */
  filter(keep: (i: number) => boolean): void {
    const { starts, ends, numbers, own } = this;
    const kept = own === null ? null : new Map<number, string>();
    let w = 0;
    for (let r = 0; r < numbers.length; r++) {
      if (!keep(r)) continue;
      starts[w] = starts[r]!;
      ends[w] = ends[r]!;
      numbers[w] = numbers[r]!;
      if (starts[w] === OWN) kept!.set(w, own!.get(r)!);
      w++;
    }
    starts.length = w;
    ends.length = w;
    numbers.length = w;
    this.own = kept;
  }
}
