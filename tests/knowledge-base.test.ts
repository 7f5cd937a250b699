import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidQuestionError, KnowledgeBase, NOT_FOUND_MESSAGE, ReindexError } from '../src/index.js';
import { ANALYSIS_FOLDER } from '../src/analysis-cache.js';
import { SNAPSHOT_FILE, SNAPSHOT_FORMAT, writeSnapshot, type Snapshot } from '../src/snapshot.js';
import { copyOfBundledCorpus, corpusOf, tempDir, testConfig } from './helpers.js';

let corpus: string;
let indexDir: string;
let kb: KnowledgeBase;

beforeAll(async () => {
  // A private copy of the corpus, so tests can change it.
  corpus = await copyOfBundledCorpus();
  indexDir = await tempDir();
  kb = await KnowledgeBase.open(testConfig(corpus, indexDir));
});

describe('ask', () => {
  it('answers with cited sentences whose citations resolve to real lines', async () => {
    const answer = await kb.ask('小泉防衛相は何歳ですか');
    expect(answer.status).toBe('answered');
    expect(answer.text).toContain('44歳');
    expect(answer.citations.map((c) => c.n)).toEqual(answer.citations.map((_, i) => i + 1));
    for (const [i, sentence] of answer.sentences.entries()) {
      expect(answer.text).toContain(`${sentence.text} [${sentence.cite}]`);
      expect(sentence.cite).toBe(i + 1);
    }
    for (const citation of answer.citations) {
      const lines = (await readFile(path.join(corpus, citation.docId), 'utf8')).split('\n');
      expect(lines[citation.line - 1]).toContain(citation.quote);
    }
  });

  it('ranks a question the same whatever was asked before (ranking reuses its arrays between questions)', async () => {
    const question = '小泉防衛相は何歳ですか';
    const ranked = (q: string) => kb.search(q).map((r) => [r.sentence.id, r.score]);
    const first = ranked(question);
    expect(first.length).toBeGreaterThan(0);
    for (const other of ['防衛相はどこを訪問しましたか', '在日米軍の駐留経費は', '44歳']) ranked(other);
    expect(ranked(question)).toEqual(first);
  });

  it('says plainly when nothing answers, with the closest documents', async () => {
    const answer = await kb.ask('火星探査機の着陸地点はどこですか');
    expect(answer.status).toBe('not_found');
    expect(answer.text).toBe(NOT_FOUND_MESSAGE);
    expect(answer.citations).toEqual([]);
    // One to three distinct, real documents, each with its own title.
    const titles = new Map(kb.sources().documents.map((d) => [d.docId, d.title]));
    expect(answer.closest.length).toBeGreaterThan(0);
    expect(answer.closest.length).toBeLessThanOrEqual(3);
    expect(new Set(answer.closest.map((d) => d.docId)).size).toBe(answer.closest.length);
    for (const d of answer.closest) expect(d.title).toBe(titles.get(d.docId));
  });

  it('suggests asking in Japanese when an English question finds nothing', async () => {
    const answer = await kb.ask('What is the recipe for apple pie?');
    expect(answer.status).toBe('not_found');
    expect(answer.text).toMatch(/Japanese/);
  });

  it.each([
    ['', /空/],
    ['   \n\t ', /空/],
    ['\u200b\u200b', /空/],
    ['あ'.repeat(501), /500/],
    // From a caller that does not check types (JSON, a platform payload).
    [42 as unknown as string, /type a question/],
    [undefined as unknown as string, /type a question/],
  ])('rejects an unusable question %#', async (question, message) => {
    await expect(kb.ask(question)).rejects.toThrow(InvalidQuestionError);
    await expect(kb.ask(question)).rejects.toThrow(message);
  });

  it('answers a 500-character question from all of it, the question coming last', async () => {
    const question = '小泉防衛相は何歳ですか';
    const long = 'えーと、'.repeat(125).slice(0, 500 - question.length) + question;
    expect(Array.from(long)).toHaveLength(500);
    expect((await kb.ask(long)).text).toContain('44歳');
  });

  it('reads full-width letters and digits as their ASCII forms', async () => {
    const answer = await kb.ask('ＧＤＰ比２％');
    expect(answer.status).toBe('answered');
    expect(answer.sentences[0]?.text).toContain('GDP比2%');
  });

  it('takes odd Unicode (flags, NUL, a lone surrogate, mentions) without crashing', async () => {
    const answer = await kb.ask('🇯🇵\u0000\ud800 @everyone <!channel>');
    expect(['answered', 'not_found']).toContain(answer.status);
  });
});

