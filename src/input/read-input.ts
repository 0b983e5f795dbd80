import { createRequire } from 'node:module';
import { InputError } from '../errors.js';

/*
 * node:fs and node:util are taken with require(), not import: the ES-module face Node builds for
 * a builtin reads every export, and node:fs's lazy ones load fs/promises, readline, worker_threads
 * and some 25 more internal modules (~8 ms of a cold `bootgate tree` on Node 24, whose module
 * loader needs none of them). The objects are the same.
 */
const require = createRequire(import.meta.url);
const { readFile: readFileCallback, readFileSync } = require('node:fs') as typeof import('node:fs');
const { promisify } = require('node:util') as typeof import('node:util');

// The callback readFile, not fs/promises': for the many small files of a batch `check` it costs a
// third as much main-thread time (fs/promises opens a FileHandle and makes four requests).
const readFile = promisify(readFileCallback);

/** Why a read failed, in the words of ls(1) and friends, keyed by errno code. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a path component is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
};

/**
 * Reads a console log as bytes: `-` is stdin, anything else a file path. Bytes, not
 * text, because console output need not be valid UTF-8 (normalizeConsole decides).
 * Throws InputError with one line naming the input and the reason.
 */
export async function readInput(pathOrDash: string): Promise<Uint8Array> {
  if (pathOrDash === '-') return readStream(process.stdin, 'stdin');
  try {
    return await readFile(pathOrDash);
  } catch (err) {
    throw new InputError(`cannot read ${pathOrDash}: ${readFailureReason(err)}`);
  }
}

/**
 * readInput for a file path, synchronously: for a thread whose only work is judging files
 * (./check-worker.ts), where an asynchronous read is four round trips to libuv's pool, each
 * waiting for a thread to be scheduled on a busy machine. Same errors as readInput.
 */
export function readInputFileSync(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new InputError(`cannot read ${path}: ${readFailureReason(err)}`);
  }
}

/** Exported for tests: collects a byte stream whole. */
export async function readStream(stream: AsyncIterable<Uint8Array | string>, label: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  } catch (err) {
    throw new InputError(`cannot read ${label}: ${readFailureReason(err)}`);
  }
  return Buffer.concat(chunks);
}

/** Why a read failed, as one short phrase (`no such file`, `is a directory`, …). */
export function readFailureReason(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  const known = REASONS[code];
  if (known) return known;
  const message = err instanceof Error ? err.message : String(err);
  return code ? `${code}: ${firstLine(message)}` : firstLine(message);
}

function firstLine(s: string): string {
  return s.split('\n', 1)[0] ?? s;
}
