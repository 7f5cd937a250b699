/**
 * The index snapshot on disk: versioned, tied to a fingerprint of the corpus, and written to a
 * temporary file then renamed so a crash never leaves half a snapshot behind.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { eachFile } from './files.js';
import { listCorpusFiles } from './load.js';
import { z } from 'zod';
import type { IndexedSentence, SerializedIndex } from './search-index.js';
import type { SkippedFile } from './types.js';

/** Bump when the snapshot's layout changes. */
export const SNAPSHOT_FORMAT = 7;
export const SNAPSHOT_FILE = 'snapshot.json';
/** A write in progress: `snapshot.json.<pid>.<time>.tmp`, so a leftover names the process that left it. */
const TEMPORARY_NAME = /^snapshot\.json\.(\d+)\.\d+\.tmp$/;

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
  await eachFile(await listCorpusFiles(corpusDir), (file) => {
    hash.update(`\0${file}\0`);
    try {
      hash.update(readFileSync(path.join(corpusDir, file)));
    } catch {
      hash.update('unreadable');
    }
  });
  return hash.digest('hex');
}

export type SnapshotRead = { snapshot: Snapshot } | { problem: string };

const count = z.number().int().nonnegative();
const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
const isString = (value: unknown) => typeof value === 'string';
const isSentence = (value: unknown) => {
  const s = value as Record<string, unknown> | null;
  return typeof s === 'object' && s !== null &&
  isCount(s.id) && isString(s.docId) && isCount(s.n) && isCount(s.line) && isString(s.text) && isString(s.title) && isCount(s.types) &&
  isString(s.plain) && Array.isArray(s.section) && Array.isArray(s.nouns) && s.nouns.every(isString) && Array.isArray(s.people) && s.people.every(isString);
};
/**
 * An array each of whose elements passes `test`. The big arrays (tens of thousands of sentences,
 * hundreds of thousands of terms at JSQuAD ×16) are checked with a plain loop: zod's per-element
 * parse copied every element and cost most of a second.
 */
const arrayOf = <T>(test: (element: unknown) => boolean, what: string) =>
  z.custom<T[]>((value) => Array.isArray(value) && value.every(test), `expected an array of ${what}`);
const termCounts = arrayOf<[string, number]>((pair) => Array.isArray(pair) && pair.length === 2 && isString(pair[0]) && isCount(pair[1]), 'term counts');
/** The shape a snapshot must have before any of it is used; its parts are then checked against each other. */
const snapshotSchema = z.object({
  format: z.number(),
  analyzerVersion: z.number(),
  fingerprint: z.string(),
  builtAt: z.iso.datetime(),
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
  index: z.object({
    // Its documents and postings are checked as they are decoded (index-json.ts).
    miniSearch: z.object({ documentCount: count, documents: z.string(), terms: arrayOf<string>(isString, 'terms'), postings: z.string() }),
    sentences: arrayOf<IndexedSentence>(isSentence, 'sentences').refine((sentences) => sentences.length > 0, 'no sentences'),
    documents: z.array(z.object({ docId: z.string(), title: z.string(), sentences: count })).min(1),
    sentenceFrequency: termCounts,
    readingFrequency: termCounts,
    sounds: arrayOf<[string, string[]]>((pair) => Array.isArray(pair) && isString(pair[0]) && Array.isArray(pair[1]) && pair[1].every(isString), 'sounds'),
  }),
});

/**
 * Reads the snapshot in `dir` and checks that this code can use it: its format and analyzer
 * version, its shape, and that its parts agree. Says why when it cannot be used. Which corpus it
 * was built from is the caller's question (`fingerprint`).
 */
export async function readSnapshot(dir: string, expected: Omit<SnapshotStamp, 'fingerprint'>): Promise<SnapshotRead> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, SNAPSHOT_FILE), 'utf8');
  } catch {
    return { problem: 'no snapshot yet' };
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { problem: 'snapshot is corrupt (not valid JSON)' };
  }
  const stamp = z.object({ format: z.unknown(), analyzerVersion: z.unknown() }).safeParse(data);
  if (!stamp.success) return { problem: 'snapshot is corrupt (not a snapshot object)' };
  if (stamp.data.format !== expected.format) return { problem: `snapshot format ${String(stamp.data.format)} is not ${expected.format}` };
  if (stamp.data.analyzerVersion !== expected.analyzerVersion) return { problem: 'snapshot was built by another analyzer version' };
  const parsed = snapshotSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { problem: `snapshot is corrupt (${issue.path.join('.') || 'top level'}: ${issue.message})` };
  }
  const inconsistency = disagreement(parsed.data.index);
  if (inconsistency) return { problem: `snapshot is corrupt (${inconsistency})` };
  // The checked object, not zod's copy: zod drops fields it does not list.
  return { snapshot: data as Snapshot };
}

/** Where a snapshot's parts contradict each other: each count must agree with what it counts. */
function disagreement(index: z.infer<typeof snapshotSchema>['index']): string | undefined {
  const { miniSearch, sentences, documents, sentenceFrequency } = index;
  if (miniSearch.documentCount !== sentences.length) return `the index holds ${miniSearch.documentCount} sentences, the list ${sentences.length}`;
  if (sentences.some((sentence, i) => sentence.id !== i)) return 'sentence ids are out of order';
  const perDocument = new Map(documents.map((d) => [d.docId, d.sentences]));
  const listed = documents.reduce((sum, d) => sum + d.sentences, 0);
  if (listed !== sentences.length || sentences.some((s) => !perDocument.has(s.docId))) return 'documents and sentences disagree';
  // Every word and bigram counted was indexed as a term.
  if (miniSearch.terms.length < sentenceFrequency.length) return `the index has ${miniSearch.terms.length} terms for ${sentenceFrequency.length} counted`;
  return undefined;
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


/**
 * Removes the temporary files of writes that never finished: a process killed mid-write leaves
 * one named with its pid. Called before this process writes any, so its own pid (reused after a
 * restart, as pid 1 is in a container) counts as finished too; other live processes' are kept.
 */
export async function removeStaleTemporaries(dir: string): Promise<string[]> {
  const stale = (await readdir(dir).catch(() => [])).filter((name) => {
    const pid = Number(TEMPORARY_NAME.exec(name)?.[1] ?? NaN);
    return Number.isInteger(pid) && (pid === process.pid || !isRunning(pid));
  });
  await Promise.all(stale.map((name) => rm(path.join(dir, name), { force: true })));
  return stale;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
