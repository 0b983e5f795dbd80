import { normalizeConsoleBatches, type LineBatch } from '../input/normalize.js';
import type { BootModel } from '../model/boot-model.js';
import { BootAssembler } from './assemble.js';
import { consoleLexer } from './lexer.js';
import { consoleParser } from './parser.js';
import { emitItems, lineIndexAt, type ChunkLines } from './to-model.js';
import type { ParseDiagnostic, ParseResult } from './types.js';

export type { ParseResult, ParseDiagnostic } from './types.js';

/**
 * Lines are lexed and parsed in chunks so a 100 MB console never becomes one
 * token array and one CST: memory stays a small multiple of the input. A
 * fingerprint banner or panic cut by a chunk edge is rejoined by the assembler.
 */
const CHUNK_LINES = 2048;
/** Diagnostics past this many are counted, not kept (binary junk would make millions). */
const MAX_DIAGNOSTICS = 100;

function lineOfOffset(chunk: ChunkLines, offset: number): number {
  return chunk.lineNumbers[lineIndexAt(chunk.starts, chunk.count, offset)] ?? 0;
}

/** The lines of one chunk go into arrays reused from chunk to chunk: no per-chunk garbage. */
function newChunk(): ChunkLines {
  return { texts: [], lineNumbers: [], starts: [], count: 0 };
}

function parseChunk(batch: LineBatch, from: number, to: number, chunk: ChunkLines, asm: BootAssembler, lexErrors: ParseDiagnostic[], parseErrors: ParseDiagnostic[]): void {
  const { texts, lineNumbers, starts } = chunk;
  let n = 0;
  let offset = 0;
  for (let i = from; i < to; i++) {
    let text = batch.texts[i]!;
    // Kernel lines carry no meaning in leading blanks (the builder path and the
    // Regents line are indented); blank lines separate nothing the grammar needs.
    const c = text.charCodeAt(0);
    if (c === 32 || c === 9) {
      text = text.trimStart();
      if (text === '') continue;
    }
    texts[n] = text;
    lineNumbers[n] = batch.numbers[i]!;
    starts[n] = offset;
    offset += text.length + 1;
    n++;
  }
  if (n === 0) return;
  chunk.count = n;
  // Every line ends in a newline, the last one too: a trailing '' makes join add it.
  texts.length = n + 1;
  texts[n] = '';
  const lexed = consoleLexer.tokenize(texts.join('\n'));
  for (const e of lexed.errors) {
    if (lexErrors.length < MAX_DIAGNOSTICS) lexErrors.push({ line: lineOfOffset(chunk, e.offset), message: e.message });
  }
  consoleParser.input = lexed.tokens;
  const cst = consoleParser.consoleLog();
  for (const e of consoleParser.errors) {
    if (parseErrors.length < MAX_DIAGNOSTICS) parseErrors.push({ line: lineOfOffset(chunk, e.token.startOffset), message: e.message });
  }
  emitItems(cst, chunk, asm);
}

/**
 * Parses an OpenBSD console (raw bytes or text, in any framing bootgate knows)
 * into the boot model. Never throws: anything it does not understand is kept
 * as an "other" line.
 */
export function parseBootLog(input: Uint8Array | string): ParseResult {
  const lexErrors: ParseDiagnostic[] = [];
  const parseErrors: ParseDiagnostic[] = [];
  const asm = new BootAssembler();
  const chunk = newChunk();
  const norm = normalizeConsoleBatches(input, (batch) => {
    const n = batch.texts.length;
    for (let from = 0; from < n; from += CHUNK_LINES) parseChunk(batch, from, Math.min(n, from + CHUNK_LINES), chunk, asm, lexErrors, parseErrors);
  });
  const { preamble, boots } = asm.finish();
  const model: BootModel = {
    schemaVersion: 1,
    framing: norm.framing,
    instanceId: norm.instanceId,
    capturedAt: norm.capturedAt,
    lineCount: norm.lineCount,
    preamble,
    boots,
  };
  return { model, lexErrors, parseErrors };
}
