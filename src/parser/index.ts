import { normalizeConsolePieces } from '../input/normalize.js';
import type { NormalLine } from '../input/types.js';
import type { BootModel } from '../model/boot-model.js';
import { BootAssembler } from './assemble.js';
import { consoleLexer } from './lexer.js';
import { consoleParser } from './parser.js';
import { cstToItems, type ChunkLines } from './to-model.js';
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
  let i = 0;
  while (i + 1 < chunk.starts.length && chunk.starts[i + 1]! <= offset) i++;
  return chunk.lineNumbers[i] ?? 0;
}

function parseChunk(lines: readonly NormalLine[], from: number, to: number, asm: BootAssembler, lexErrors: ParseDiagnostic[], parseErrors: ParseDiagnostic[]): void {
  const texts: string[] = [];
  const lineNumbers: number[] = [];
  const starts: number[] = [];
  let offset = 0;
  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    // Kernel lines carry no meaning in leading blanks (the builder path and the
    // Regents line are indented); blank lines separate nothing the grammar needs.
    const c = l.text.charCodeAt(0);
    const text = c === 32 || c === 9 ? l.text.trimStart() : l.text;
    if (text === '') continue;
    texts.push(text);
    lineNumbers.push(l.line);
    starts.push(offset);
    offset += text.length + 1;
  }
  if (texts.length === 0) return;
  const chunk: ChunkLines = { texts, lineNumbers, starts };
  const lexed = consoleLexer.tokenize(texts.join('\n') + '\n');
  for (const e of lexed.errors) {
    if (lexErrors.length < MAX_DIAGNOSTICS) lexErrors.push({ line: lineOfOffset(chunk, e.offset), message: e.message });
  }
  consoleParser.input = lexed.tokens;
  const cst = consoleParser.consoleLog();
  for (const e of consoleParser.errors) {
    if (parseErrors.length < MAX_DIAGNOSTICS) parseErrors.push({ line: lineOfOffset(chunk, e.token.startOffset), message: e.message });
  }
  for (const item of cstToItems(cst, chunk)) asm.push(item);
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
  const norm = normalizeConsolePieces(input, (lines) => {
    for (let from = 0; from < lines.length; from += CHUNK_LINES) {
      parseChunk(lines, from, Math.min(lines.length, from + CHUNK_LINES), asm, lexErrors, parseErrors);
    }
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
