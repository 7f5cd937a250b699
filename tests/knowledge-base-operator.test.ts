/**
 * What the core does on its own and tells whoever runs it: following the snapshots another
 * process writes into a shared INDEX_DIR, answering from a saved index when the corpus cannot be
 * indexed, writing the analysis cache a few files at a time, and the log lines that say so (read
 * here from the process logger's stream).
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AnalysisCache } from '../src/analysis-cache.js';
import { ConfigError, KnowledgeBase, ReindexError } from '../src/index.js';
import { SNAPSHOT_FILE, writeSnapshot, type Snapshot } from '../src/snapshot.js';
import { corpusOf, tempDir, testConfig } from './helpers.js';
import { captureLog, withMessage, type LogLine } from './support/log-lines.js';
import { eventually } from './support/question-db.js';

// The tests run with LOG_LEVEL=silent; this file reads the log, so it is made before the logger is.
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'info';
});

/** How often a snapshot file has been read, by anyone in this process. */
const disk = vi.hoisted(() => ({ snapshotReads: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const readFile = ((file: Parameters<typeof real.readFile>[0], ...rest: unknown[]) => {
    if (String(file).endsWith('/snapshot.json')) disk.snapshotReads++;
    return (real.readFile as (...args: unknown[]) => unknown)(file, ...rest);
  }) as typeof real.readFile;
  return { ...real, readFile };
});

const TOWER = '町の記録\n白塔は1920年に建てられた。白塔の設計者は北村一郎である。\n春に市が開かれる。';
const MARS = '火星の記録\n火星探査機は北極に着陸した。\n';
const MOON = '月の記録\n月面基地は南極に建設される。\n';

/** Every line logged while this file runs, parsed, instead of written to stderr. */
const lines: LogLine[] = [];
const logged = (msg: string) => withMessage(lines, msg);

beforeAll(() => {
  afterAll(captureLog(lines));
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const FOLLOW_MS = 20;
/** Long enough for the follower to look many times. */
const severalLooks = () => pause(FOLLOW_MS * 20);

describe('followSnapshots', () => {
  let corpus: string;
  let indexDir: string;
  let builder: KnowledgeBase;
  let follower: KnowledgeBase;
  let stop: () => void;

  beforeAll(async () => {
    corpus = await corpusOf({ 'tower.txt': TOWER });
    indexDir = await tempDir();
    builder = await KnowledgeBase.open(testConfig(corpus, indexDir));
    follower = await KnowledgeBase.open(testConfig(corpus, indexDir));
    stop = follower.followSnapshots(FOLLOW_MS);
    afterAll(() => stop());
  });

  it('switches to each index another process on the same INDEX_DIR builds, and says so', async () => {
    await severalLooks(); // the follower has looked at the snapshot both started from
    for (const [name, text, question] of [
      ['mars.txt', MARS, '火星探査機はどこに着陸した？'],
      ['moon.txt', MOON, '月面基地はどこに建設される？'],
    ] as const) {
      await writeFile(path.join(corpus, name), text);
      expect((await follower.ask(question)).status).not.toBe('answered');
      const { builtAt } = await builder.reindex();
      await eventually(() => follower.sources().builtAt === builtAt, `the follower switches to the index of ${builtAt}`);
      expect((await follower.ask(question)).status).toBe('answered');
      expect(follower.sources().documents.map((d) => d.docId)).toContain(name);
      expect(logged('Switched to the index another process built').at(-1)).toMatchObject({ level: 30, builtAt });
    }
  });

  it('does not load again the snapshot it wrote itself', async () => {
    const before = logged('Switched to the index another process built').length;
    await writeFile(path.join(corpus, 'more.txt'), '追記\n北村一郎は建築家である。\n');
    const { builtAt } = await follower.reindex();
    await severalLooks();
    expect(follower.sources().builtAt).toBe(builtAt);
    expect(logged('Switched to the index another process built')).toHaveLength(before);
  });

  it('does not read the snapshot again while it has not changed', async () => {
    await severalLooks();
    const before = disk.snapshotReads;
    await severalLooks();
    expect(disk.snapshotReads).toBe(before);
  });

  it('keeps its index and says why when a newer snapshot cannot be loaded', async () => {
    const good = JSON.parse(await readFile(path.join(indexDir, SNAPSHOT_FILE), 'utf8')) as Snapshot;
    const builtAt = follower.sources().builtAt;
    const damaged = { ...good, builtAt: new Date(Date.parse(builtAt) + 60_000).toISOString(), index: { ...good.index, miniSearch: { ...good.index.miniSearch, postings: 'not postings' } } } as unknown as Snapshot;
    await writeSnapshot(indexDir, damaged);
    await eventually(() => logged('Could not read a new snapshot').length > 0, 'the follower reports the damaged snapshot');
    expect(logged('Could not read a new snapshot')[0]).toMatchObject({ level: 40, err: { message: expect.any(String) } });
    expect(follower.sources().builtAt).toBe(builtAt);
    expect((await follower.ask('火星探査機はどこに着陸した？')).status).toBe('answered');
    await writeSnapshot(indexDir, good);
  });

  it('stops following when told to', async () => {
    stop();
    const builtAt = follower.sources().builtAt;
    await writeFile(path.join(corpus, 'last.txt'), '最後\n春の市は三日間続く。\n');
    const report = await builder.reindex();
    expect(report.builtAt).not.toBe(builtAt);
    await severalLooks();
    expect(follower.sources().builtAt).toBe(builtAt);
  });
});

describe('open', () => {
  it('says it removed the temporary files of a snapshot write that never finished', async () => {
    const indexDir = await tempDir();
    const leftover = `${SNAPSHOT_FILE}.${spawnSync(process.execPath, ['-e', '']).pid}.1700000000000.tmp`;
    await writeFile(path.join(indexDir, leftover), '{');
    await KnowledgeBase.open(testConfig(await corpusOf({ 'tower.txt': TOWER }), indexDir));
    expect(logged('Removed temporary files of an interrupted snapshot write').at(-1)).toMatchObject({ level: 30, files: [leftover] });
  });

  it('names the skipped files, and the unusable synonyms file when it answers from the snapshot', async () => {
    const corpus = await corpusOf({ 'tower.txt': TOWER, 'code.md': '```js\nconst x = 1;\n```\n' });
    await mkdir(path.join(corpus, 'synonyms.csv'));
    const config = testConfig(corpus, await tempDir());
    await KnowledgeBase.open(config);
    const skipped = logged('Skipped a corpus file').map((line) => line.file);
    expect(skipped).toEqual(expect.arrayContaining(['code.md', 'synonyms.csv']));
    expect(logged('Skipped a corpus file').find((line) => line.file === 'code.md')).toMatchObject({ level: 40, reason: expect.stringMatching(/no text/) });
    await KnowledgeBase.open(config);
    expect(logged('Not using the synonyms file').at(-1)).toMatchObject({ level: 40, file: 'synonyms.csv', reason: expect.any(String) });
  });

  it('says why it rebuilds: a changed corpus, a damaged snapshot', async () => {
    const corpus = await corpusOf({ 'tower.txt': TOWER });
    const indexDir = await tempDir();
    const config = testConfig(corpus, indexDir);
    await KnowledgeBase.open(config);
    await writeFile(path.join(corpus, 'mars.txt'), MARS);
    await KnowledgeBase.open(config);
    expect(logged('Rebuilding the index: corpus or settings changed since the snapshot was built').at(-1)).toMatchObject({ level: 40, indexDir });

    const file = path.join(indexDir, SNAPSHOT_FILE);
    const snapshot = JSON.parse(await readFile(file, 'utf8'));
    snapshot.index.miniSearch.postings = 'not postings'; // passes the shape check, fails to decode
    await writeFile(file, JSON.stringify(snapshot));
    const count = lines.length;
    await KnowledgeBase.open(config);
    const rebuilding = lines.slice(count).filter((line) => String(line.msg).startsWith('Rebuilding the index: '));
    expect(rebuilding).toHaveLength(1);
    expect(rebuilding[0]).toMatchObject({ level: 40, indexDir });
    expect(rebuilding[0]!.msg).toMatch(/^Rebuilding the index: snapshot is damaged \(.+\)$/);
  });

  it('answers from the saved index when the corpus cannot be read or indexed, and says why', async () => {
    const corpus = await corpusOf({ 'tower.txt': TOWER });
    const config = testConfig(corpus, await tempDir());
    const { builtAt } = (await KnowledgeBase.open(config)).sources();

    await rm(path.join(corpus, 'tower.txt'));
    await writeFile(path.join(corpus, 'code.md'), '```js\nconst x = 1;\n```\n');
    const unindexable = await KnowledgeBase.open(config);
    expect(unindexable.sources().builtAt).toBe(builtAt);
    expect(logged(`Answering from the saved index of ${builtAt}: the corpus could not be indexed`).at(-1)).toMatchObject({
      level: 40,
      corpusDir: corpus,
      err: { message: expect.stringMatching(/no usable documents/) },
    });

    await rm(corpus, { recursive: true });
    const unreadable = await KnowledgeBase.open(config);
    expect((await unreadable.ask('白塔はいつ建てられた？')).status).toBe('answered');
    expect(logged(`Answering from the saved index of ${builtAt}: the corpus cannot be read`).at(-1)).toMatchObject({
      level: 40,
      corpusDir: corpus,
      err: { message: expect.any(String) },
    });
  });

  it('refuses to start, naming both causes, with no snapshot and a corpus that cannot be indexed', async () => {
    const corpus = await corpusOf({ 'code.md': '```js\nconst x = 1;\n```\n' });
    const opening = KnowledgeBase.open(testConfig(corpus, await tempDir()));
    await expect(opening).rejects.toThrow(ConfigError);
    await expect(opening).rejects.toThrow(/no snapshot yet.*no usable documents/);
  });

  it('still answers when the snapshot cannot be saved, and says so', async () => {
    const indexDir = await tempDir();
    await mkdir(path.join(indexDir, SNAPSHOT_FILE)); // a folder where the file goes: the rename fails
    const kb = await KnowledgeBase.open(testConfig(await corpusOf({ 'tower.txt': TOWER }), indexDir));
    expect((await kb.ask('白塔はいつ建てられた？')).status).toBe('answered');
    expect(logged('Could not save the index snapshot').at(-1)).toMatchObject({ level: 40, indexDir, err: { message: expect.any(String) } });
  });
});

describe('the analysis cache', () => {
  it('is written at most eight analyses at a time, and every analysis is written', async () => {
    const real = AnalysisCache.prototype.put;
    let inFlight = 0;
    let most = 0;
    const put = vi.spyOn(AnalysisCache.prototype, 'put').mockImplementation(async function (this: AnalysisCache, ...args) {
      most = Math.max(most, ++inFlight);
      try {
        await pause(100); // a slow disk: the writes pile up if nothing holds them back
        await real.apply(this, args);
      } finally {
        inFlight--;
      }
    });
    try {
      const files = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`doc${i}.txt`, `記録${i}\n白塔の${i}階は${1900 + i}年に建てられた。\n`]));
      const corpus = await corpusOf(files);
      const indexDir = await tempDir();
      await KnowledgeBase.open(testConfig(corpus, indexDir));
      expect(put).toHaveBeenCalledTimes(20);
      expect(most).toBeLessThanOrEqual(8);
      expect(most).toBeGreaterThan(1);
      // Every analysis reached the cache: another process on the same INDEX_DIR analyzes nothing.
      await writeFile(path.join(corpus, 'extra.txt'), MARS);
      const report = await (await KnowledgeBase.open(testConfig(corpus, indexDir), { anySnapshot: true })).reindex();
      expect(report).toMatchObject({ analyzed: 1, reused: 20 });
    } finally {
      put.mockRestore();
    }
  });

  it('says which analysis it could not cache, and that old analyses could not be removed; the index is built all the same', async () => {
    const put = vi.spyOn(AnalysisCache.prototype, 'put').mockRejectedValue(new Error('EIO: i/o error, write'));
    const keepOnly = vi.spyOn(AnalysisCache.prototype, 'keepOnly').mockRejectedValue(new Error('EIO: i/o error, unlink'));
    try {
      const kb = await KnowledgeBase.open(testConfig(await corpusOf({ 'tower.txt': TOWER }), await tempDir()));
      expect((await kb.ask('白塔はいつ建てられた？')).status).toBe('answered');
      expect(logged('Could not cache the analysis').at(-1)).toMatchObject({ level: 40, file: 'tower.txt', err: { message: 'EIO: i/o error, write' } });
      expect(logged('Could not remove old analyses').at(-1)).toMatchObject({ level: 40, err: { message: 'EIO: i/o error, unlink' } });
    } finally {
      put.mockRestore();
      keepOnly.mockRestore();
    }
  });
});

