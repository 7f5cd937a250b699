/**
 * The index snapshot on disk: versioned, tied to a fingerprint of the corpus, and written to a
 * temporary file then renamed so a crash never leaves half a snapshot behind.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { listCorpusFiles } from './load.js';
import type { SerializedIndex } from './search-index.js';
import type { SkippedFile } from './types.js';

/** Bump when the snapshot's layout changes. */
export const SNAPSHOT_FORMAT = 5;
export const SNAPSHOT_FILE = 'snapshot.json';

export interface SnapshotStamp {
  format: number;
  analyzerVersion: number;
  /** Hash of the corpus files and of the settings that shape the index. */
  fingerprint: string;
}

export interface Snapshot extends SnapshotStamp {
  builtAt: string;
  skipped: SkippedFile[];
  index: SerializedIndex;
}

/** Hashes every corpus file's path and bytes plus the given settings. */
export async function fingerprintCorpus(corpusDir: string, settings: unknown): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(settings));
  for (const file of await listCorpusFiles(corpusDir)) {
    const full = path.join(corpusDir, file);
    hash.update(`\0${file}\0`);
    hash.update(await readFile(full).catch(() => 'unreadable'));
  }
  return hash.digest('hex');
}

export type SnapshotRead = { snapshot: Snapshot } | { problem: string };

/** Reads the snapshot in `dir` and checks it against `expected`; says why when it cannot be used. */
export async function readSnapshot(dir: string, expected: SnapshotStamp): Promise<SnapshotRead> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, SNAPSHOT_FILE), 'utf8');
  } catch {
    return { problem: 'no snapshot yet' };
  }
  let data: Partial<Snapshot>;
  try {
    data = JSON.parse(raw) as Partial<Snapshot>;
  } catch {
    return { problem: 'snapshot is corrupt (not valid JSON)' };
  }
  if (data.format !== expected.format) return { problem: `snapshot format ${data.format} is not ${expected.format}` };
  if (data.analyzerVersion !== expected.analyzerVersion) return { problem: 'snapshot was built by another analyzer version' };
  if (data.fingerprint !== expected.fingerprint) return { problem: 'corpus or settings changed since the snapshot was built' };
  if (!data.index || !Array.isArray(data.skipped) || typeof data.builtAt !== 'string') {
    return { problem: 'snapshot is incomplete' };
  }
  return { snapshot: data as Snapshot };
}

/** Writes beside the final name, then renames: readers see the old snapshot or the new one, never half. */
export async function writeSnapshot(dir: string, snapshot: Snapshot): Promise<void> {
  await mkdir(dir, { recursive: true });
  const final = path.join(dir, SNAPSHOT_FILE);
  const temporary = `${final}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(snapshot));
    await rename(temporary, final);
  } finally {
    await rm(temporary, { force: true });
  }
}
