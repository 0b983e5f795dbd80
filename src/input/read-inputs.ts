import { readInput, readInputFileSync } from './read-input.js';

/** One input as read: its bytes, or why it could not be read (an InputError from readInput). */
export type ReadOutcome =
  | { readonly file: string; readonly bytes: Uint8Array; readonly error?: undefined }
  | { readonly file: string; readonly bytes?: undefined; readonly error: unknown };

/**
 * Reads inputs in order, each when the caller asks for it, so memory stays at one input however
 * many there are. A failed read is yielded in its place, never thrown, so one unreadable file
 * does not stop the rest.
 *
 * A file is read synchronously: an asynchronous read is four round trips to libuv's thread pool
 * (open, fstat, read, close), and on a busy machine each wakes a pool thread that takes the core
 * from this one. Over 2,324 consoles that cost `check` a sixth of its CPU time (about 0.8 s), more
 * than reading ahead ever saved; the files of a batch are usually in the page cache, just written.
 * stdin (`-`) is a stream and is read as one.
 */
export async function* readInputs(files: readonly string[]): AsyncGenerator<ReadOutcome> {
  for (const file of files) {
    try {
      yield { file, bytes: file === '-' ? await readInput(file) : readInputFileSync(file) };
    } catch (error) {
      yield { file, error };
    }
  }
}
