/**
 * The snapshot survives a disk that fills up mid-write. The file system is real; only `writeFile`
 * is wrapped so that, when armed, it writes half the bytes and then fails as a full disk does.
 */
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ANALYSIS_FOLDER } from '../src/analysis-cache.js';
import { KnowledgeBase } from '../src/index.js';
import { fingerprintCorpus, readSnapshot, SNAPSHOT_FILE, writeSnapshot, type Snapshot } from '../src/snapshot.js';
import { tempDir, testConfig } from './helpers.js';

const disk = vi.hoisted(() => ({ fullAfterHalf: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const wrapped: typeof real.writeFile = async (file, data, options) => {
    if (!disk.fullAfterHalf || typeof data !== 'string') return real.writeFile(file, data, options);
    disk.fullAfterHalf = false;
    const bytes = Buffer.from(data);
    await real.writeFile(file, bytes.subarray(0, bytes.length >> 1));
    throw Object.assign(new Error(`ENOSPC: no space left on device, write '${String(file)}'`), { code: 'ENOSPC' });
  };
  return { ...real, writeFile: wrapped };
});

describe('writeSnapshot', () => {
  it('keeps the old snapshot whole when the disk fills up halfway through writing the new one', async () => {
    const corpus = await tempDir();
    const indexDir = await tempDir();
    await writeFile(path.join(corpus, 'a.txt'), '題\n火星探査機は北極に着陸した。');
    const config = testConfig(corpus, indexDir);
    const first = await KnowledgeBase.open(config);
    const file = path.join(indexDir, SNAPSHOT_FILE);
    const before = await readFile(file, 'utf8');
    const old = JSON.parse(before) as Snapshot;

    disk.fullAfterHalf = true;
    await expect(writeSnapshot(indexDir, { ...old, builtAt: new Date(0).toISOString() })).rejects.toThrow(/ENOSPC/);
    expect(disk.fullAfterHalf).toBe(false); // the failure did happen inside writeSnapshot

    expect(await readFile(file, 'utf8')).toBe(before);
    expect((await readdir(indexDir)).sort()).toEqual([ANALYSIS_FOLDER, SNAPSHOT_FILE]);
    const read = await readSnapshot(indexDir, old);
    expect('snapshot' in read && read.snapshot.builtAt).toBe(old.builtAt);
    // Reopened from the old snapshot, not rebuilt (a rebuild would stamp a new time).
    const again = await KnowledgeBase.open(config);
    expect(again.sources().builtAt).toBe(first.sources().builtAt);
    expect((await again.ask('火星探査機はどこに着陸した？')).status).toBe('answered');
  });
});

describe('readSnapshot', () => {
  it('uses a snapshot only when its format and analyzer match and every part is there, and says which check failed', async () => {
    const corpus = await tempDir();
    const indexDir = await tempDir();
    await writeFile(path.join(corpus, 'a.txt'), '題\n火星探査機は北極に着陸した。');
    await KnowledgeBase.open(testConfig(corpus, indexDir));
    const complete = JSON.parse(await readFile(path.join(indexDir, SNAPSHOT_FILE), 'utf8')) as Snapshot;
    const stamp = { format: complete.format, analyzerVersion: complete.analyzerVersion };
    const dir = await tempDir();
    const read = async (value: unknown) => {
      await writeFile(path.join(dir, SNAPSHOT_FILE), typeof value === 'string' ? value : JSON.stringify(value));
      const result = await readSnapshot(dir, stamp);
      return 'problem' in result ? result.problem : result.snapshot;
    };
    expect(await readSnapshot(await tempDir(), stamp)).toEqual({ problem: 'no snapshot yet' });
    expect(await read('{"format": 4,')).toBe('snapshot is corrupt (not valid JSON)');
    // Each check on its own: everything else right, one thing wrong.
    expect(await read({ ...complete, format: 3 })).toBe(`snapshot format 3 is not ${complete.format}`);
    expect(await read({ ...complete, analyzerVersion: 8 })).toBe('snapshot was built by another analyzer version');
    for (const missing of ['index', 'skipped', 'builtAt'] as const) {
      const { [missing]: _, ...rest } = complete;
      expect(await read(rest)).toMatch(new RegExp(`^snapshot is corrupt \\(${missing}: `));
    }
    expect(await read({ ...complete, skipped: 'none' })).toMatch(/^snapshot is corrupt \(skipped: /);
    expect(await read({ ...complete, builtAt: 0 })).toMatch(/^snapshot is corrupt \(builtAt: /);
    for (const notAnObject of ['[]', 'null', '"snapshot"']) expect(await read(notAnObject)).toBe('snapshot is corrupt (not a snapshot object)');
    // Parts that each parse but contradict each other, each named.
    const withIndex = (change: (index: Snapshot['index']) => void) => {
      const copy = structuredClone(complete);
      change(copy.index);
      return read(copy);
    };
    const { index } = complete;
    expect(await withIndex((i) => (i.miniSearch.documentCount += 1))).toBe(
      `snapshot is corrupt (the index holds ${index.miniSearch.documentCount + 1} sentences, the list ${index.sentences.length})`,
    );
    expect(await withIndex((i) => (i.sentences[0]!.id = 7))).toBe('snapshot is corrupt (sentence ids are out of order)');
    expect(await withIndex((i) => (i.documents[0]!.sentences += 1))).toBe('snapshot is corrupt (documents and sentences disagree)');
    expect(await withIndex((i) => (i.miniSearch.terms = []))).toBe(`snapshot is corrupt (the index has 0 terms for ${index.sentenceFrequency.length} counted)`);
    // Which corpus it was built from is the caller's question: another fingerprint still reads.
    expect(await read({ ...complete, fingerprint: 'another corpus' })).toEqual({ ...complete, fingerprint: 'another corpus' });
    expect(await read(complete)).toEqual(complete);
  });
});

describe('fingerprintCorpus', () => {
  it('changes with any file\'s name or bytes, a new file, or the settings, and only then', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'a.txt'), '題\n本文です。');
    const settings = { maxSentenceChars: 300 };
    const first = await fingerprintCorpus(dir, settings);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await fingerprintCorpus(dir, { ...settings })).toBe(first);
    expect(await fingerprintCorpus(dir, { maxSentenceChars: 301 })).not.toBe(first);
    await writeFile(path.join(dir, 'a.txt'), '題\n本文です!');
    const edited = await fingerprintCorpus(dir, settings);
    expect(edited).not.toBe(first);
    await writeFile(path.join(dir, 'b.txt'), '別\n文。');
    const added = await fingerprintCorpus(dir, settings);
    expect(added).not.toBe(edited);
    await rename(path.join(dir, 'b.txt'), path.join(dir, 'c.txt'));
    expect(await fingerprintCorpus(dir, settings)).not.toBe(added);
  });
});
