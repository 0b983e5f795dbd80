/**
 * Console bytes → numbered, cleaned lines. Never throws.
 *
 * Framing (how `aws ec2 get-console-output` and capture tools deliver a console), tried in this order:
 * - `aws-json`: the whole input is a JSON object with a string `Output` (`InstanceId`,
 *   `Timestamp` optional). The AWS CLI decodes Output to text; the JS SDK leaves it
 *   base64. Output is decoded when, with whitespace removed, it is non-empty, entirely
 *   base64 alphabet and a multiple of 4 long. Line numbers then count lines of the decoded
 *   Output. An object with an `InstanceId` but no `Output` (console not posted yet) is
 *   aws-json with no lines. JSON that does not parse falls back to raw.
 * - `aws-text` (`--output text`): line 1 starts `i-<8..17 hex>` and a TAB (or one space, as
 *   pasted in blog posts) glued to the first console line: the id is stripped. The last
 *   non-empty line is, or ends with, `<TAB>timestamp`: stripped and kept as capturedAt.
 * - `timestamp`: line 1 is a bare ISO timestamp (`2016-09-21T09:44:49+0000`): kept as
 *   capturedAt; the line is counted but not emitted.
 * - else `raw`.
 *
 * Text: UTF-8 with replacement (invalid bytes become U+FFFD), BOM stripped.
 *
 * Line numbers are `grep -n` numbers: one line per `\n`. `\r\n` and `\n\r` are one line
 * end (the CR vanishes), so a capture with `\n\r` ends is not double-spaced. Any other CR
 * splits its line into segments that share the line number. An input with CRs but no LF
 * at all uses the lone CR as the line separator.
 *
 * Capture stamps: when most lines start with the same timestamp shape (a CI runner's
 * `2026-11-26T17:20:08.1234567Z `, a serial logger's `[…] `, ts(1)'s `Nov 26 17:20:08 `), it is
 * the capture's and is removed (./capture-prefix.ts).
 *
 * syslog: a kernel line from /var/log/messages, `Nov 26 17:20:08 myhost /bsd: xnf0 at xen0: …`,
 * loses its `<Mon> <d> <hh:mm:ss> <host> /bsd: ` prefix, so the log reads like a console. Only
 * that shape and only `/bsd:`; other programs' syslog lines are kept whole.
 *
 * Per segment: backspaces applied as a terminal shows them (`|\b/\b-\b12` → `12`), ANSI/VT
 * escapes removed (CSI incl. private `ESC[=3h`, OSC/DCS strings, two-char ESC sequences, a
 * lone ESC), NUL, other C0 controls except TAB, and DEL dropped, trailing whitespace
 * (80-column padding) trimmed. Empty segments are not emitted: `lines` holds only text,
 * while `lineCount` stays the physical count. A line without control characters is only
 * trimmed, so a clean 64 KB console costs one scan.
 */
import { detectCaptureStamp, stripCaptureStamp } from './capture-prefix.js';
import { LineBatch } from './line-batch.js';
import type { NormalizedConsole, NormalLine } from './types.js';

const decoder = new TextDecoder('utf-8', { fatal: false });

