/** Small file-system helpers the core shares. */
import { randomUUID } from 'node:crypto';
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
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Lets the event loop run what waits (chat adapters must acknowledge within 3 s while we build). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * `each` of every file, in order, yielding to the event loop every `FILES_BETWEEN_YIELDS`: for
 * reading many small files synchronously. Through the thread pool each file costs a round trip per
 * open, stat, read and close; 5,000 small files took three to four times as long that way.
 */
export async function eachFile<T>(files: readonly T[], each: (file: T) => void): Promise<void> {
  for (const [i, file] of files.entries()) {
    each(file);
    if (i % FILES_BETWEEN_YIELDS === FILES_BETWEEN_YIELDS - 1) await yieldToEventLoop();
  }
}

/** About 2 ms of reading small files. */
const FILES_BETWEEN_YIELDS = 200;