describe('sources', () => {
  it('lists every document with its sentence count', () => {
    const { documents, builtAt } = kb.sources();
    expect(documents.map((d) => d.docId)).toEqual([
      '000_91a77e97be857d03.txt',
      '001_b421503dcff6aa7c.txt',
      '002_ac1e1a175535d9d1.txt',
      '003_442978453d0daec2.txt',
      '004_2cd971693b78dadd.txt',
    ]);
    expect(documents.every((d) => d.sentences > 10)).toBe(true);
    expect(Date.parse(builtAt)).not.toBeNaN();
  });
});

describe('snapshot', () => {
  it('round-trips: a second open loads the snapshot instead of rebuilding', async () => {
    const again = await KnowledgeBase.open(testConfig(corpus, indexDir));
    expect(again.sources()).toEqual(kb.sources());
    expect(await again.ask('小泉防衛相は何歳ですか')).toMatchObject({ text: (await kb.ask('小泉防衛相は何歳ですか')).text });
  });

  it('rebuilds when the corpus changed since the snapshot', async () => {
    const dir = await tempDir();
    const index = await tempDir();
    await writeFile(path.join(dir, 'a.txt'), '題\n最初の文書です。');
    const first = await KnowledgeBase.open(testConfig(dir, index));
    await writeFile(path.join(dir, 'b.txt'), '追加\n新しい文書です。');
    const second = await KnowledgeBase.open(testConfig(dir, index));
    expect(first.sources().documents).toHaveLength(1);
    expect(second.sources().documents).toHaveLength(2);
    expect(second.sources().builtAt).not.toBe(first.sources().builtAt);
  });

  it('rebuilds over a corrupt or foreign snapshot', async () => {
    const index = await tempDir();
    for (const junk of ['{"format": 1, "index": tru', '{"format": 999}', '\u0000\u0001binary']) {
      await writeFile(path.join(index, SNAPSHOT_FILE), junk);
      const reopened = await KnowledgeBase.open(testConfig(corpus, index));
      expect(reopened.sources().documents).toHaveLength(5);
      expect(JSON.parse(await readFile(path.join(index, SNAPSHOT_FILE), 'utf8')).format).toBe(SNAPSHOT_FORMAT);
    }
  });

  it('rebuilds over a snapshot whose stamp is right but whose contents are damaged', async () => {
    const index = await tempDir();
    await KnowledgeBase.open(testConfig(corpus, index));
    const file = path.join(index, SNAPSHOT_FILE);
    const good = JSON.parse(await readFile(file, 'utf8'));
    for (const damage of [
      (s: any) => (s.index.sentences = s.index.sentences.slice(1)),
      (s: any) => (s.index.miniSearch = { nonsense: true }),
      (s: any) => (s.index.sentences[3] = null),
    ]) {
      const snapshot = structuredClone(good);
      damage(snapshot);
      await writeFile(file, JSON.stringify(snapshot));
      const reopened = await KnowledgeBase.open(testConfig(corpus, index));
      expect((await reopened.ask('小泉防衛相は何歳ですか')).text).toContain('44歳');
    }
  });

  it('leaves no temporary file behind, even when the snapshot cannot be serialized (a failed write mid-way: snapshot.test.ts)', async () => {
    expect((await readdir(indexDir)).filter((f) => f !== SNAPSHOT_FILE && f !== ANALYSIS_FOLDER)).toEqual([]);
    const before = await readFile(path.join(indexDir, SNAPSHOT_FILE), 'utf8');
    const unserializable = { format: 1n } as unknown as Snapshot; // BigInt: JSON.stringify throws
    await expect(writeSnapshot(indexDir, unserializable)).rejects.toThrow();
    expect(await readFile(path.join(indexDir, SNAPSHOT_FILE), 'utf8')).toBe(before);
    expect((await readdir(indexDir)).sort()).toEqual([ANALYSIS_FOLDER, SNAPSHOT_FILE]);
  });
});

