/**
 * A reindex analyzes only the documents that changed: the others come from the analysis cache,
 * and the index built from it is the one a full build makes. A damaged cache entry is noticed
 * and made again.
 */
import { appendFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANALYSIS_FOLDER } from '../src/analysis-cache.js';
import { KnowledgeBase } from '../src/index.js';
import { SNAPSHOT_FILE } from '../src/snapshot.js';
import { copyOfBundledCorpus, tempDir, testConfig } from './helpers.js';

const CHANGED = '001_b421503dcff6aa7c.txt';

describe('incremental reindex', () => {
  let corpus: string;
  let indexDir: string;
  let kb: KnowledgeBase;
  const cacheEntries = async () => (await readdir(path.join(indexDir, ANALYSIS_FOLDER))).filter((f) => f.endsWith('.json'));

  beforeAll(async () => {
    corpus = await copyOfBundledCorpus();
    indexDir = await tempDir();
    kb = await KnowledgeBase.open(testConfig(corpus, indexDir));
  });

  it('keeps the index when nothing changed, and reads the synonyms file again', async () => {
    const before = kb.search('小泉防衛相は何歳ですか');
    const synonyms = path.join(corpus, 'synonyms.csv');
    const saved = await readFile(synonyms);
    await rm(synonyms);
    await mkdir(synonyms);
    const report = await kb.reindex();
    expect(report).toMatchObject({ documents: 5, analyzed: 0, reused: 5 });
    expect(report.skipped).toEqual([{ file: 'synonyms.csv', reason: expect.stringMatching(/folder/) }]);
    expect(kb.search('小泉防衛相は何歳ですか')[0]!.sentence).toBe(before[0]!.sentence);
    await rm(synonyms, { recursive: true });
    await writeFile(synonyms, saved);
    expect((await kb.reindex()).skipped).toEqual([]);
    expect(await cacheEntries()).toHaveLength(5);
  });

  it('analyzes only the changed document, and builds the index a full build would', async () => {
    await appendFile(path.join(corpus, CHANGED), '\n火星探査機は北極に着陸した。\n');
    const report = await kb.reindex();
    expect(report).toMatchObject({ documents: 5, analyzed: 1, reused: 4 });
    expect((await kb.ask('火星探査機はどこに着陸した？')).citations[0]?.docId).toBe(CHANGED);

    const full = await KnowledgeBase.open(testConfig(corpus, await tempDir()));
    expect(kb.search('小泉防衛相は何歳ですか').slice(0, 10)).toEqual(full.search('小泉防衛相は何歳ですか').slice(0, 10));
    expect(kb.sources().documents).toEqual(full.sources().documents);
    // The old analysis of the changed document is gone; one entry per document remains.
    expect(await cacheEntries()).toHaveLength(5);
  });

  it('reindexes a changed corpus from a process started on the old snapshot, analyzing only what changed', async () => {
    await appendFile(path.join(corpus, CHANGED), '\n土星の輪は氷でできている。\n');
    const restarted = await KnowledgeBase.open(testConfig(corpus, indexDir), { anySnapshot: true });
    expect(restarted.search('土星の輪は何でできている？')[0]?.sentence.text).not.toContain('土星');
    expect(await restarted.reindex()).toMatchObject({ documents: 5, analyzed: 1, reused: 4 });
    expect(restarted.search('土星の輪は何でできている？')[0]?.sentence.text).toBe('土星の輪は氷でできている。');
  });

  it('notices a damaged cache entry, analyzes that document again and repairs the entry', async () => {
    const [entry] = await cacheEntries();
    const file = path.join(indexDir, ANALYSIS_FOLDER, entry!);
    const good = await readFile(file, 'utf8');
    await writeFile(file, good.replace(/"text":"(.)/, (_, ch: string) => `"text":"${ch === 'あ' ? 'い' : 'あ'}`));
    // A build (here: a start without a snapshot) reads the cache, and must not trust the entry.
    await rm(path.join(indexDir, SNAPSHOT_FILE));
    const reopened = await KnowledgeBase.open(testConfig(corpus, indexDir));
    expect(await readFile(file, 'utf8')).toBe(good);
    expect(reopened.search('小泉防衛相は何歳ですか')[0]!.sentence.text).toBe(kb.search('小泉防衛相は何歳ですか')[0]!.sentence.text);
  });

  it('analyzes a copy of a document in another folder once; each copy\'s units name their own file', async () => {
    const copy = path.join('v2', CHANGED);
    await mkdir(path.join(corpus, 'v2'));
    await writeFile(path.join(corpus, copy), await readFile(path.join(corpus, CHANGED)));
    expect(await kb.reindex()).toMatchObject({ documents: 6, analyzed: 0, reused: 6 });
    const { documents } = kb.sources();
    expect(documents.find((d) => d.docId === copy)).toEqual({ ...documents.find((d) => d.docId === CHANGED), docId: copy });
    const found = kb.search('土星の輪は何でできている？').slice(0, 2).map((r) => r.sentence);
    expect(found.map((s) => s.docId).sort()).toEqual([CHANGED, copy]);
    expect(found[0]!.text).toBe(found[1]!.text);
    expect(await cacheEntries()).toHaveLength(5);
    // Built from nothing, the same: the copy is analyzed once.
    const fresh = await tempDir();
    const full = await KnowledgeBase.open(testConfig(corpus, fresh));
    expect(full.sources().documents).toEqual(documents);
    expect(full.search('土星の輪は何でできている？').map((r) => r.sentence)).toEqual(kb.search('土星の輪は何でできている？').map((r) => r.sentence));
    expect(await readdir(path.join(fresh, ANALYSIS_FOLDER))).toHaveLength(5);
    await rm(path.join(corpus, 'v2'), { recursive: true });
  });

  it('forgets the analysis of a removed document', async () => {
    await rm(path.join(corpus, CHANGED));
    const report = await kb.reindex();
    expect(report).toMatchObject({ documents: 4, analyzed: 0, reused: 4 });
    expect(await cacheEntries()).toHaveLength(4);
  });
});
