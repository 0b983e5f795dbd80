import { readInput } from './read-input.js';

/** One input as read: its bytes, or why it could not be read (an InputError from readInput). */
export type ReadOutcome =
  | { readonly file: string; readonly bytes: Uint8Array; readonly error?: undefined }
  | { readonly file: string; readonly bytes?: undefined; readonly error: unknown };

/**
 * Reads inputs in order while the caller works on the earlier ones: up to `ahead` reads are in
 * flight, so a batch of many small files does not wait on the disk for each one (read one at a
 * time, `check` over 2,324 consoles sat idle for about a fifth of its run). At most `ahead`
 * files are held at once, so memory stays bounded however many inputs there are. A failed read
 * is yielded in its place, never thrown, so one unreadable file does not stop the rest.
 */
export async function* readAhead(files: readonly string[], ahead = 8): AsyncGenerator<ReadOutcome> {
  const inFlight: Promise<ReadOutcome>[] = [];
  let next = 0;
  const start = (file: string): Promise<ReadOutcome> =>
    readInput(file).then(
      (bytes) => ({ file, bytes }),
      (error: unknown) => ({ file, error }),
    );
  while (next < files.length || inFlight.length > 0) {
    while (next < files.length && inFlight.length < ahead) inFlight.push(start(files[next++]!));
    yield await inFlight.shift()!;
  }
}