describe('reindex', () => {
  it('logs who reindexed and what the run did, or why it failed', async () => {
    const corpus = await corpusOf({ 'tower.txt': TOWER, 'code.md': '```js\nconst x = 1;\n```\n' });
    const kb = await KnowledgeBase.open(testConfig(corpus, await tempDir()));
    await writeFile(path.join(corpus, 'mars.txt'), MARS);
    const report = await kb.reindex({ by: 'U123' });
    expect(logged('Reindexed').at(-1)).toEqual(
      expect.objectContaining({ level: 30, by: 'U123', documents: 2, sentences: report.sentences, analyzed: 1, reused: 1, skipped: 1, builtAt: report.builtAt }),
    );

    await rm(path.join(corpus, 'tower.txt'));
    await rm(path.join(corpus, 'mars.txt'));
    await expect(kb.reindex({ by: 'U456' })).rejects.toThrow(ReindexError);
    expect(logged('Reindex failed; the previous index is still answering').at(-1)).toMatchObject({
      level: 50,
      by: 'U456',
      err: { message: expect.stringMatching(/no usable documents/) },
    });
  });

  it('takes documents up to MAX_FILE_BYTES from chat', async () => {
    const kb = await KnowledgeBase.open(testConfig(await corpusOf({ 'tower.txt': TOWER }), await tempDir(), { MAX_FILE_BYTES: '12345' }));
    expect(kb.maxFileBytes).toBe(12345);
  });
});

describe('addDocument', () => {
  it('takes the document back out when the reindex after it fails, and says why', async () => {
    const corpus = await corpusOf({ 'tower.txt': TOWER });
    const kb = await KnowledgeBase.open(testConfig(corpus, await tempDir()));
    const before = await readdir(corpus, { recursive: true });
    const get = vi.spyOn(AnalysisCache.prototype, 'get').mockRejectedValue(new Error('EIO: i/o error, read'));
    try {
      await expect(kb.addDocument({ name: 'mars.txt', bytes: new TextEncoder().encode(MARS) }, 'moderator')).rejects.toThrow(/Reindex failed: EIO/);
    } finally {
      get.mockRestore();
    }
    expect(await readdir(corpus, { recursive: true })).toEqual(before);
    expect(kb.sources().documents.map((d) => d.docId)).toEqual(['tower.txt']);
  });
});