describe('reindex', () => {
  it('shares one run between concurrent calls and swaps in the new index', async () => {
    await writeFile(path.join(corpus, 'extra.md'), '# 追加資料\n\n火星探査機は北極に着陸した。');
    const [first, second] = await Promise.all([kb.reindex({ by: 'a' }), kb.reindex({ by: 'b' })]);
    expect(first.joined).toBe(false);
    expect(second.joined).toBe(true);
    expect(second.builtAt).toBe(first.builtAt);
    expect(first.documents).toBe(6);
    expect((await kb.ask('火星探査機はどこに着陸した？')).citations[0]?.docId).toBe('extra.md');
    await rm(path.join(corpus, 'extra.md'));
  });

  it('keeps answering from the old index while a reindex runs', async () => {
    const running = kb.reindex();
    expect(kb.reindexing).toBe(true);
    expect((await kb.ask('小泉防衛相は何歳ですか')).status).toBe('answered');
    await running;
    expect(kb.reindexing).toBe(false);
  });

  it('keeps the old index when a reindex fails, and says why', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'a.txt'), '題\n火星探査機は北極に着陸した。');
    const small = await KnowledgeBase.open(testConfig(dir, await tempDir()));
    await rm(path.join(dir, 'a.txt'));
    await writeFile(path.join(dir, 'bad.txt'), Buffer.from([0xff, 0xfe, 0x00]));
    await expect(small.reindex()).rejects.toThrow(ReindexError);
    await expect(small.reindex()).rejects.toThrow(/no usable documents/);
    expect((await small.ask('火星探査機はどこに着陸した？')).status).toBe('answered');
    expect(small.sources().documents).toHaveLength(1);
  });
});

describe('a knowledge base over a small corpus', () => {
  const TOWER = '町の記録\n白塔は1920年に建てられた。白塔の設計者は北村一郎である。\n春に市が開かれる。';

  it('skips a file with no text and an unusable synonyms file, and still lists them after a reindex of an unchanged corpus', async () => {
    const dir = await corpusOf({ 'tower.txt': TOWER, 'code.md': '```js\nconst x = 1;\n```\n' });
    await mkdir(path.join(dir, 'synonyms.csv'));
    const small = await KnowledgeBase.open(testConfig(dir, await tempDir()));
    const files = (skipped: { file: string }[]) => skipped.map((s) => s.file).sort();
    expect(files(small.sources().skipped)).toEqual(['code.md', 'synonyms.csv']);
    expect(small.sources().skipped.find((s) => s.file === 'code.md')?.reason).toMatch(/no text to answer from/);
    const before = performance.now();
    const report = await small.reindex();
    expect(report).toMatchObject({ analyzed: 0, reused: 1, documents: 1 });
    expect(files(report.skipped)).toEqual(['code.md', 'synonyms.csv']);
    expect(report.tookMs).toBeGreaterThanOrEqual(0);
    expect(report.tookMs).toBeLessThanOrEqual(performance.now() - before + 1);
  });

  it('builds the index again, and analyzes the documents again, when MAX_SENTENCE_CHARS changes', async () => {
    const long = `${'島の灯台は古い時代に建てられ、'.repeat(5)}今も港を照らしている。`;
    const dir = await corpusOf({ 'light.txt': `灯台の記録\n${long}` });
    const indexDir = await tempDir();
    const wide = await KnowledgeBase.open(testConfig(dir, indexDir));
    const narrow = await KnowledgeBase.open(testConfig(dir, indexDir, { MAX_SENTENCE_CHARS: '40' }));
    expect(narrow.sources().documents[0]!.sentences).toBeGreaterThan(wide.sources().documents[0]!.sentences);
  });

  it('says whether it refuses, in explain as in ask', async () => {
    const small = await KnowledgeBase.open(testConfig(await corpusOf({ 'tower.txt': TOWER }), await tempDir()));
    expect(small.explain('白塔はいつ建てられた？').refused).toBe(false);
    const refused = small.explain('火星の白塔の首都の人口は？');
    expect(refused.ranked.length).toBeGreaterThan(0);
    expect(refused.refused).toBe(true);
    expect((await small.ask('火星の白塔の首都の人口は？')).status).toBe('not_found');
  });

  it('reads only the last five earlier questions of a thread', async () => {
    const small = await KnowledgeBase.open(testConfig(await corpusOf({ 'tower.txt': TOWER }), await tempDir()));
    const full = '白塔を設計したのは誰ですか';
    expect((await small.ask('それはいつ？', { context: [full, ...Array<string>(4).fill('それは？')] })).status).toBe('answered');
    expect((await small.ask('それはいつ？', { context: [full, ...Array<string>(5).fill('それは？')] })).status).toBe('not_found');
  });

  it('lowers the sentence that answered the earlier question only for a follow-up that leans on it', async () => {
    const small = await KnowledgeBase.open(testConfig(await corpusOf({ 'tower.txt': TOWER }), await tempDir()));
    const earlier = '白塔はいつ建てられた？';
    expect((await small.ask(earlier)).sentences[0]?.text).toBe('白塔は1920年に建てられた。');
    const read = (question: string) => small.explain(question, { context: [earlier] }).ranked.filter((r) => r.signals.alreadyAnswered === 1).map((r) => r.sentence.text);
    expect(read('他には？')).toEqual(['白塔は1920年に建てられた。']);
    // A full question of its own.
    expect(read('白塔の設計者の名前は何ですか')).toEqual([]);
  });
});