/** ISO 8601 as EC2 and the AWS CLI print it: `2016-09-21T09:44:49+0000`, `2026-06-19T01:03:00+00:00`, `…Z`. */
const ISO_TIMESTAMP = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?`;
const BARE_TIMESTAMP = new RegExp(`^\\s*(${ISO_TIMESTAMP})\\s*$`);
const TRAILING_TIMESTAMP = new RegExp(`(?:^|\\t)\\s*(${ISO_TIMESTAMP})$`);
const INSTANCE_ID_PREFIX = /^(i-[0-9a-f]{8,17})[\t ]/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const WHITESPACE = /\s+/g;
/** syslogd(8)'s prefix of a kernel message: `%b %e %H:%M:%S host /bsd: ` (the day is blank-padded). */
const SYSLOG_KERNEL_PREFIX = /(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?:[ 1-3]\d) \d\d:\d\d:\d\d [^\s/]+ \/bsd: /y;

/** Where the text of the line at `from` starts once a syslog kernel prefix is skipped. */
function afterSyslogPrefix(text: string, from: number): number {
  // Month names start with one of these capitals; everything else is out after one comparison.
  const c = text.charCodeAt(from);
  if (c !== 0x4a && c !== 0x46 && c !== 0x4d && c !== 0x41 && c !== 0x53 && c !== 0x4f && c !== 0x4e && c !== 0x44) return from;
  SYSLOG_KERNEL_PREFIX.lastIndex = from;
  return SYSLOG_KERNEL_PREFIX.test(text) ? SYSLOG_KERNEL_PREFIX.lastIndex : from;
}
/**
 * Anything the slow path must handle: C0 controls except TAB (LF never reaches here), DEL.
 * Written as the complement of what a clean line may hold: V8 scans a negated class
 * faster, and this scan covers every byte of the input.
 */
const NEEDS_CLEANING = /[^\t\n\x20-\x7e\x80-\uffff]/;

export { LineBatch } from './line-batch.js';

export function normalizeConsole(input: Uint8Array | string): NormalizedConsole {
  const { batch, ...meta } = normalizeWhole(input);
  return { ...meta, lines: toNormalLines(batch) };
}

/** A batch's lines as `{ line, text }` objects. */
export function toNormalLines(batch: LineBatch): NormalLine[] {
  const { numbers } = batch;
  const out: NormalLine[] = new Array(numbers.length);
  for (let i = 0; i < numbers.length; i++) out[i] = { line: numbers[i]!, text: batch.text(i) };
  return out;
}

function normalizeWhole(input: Uint8Array | string): ConsoleMeta & { batch: LineBatch } {
  let text = typeof input === 'string' ? input : decoder.decode(input);
  text = stripBom(text);

  const json = unwrapAwsJson(text);
  if (json) {
    const { batch, lineCount } = splitLines(json.output, 0);
    return { framing: 'aws-json', instanceId: json.instanceId, capturedAt: json.capturedAt, lineCount, batch: unstamped(batch) };
  }

  const id = INSTANCE_ID_PREFIX.exec(text);
  if (id) {
    const { batch, lineCount } = splitLines(text, id[0].length);
    const capturedAt = stripTrailingTimestamp(batch);
    return { framing: 'aws-text', instanceId: id[1]!, capturedAt, lineCount, batch: unstamped(batch) };
  }

  const { batch, lineCount } = splitLines(text, 0);
  const ts = leadingTimestamp(batch);
  if (ts !== null) return { framing: 'timestamp', instanceId: null, capturedAt: ts, lineCount, batch: unstamped(batch) };
  return { framing: 'raw', instanceId: null, capturedAt: null, lineCount, batch: unstamped(batch) };
}

function unstamped(batch: LineBatch, stamp = detectCaptureStamp(batch)): LineBatch {
  if (stamp) stripCaptureStamp(batch, stamp);
  return batch;
}

/** A bare timestamp as line 1 is framing, not console: removed from the batch and returned. */
function leadingTimestamp(batch: LineBatch): string | null {
  if (batch.numbers[0] !== 1) return null;
  const ts = BARE_TIMESTAMP.exec(batch.text(0));
  if (!ts) return null;
  batch.filter((i) => i !== 0);
  return ts[1]!;
}

/** Byte inputs above this are decoded and split in pieces of about this size. */
const PIECE_BYTES = 4 << 20;

export type ConsoleMeta = Omit<NormalizedConsole, 'lines'>;

/**
 * normalizeConsole for inputs of any size: the cleaned lines arrive in pieces, in
 * order, and the framing and line count are returned at the end. A large raw or
 * aws-text input is decoded piece by piece (cut after a `\n`, so no UTF-8 sequence
 * is split), which keeps a mostly-ASCII 100 MB console in one-byte strings and never
 * holds all of its lines at once. Everything else goes through normalizeConsole.
 */
export function normalizeConsolePieces(input: Uint8Array | string, onPiece: (lines: readonly NormalLine[]) => void): ConsoleMeta {
  return normalizeConsoleBatches(input, (batch) => onPiece(toNormalLines(batch)));
}

/** normalizeConsolePieces with each piece as a LineBatch (what the parser reads). */
export function normalizeConsoleBatches(input: Uint8Array | string, onBatch: (batch: LineBatch) => void): ConsoleMeta {
  const batches = consoleBatches(input);
  for (let r = batches.next(); ; r = batches.next()) {
    if (r.done) return r.value;
    onBatch(r.value);
  }
}

/**
 * The cleaned lines of normalizeConsolePieces, made only as the caller asks for the next piece
 * (the html report writes each piece before the next is decoded), so at most two pieces' lines
 * exist at a time. `pieceBytes` sizes the pieces after the first (which stays PIECE_BYTES, so the
 * framing and capture stamp are decided on the same lines as the parser's): the html report asks
 * for small ones, whose strings die young instead of filling the old generation.
 */
export function* consoleLinePieces(input: Uint8Array | string, pieceBytes = PIECE_BYTES): Generator<NormalLine[], ConsoleMeta> {
  const batches = consoleBatches(input, pieceBytes);
  for (let r = batches.next(); ; r = batches.next()) {
    if (r.done) return r.value;
    yield toNormalLines(r.value);
  }
}

/**
 * consoleLinePieces without a `{line, text}` object per line: each piece is its LineBatch, read
 * with `numbers[i]` and `text(i)`. The html page reads these: on a 100 MB console the objects
 * were most of what the page added to the parse's memory (V8 had learnt from the parse to
 * allocate this code's arrays in the old generation, where they piled up until a full collection).
 */
export function consoleBatchPieces(input: Uint8Array | string, pieceBytes = PIECE_BYTES): Generator<LineBatch, ConsoleMeta> {
  return consoleBatches(input, pieceBytes);
}

/** The pieces as a generator: the one place that cuts, decodes and cleans them. */
function* consoleBatches(input: Uint8Array | string, laterPieceBytes = PIECE_BYTES): Generator<LineBatch, ConsoleMeta> {
  const bytes = typeof input === 'string' ? null : input;
  const firstByte = bytes ? bytes.findIndex((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) : -1;
  if (bytes === null || bytes.length <= PIECE_BYTES || bytes[firstByte] === 0x7b /* { */ || bytes.indexOf(0x0a) < 0) {
    const { batch, ...meta } = normalizeWhole(input);
    yield batch;
    return meta;
  }
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const head = decoder.decode(bytes.subarray(start, Math.min(bytes.length, start + 64)));
  const id = INSTANCE_ID_PREFIX.exec(head);
  let framing: NormalizedConsole['framing'] = id ? 'aws-text' : 'raw';
  let capturedAt: string | null = null;
  let lineCount = 0;
  let pending: LineBatch | null = null;
  // Decided on the first piece, applied to every piece.
  let stamp: RegExp | null = null;
  while (start < bytes.length) {
    let end = Math.min(bytes.length, start + (lineCount === 0 ? PIECE_BYTES : Math.max(1, laterPieceBytes)));
    if (end < bytes.length) {
      const nl = bytes.indexOf(0x0a, end);
      end = nl < 0 ? bytes.length : nl + 1;
    }
    const text = decoder.decode(bytes.subarray(start, end));
    // The previous piece ended in `\n`; a CR opening this one is the rest of a `\n\r` line end.
    const skip = lineCount === 0 ? (id ? id[0].length : 0) : text.charCodeAt(0) === 0x0d ? 1 : 0;
    const piece = splitLines(text, skip, lineCount + 1, '\n');
    if (lineCount === 0 && !id) {
      const ts = leadingTimestamp(piece.batch);
      if (ts !== null) {
        framing = 'timestamp';
        capturedAt = ts;
      }
    }
    if (lineCount === 0) stamp = detectCaptureStamp(piece.batch);
    if (stamp) stripCaptureStamp(piece.batch, stamp);
    lineCount += piece.lineCount;
    start = end;
    // A piece of blank lines adds nothing, and must not become the held-back one: that is the
    // one whose last line loses aws-text's trailing timestamp.
    if (piece.batch.length === 0) continue;
    // Held back one piece so aws-text can strip the trailing timestamp from the very last line.
    if (pending) yield pending;
    pending = piece.batch;
  }
  if (pending) {
    if (id) capturedAt = stripTrailingTimestamp(pending);
    yield pending;
  }
  return { framing, instanceId: id ? id[1]! : null, capturedAt, lineCount };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

interface AwsJson {
  readonly output: string;
  readonly instanceId: string | null;
  readonly capturedAt: string | null;
}

function unwrapAwsJson(text: string): AwsJson | null {
  // Only pay for JSON.parse when the input can be one object.
  const start = text.search(/\S/);
  if (start < 0 || text.charCodeAt(start) !== 0x7b /* { */ || text.trimEnd().slice(-1) !== '}') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const instanceId = typeof record['InstanceId'] === 'string' ? record['InstanceId'] : null;
  const capturedAt = typeof record['Timestamp'] === 'string' ? record['Timestamp'] : null;
  const output = record['Output'];
  if (typeof output === 'string') return { output: decodeOutput(output), instanceId, capturedAt };
  // EC2 omits Output until the instance has posted something: "not yet", not a raw log.
  if (output == null && instanceId !== null) return { output: '', instanceId, capturedAt };
  return null;
}

function decodeOutput(output: string): string {
  const compact = output.replace(WHITESPACE, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64.test(compact)) return output;
  return stripBom(decoder.decode(Buffer.from(compact, 'base64')));
}

/** Removes `<TAB>timestamp` from the last emitted line (aws-text); returns the timestamp. */
function stripTrailingTimestamp(batch: LineBatch): string | null {
  const last = batch.length - 1;
  if (last < 0) return null;
  const text = batch.text(last);
  const m = TRAILING_TIMESTAMP.exec(text);
  if (!m) return null;
  const rest = text.slice(0, m.index).trimEnd();
  if (rest === '') batch.pop();
  else batch.setText(last, rest);
  return m[1]!;
}

function splitLines(
  text: string,
  skipPrefix: number,
  firstLine = 1,
  sep: '\n' | '\r' = text.indexOf('\n') >= 0 ? '\n' : text.indexOf('\r') >= 0 ? '\r' : '\n',
): { batch: LineBatch; lineCount: number } {
  const batch = new LineBatch(text);
  if (text.length === 0) return { batch, lineCount: 0 };
  // The control characters are found by one forward scan of the buffer, so a line
  // is only examined further when the next one falls inside it.
  const dirty = new RegExp(NEEDS_CLEANING.source, 'g');
  let dirtyAt = -1;
  // `test` rather than `exec`: no match array for each of a spinner's thousands of backspaces.
  const nextDirty = (from: number): number => {
    dirty.lastIndex = from;
    return dirty.test(text) ? dirty.lastIndex - 1 : Infinity;
  };
  let lineNo = firstLine - 1;
  // `physical` is where grep would start the line; `pos` skips a prefix or a `\n\r` CR.
  let physical = 0;
  let pos = skipPrefix;
  while (physical < text.length) {
    lineNo++;
    let end = text.indexOf(sep, pos);
    const next = end < 0 ? text.length : end + 1;
    if (end < 0) end = text.length;
    let stop = end;
    // `\r\n`: the CR belongs to the line end.
    if (sep === '\n' && stop > pos && text.charCodeAt(stop - 1) === 0x0d) stop--;
    if (dirtyAt < pos) dirtyAt = nextDirty(pos);
    emitLine(text, pos, stop, lineNo, batch, dirtyAt >= stop);
    physical = next;
    pos = next;
    // `\n\r`: the CR after the LF belongs to the line end too.
    if (sep === '\n' && text.charCodeAt(pos) === 0x0d) pos++;
  }
  return { batch, lineCount: lineNo - (firstLine - 1) };
}

function emitLine(text: string, from: number, to: number, lineNo: number, out: LineBatch, clean: boolean): void {
  if (clean) {
    from = Math.min(afterSyslogPrefix(text, from), to);
    // 80-column padding is blanks; other Unicode white space at the end is rare and left to trimEnd.
    let end = to;
    let c = 0;
    while (end > from && ((c = text.charCodeAt(end - 1)) === 0x20 || c === 0x09)) end--;
    if (c < 0x80) {
      if (end > from) out.pushSpan(from, end, lineNo);
      return;
    }
    // Other Unicode white space at the end: rare, and trimEnd knows the set.
    const line = text.slice(from, end).trimEnd();
    if (line.length > 0) out.pushText(line, lineNo);
    return;
  }
  const raw = text.slice(from, to);
  // Search the slice, not `text`: indexOf on the whole buffer would rescan to its end per line.
  if (raw.indexOf('\r') < 0) {
    emitSegment(raw, lineNo, out);
    return;
  }
  for (const segment of raw.split('\r')) emitSegment(segment, lineNo, out);
}

function emitSegment(raw: string, lineNo: number, out: LineBatch): void {
  let text = (NEEDS_CLEANING.test(raw) ? cleanControls(raw) : raw).trimEnd();
  const start = afterSyslogPrefix(text, 0);
  if (start > 0) text = text.slice(start);
  if (text.length > 0) out.pushText(text, lineNo);
}

/**
 * The slow path: replays what a terminal would show for one segment. Only lines that
 * carry control characters come here.
 */
export function cleanControls(raw: string): string {
  const out: number[] = [];
  const n = raw.length;
  let i = 0;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (c === 0x1b) {
      i = skipEscape(raw, i);
      continue;
    }
    if (c === 0x08) {
      // A surrogate pair is one character on screen.
      const last = out.pop();
      if (last !== undefined && last >= 0xdc00 && last <= 0xdfff) {
        const prev = out[out.length - 1];
        if (prev !== undefined && prev >= 0xd800 && prev <= 0xdbff) out.pop();
      }
      i++;
      continue;
    }
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) {
      i++;
      continue;
    }
    out.push(c);
    i++;
  }
  return codesToString(out);
}

function codesToString(codes: number[]): string {
  // String.fromCharCode(...big) would overflow the stack on a pathological line.
  let s = '';
  for (let i = 0; i < codes.length; i += 8192) s += String.fromCharCode(...codes.slice(i, i + 8192));
  return s;
}

/** Returns the index just past the escape sequence starting at `i` (which holds ESC). */
function skipEscape(raw: string, i: number): number {
  const n = raw.length;
  const next = i + 1 < n ? raw.charCodeAt(i + 1) : -1;
  if (next === 0x5b /* [ */) {
    // CSI: parameters 0x30-0x3f (digits ; = ? < >), intermediates 0x20-0x2f, final 0x40-0x7e.
    let j = i + 2;
    while (j < n) {
      const c = raw.charCodeAt(j);
      if (c >= 0x40 && c <= 0x7e) return j + 1;
      if (c < 0x20 || c > 0x7e) return j; // broken sequence: keep what follows
      j++;
    }
    return n;
  }
  if (next === 0x5d /* ] OSC */ || next === 0x50 /* P DCS */ || next === 0x58 /* X SOS */ || next === 0x5e /* ^ PM */ || next === 0x5f /* _ APC */) {
    // String sequences end at BEL or ST (ESC \).
    let j = i + 2;
    while (j < n) {
      const c = raw.charCodeAt(j);
      if (c === 0x07) return j + 1;
      if (c === 0x1b) return j + 1 < n && raw.charCodeAt(j + 1) === 0x5c ? j + 2 : j;
      j++;
    }
    return n;
  }
  if (next >= 0x20 && next <= 0x2f) {
    // nF sequences such as `ESC ( B`: intermediates then one final byte.
    let j = i + 1;
    while (j < n && raw.charCodeAt(j) >= 0x20 && raw.charCodeAt(j) <= 0x2f) j++;
    return j < n && raw.charCodeAt(j) >= 0x30 && raw.charCodeAt(j) <= 0x7e ? j + 1 : j;
  }
  if (next >= 0x30 && next <= 0x7e) return i + 2; // two-char sequences: ESC 7, ESC c, ESC =
  return i + 1; // lone ESC
}
