/** Small file-system helpers the core shares. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Writes beside `file` and renames, so a reader sees the old content or the new, never half.
 * The temporary name is hidden and ends in `.tmp`: no corpus or cache listing takes it for a file.
 */
export async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * `each` of every item, `batch` at a time, the results in the items' order. Reading thousands of
 * small files one after another waits on the thread pool once per open, stat, read and close.
 */
export async function inBatches<T, R>(items: readonly T[], batch: number, each: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let at = 0; at < items.length; at += batch) results.push(...(await Promise.all(items.slice(at, at + batch).map(each))));
  return results;
}

/** How many files are read at once (Node's thread pool has 4 threads by default; more keeps it busy). */
export const FILES_AT_ONCE = 32;

/** Lets the event loop run what waits (chat adapters must acknowledge within 3 s while we build). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Each file's bytes (or undefined when it cannot be read), handed to `each` in order. Read
 * synchronously, yielding every `FILES_BETWEEN_YIELDS`: through the thread pool, each small file
 * costs a round trip per open, stat, read and close, and thousands of them took several times as
 * long.
 */
export async function readEach(files: readonly string[], each: (bytes: Buffer | undefined, i: number) => void): Promise<void> {
  for (const [i, file] of files.entries()) {
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(file);
    } catch {
      bytes = undefined;
    }
    each(bytes, i);
    if (i % FILES_BETWEEN_YIELDS === FILES_BETWEEN_YIELDS - 1) await yieldToEventLoop();
  }
}

/** About 2 ms of reading small files. */
const FILES_BETWEEN_YIELDS = 200;
