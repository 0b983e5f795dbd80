import { normalizeConsoleBatches, toNormalLines } from '../input/normalize.js';
import type { NormalLine } from '../input/types.js';
import type { BootModel } from '../model/boot-model.js';
import { BootAssembler } from './assemble.js';
import { forEachChunk, newChunk, type ChunkLines } from './chunks.js';
import { grammar, type Grammar } from './grammar.js';
import { emitItems, lineIndexAt } from './to-model.js';
import type { ParseDiagnostic, ParseResult } from './types.js';

export type { ParseResult, ParseDiagnostic } from './types.js';

/** Diagnostics past this many are counted, not kept (binary junk would make millions). */
const MAX_DIAGNOSTICS = 100;

function lineOfOffset(chunk: ChunkLines, offset: number): number {
  return chunk.lineNumbers[lineIndexAt(chunk.starts, chunk.count, offset)] ?? 0;
}

function parseChunk(g: Grammar, chunk: ChunkLines, asm: BootAssembler, lexErrors: ParseDiagnostic[], parseErrors: ParseDiagnostic[]): void {
  const lexed = g.lexer.tokenize(chunk.text);
  for (const e of lexed.errors) {
    if (lexErrors.length < MAX_DIAGNOSTICS) lexErrors.push({ line: lineOfOffset(chunk, e.offset), message: e.message });
  }
  const parser = g.parser;
  parser.input = lexed.tokens;
  const cst = parser.consoleLog();
  for (const e of parser.errors) {
    if (parseErrors.length < MAX_DIAGNOSTICS) parseErrors.push({ line: lineOfOffset(chunk, e.token.startOffset), message: e.message });
  }
  emitItems(cst, chunk, g.kindOf, asm);
}

export interface ParseOptions {
  /**
   * Receives the cleaned lines the model was built from, a run at a time and in order, for a
   * caller that shows or redacts the console too (`check` with html or --redact): normalising
   * the bytes a second time would cost about as much again.
   */
  readonly onLines?: (lines: readonly NormalLine[]) => void;
}

/**
 * Parses an OpenBSD console (raw bytes or text, in any framing bootgate knows)
 * into the boot model. Never throws: anything it does not understand is kept
 * as an "other" line.
 */
export function parseBootLog(input: Uint8Array | string, options: ParseOptions = {}): ParseResult {
  const { onLines } = options;
  const lexErrors: ParseDiagnostic[] = [];
  const parseErrors: ParseDiagnostic[] = [];
  const g = grammar();
  const asm = new BootAssembler();
  const chunk = newChunk();
  const norm = normalizeConsoleBatches(input, (batch) => {
    if (onLines) onLines(toNormalLines(batch));
    forEachChunk(batch, chunk, (c) => parseChunk(g, c, asm, lexErrors, parseErrors));
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
