/**
 * The snapshot survives a disk that fills up mid-write. The file system is real; only `writeFile`
 * is wrapped so that, when armed, it writes half the bytes and then fails as a full disk does, and
 * `readdir` so that, when armed, it lists a file another process has just removed.
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ANALYSIS_FOLDER } from '../src/analysis-cache.js';
import { KnowledgeBase } from '../src/index.js';
import { fingerprintCorpus, readSnapshot, removeStaleTemporaries, SNAPSHOT_FILE, writeSnapshot, type Snapshot } from '../src/snapshot.js';
import { tempDir, testConfig } from './helpers.js';

const disk = vi.hoisted(() => ({ fullAfterHalf: false, listedButGone: [] as string[] }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const wrapped: typeof real.writeFile = async (file, data, options) => {
    if (!disk.fullAfterHalf || typeof data !== 'string') return real.writeFile(file, data, options);
    disk.fullAfterHalf = false;
    const bytes = Buffer.from(data);
    await real.writeFile(file, bytes.subarray(0, bytes.length >> 1));
    throw Object.assign(new Error(`ENOSPC: no space left on device, write '${String(file)}'`), { code: 'ENOSPC' });
  };
  // When armed, a folder lists names another process has just removed (a replica sharing INDEX_DIR).
  const listing = (async (dir: string, options?: unknown) =>
    options === undefined ? [...(await real.readdir(dir)), ...disk.listedButGone.splice(0)] : real.readdir(dir, options as never)) as typeof real.readdir;
  return { ...real, writeFile: wrapped, readdir: listing };
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

  it('resolves once the snapshot is in place and leaves no temporary file beside it', async () => {
    const dir = await tempDir();
    const snapshot = { format: 7, builtAt: new Date(0).toISOString() } as unknown as Snapshot;
    await expect(writeSnapshot(dir, snapshot)).resolves.toBeUndefined();
    expect(await readdir(dir)).toEqual([SNAPSHOT_FILE]);
    expect(JSON.parse(await readFile(path.join(dir, SNAPSHOT_FILE), 'utf8'))).toEqual(snapshot);
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
    // A part deep inside is named by its whole path.
    expect(await withIndex((i) => (i.miniSearch.documentCount = -1))).toMatch(/^snapshot is corrupt \(index\.miniSearch\.documentCount: /);
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

  it('tells a link to nowhere from an empty file, so a snapshot is rebuilt when one becomes the other', async () => {
    const settings = { maxSentenceChars: 300 };
    const empty = await tempDir();
    await writeFile(path.join(empty, 'a.txt'), '');
    const broken = await tempDir();
    await symlink(path.join(broken, 'nowhere.txt'), path.join(broken, 'a.txt'));
    expect(await fingerprintCorpus(broken, settings)).not.toBe(await fingerprintCorpus(empty, settings));
  });
});

describe('removeStaleTemporaries', () => {
  const temporary = (pid: number) => `${SNAPSHOT_FILE}.${pid}.1700000000000.tmp`;
  /** A pid no process has: that of a child that has exited. */
  const exitedPid = () => spawnSync(process.execPath, ['-e', '']).pid;

  it('removes the temporaries of writes that never finished, this process\'s pid too, and keeps those of processes still running', async () => {
    const dir = await tempDir();
    // A process of another user: signalling it is not permitted, but it runs.
    const otherUser = exitedPid();
    const realKill = process.kill.bind(process);
    const spy = vi.spyOn(process, 'kill').mockImplementation((pid, signal) => {
      if (pid === otherUser) throw Object.assign(new Error('kill EPERM'), { code: 'EPERM' });
      return realKill(pid, signal);
    });
    try {
      const dead = exitedPid();
      const names = [temporary(process.pid), temporary(dead), temporary(otherUser), temporary(process.ppid), SNAPSHOT_FILE, 'notes.txt'];
      for (const name of names) await writeFile(path.join(dir, name), '{');
      expect((await removeStaleTemporaries(dir)).sort()).toEqual([temporary(process.pid), temporary(dead)].sort());
      expect((await readdir(dir)).sort()).toEqual([temporary(otherUser), temporary(process.ppid), SNAPSHOT_FILE, 'notes.txt'].sort());
    } finally {
      spy.mockRestore();
    }
  });

  it('does not fail when another process removed a stale temporary between listing and removing it', async () => {
    const dir = await tempDir();
    const gone = temporary(exitedPid());
    disk.listedButGone.push(gone);
    await expect(removeStaleTemporaries(dir)).resolves.toEqual([gone]);
    expect(await removeStaleTemporaries(path.join(dir, 'not there'))).toEqual([]);
  });
});
