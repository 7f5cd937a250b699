/**
 * The prepared (unpacked, trimmed) kuromoji dictionary: the same tokens as the package's own on
 * real text, a damaged copy noticed and prepared again, and the package's own used when no copy
 * can be made.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Analyzer } from '../src/analyze.js';
import { preparedDictionaryPath, preparedTokenizer, readTargetMap, stockTokenizer, withoutPadding } from '../src/dictionary.js';
import { BUNDLED_CORPUS, tempDir } from './helpers.js';

type Tokenizer = Awaited<ReturnType<typeof stockTokenizer>>;

async function realText(): Promise<string[]> {
  const corpus = await Promise.all(
    (await readdir(BUNDLED_CORPUS)).filter((f) => f.endsWith('.txt')).map((f) => readFile(path.join(BUNDLED_CORPUS, f), 'utf8')),
  );
  const jsquad = JSON.parse(await readFile(new URL('./fixtures/jsquad-excerpt.json', import.meta.url), 'utf8')) as {
    data: { title: string; paragraphs: { context: string; qas: { question: string }[] }[] }[];
  };
  const excerpt = jsquad.data.flatMap((article) => [
    article.title,
    ...article.paragraphs.flatMap((p) => [p.context, ...p.qas.map((q) => q.question)]),
  ]);
  // Unknown words of every script too: they go through the trimmed unknown-word tables.
  return [...corpus.flatMap((text) => text.split('\n')), ...excerpt, 'ヘグセス氏とＧＣＡＰ、한국어、ไทย、😀、ℵ₀、ｶﾀｶﾅ'];
}

describe('the prepared dictionary', () => {
  let stock: Tokenizer;
  let cacheDir: string;
  beforeAll(async () => {
    stock = await stockTokenizer();
    cacheDir = await tempDir();
  });

  it('tokenizes the bundled corpus and the JSQuAD excerpt exactly as the package’s own', async () => {
    const prepared = await preparedTokenizer(cacheDir);
    const lines = await realText();
    expect(lines.length).toBeGreaterThan(500);
    for (const line of lines) expect(prepared.tokenize(line)).toEqual(stock.tokenize(line));
  });

  it('reads the word map into exact arrays holding what kuromoji’s own reader holds', async () => {
    const own = (stock as unknown as { token_info_dictionary: { target_map: Record<string, number[]> } }).token_info_dictionary.target_map;
    const read = readTargetMap(await readFile(path.join(preparedDictionaryPath(cacheDir), 'tid_map.dat')));
    const ownIds = Object.keys(own).map(Number);
    expect(ownIds.length).toBeGreaterThan(300_000);
    expect(read.filter((entries) => entries !== undefined)).toHaveLength(ownIds.length);
    // One comparison of the whole map (326,000 `toEqual` calls take seconds).
    expect(JSON.stringify(ownIds.map((id) => read[id]))).toBe(JSON.stringify(ownIds.map((id) => own[id])));
  });

  it('is smaller than the unpacked package dictionary', async () => {
    const dir = preparedDictionaryPath(cacheDir);
    const bytes = (await Promise.all((await readdir(dir)).map((f) => readFile(path.join(dir, f))))).reduce((n, b) => n + b.length, 0);
    expect(bytes).toBeLessThan(70 * 2 ** 20);
  });

  it('notices a damaged file by its checksum and prepares the copy again', async () => {
    const file = path.join(preparedDictionaryPath(cacheDir), 'tid.dat');
    const good = await readFile(file);
    const damaged = Buffer.from(good);
    damaged[1000] = damaged[1000]! ^ 0xff;
    await writeFile(file, damaged);
    const prepared = await preparedTokenizer(cacheDir);
    expect((await readFile(file)).equals(good)).toBe(true);
    expect(prepared.tokenize('小泉防衛相は何歳ですか')).toEqual(stock.tokenize('小泉防衛相は何歳ですか'));
  });

  it('falls back to the package’s own dictionary when no copy can be made', async () => {
    const unwritable = '/dev/null/cache';
    await expect(preparedTokenizer(unwritable)).rejects.toThrow();
    const analyzer = await Analyzer.load(unwritable);
    expect(analyzer.analyze('小泉防衛相は何歳ですか').words).toEqual(['小泉', '防衛', '相', '何', '歳']);
  });

  it('prepares its copy trimmed and with the compact word map, in a folder of its own that leaves the rest of the cache folder alone', async () => {
    const shared = await tempDir();
    await mkdir(path.join(shared, 'sudachi-synonyms-1.0.0-c1'));
    await writeFile(path.join(shared, 'sudachi-synonyms-1.0.0-c1', 'thesaurus.json'), 'the thesaurus\'s copy');
    const prepared = await preparedTokenizer(shared);
    expect(prepared.tokenize('小泉防衛相は何歳ですか')).toEqual(stock.tokenize('小泉防衛相は何歳ですか'));
    const dir = preparedDictionaryPath(shared);
    expect((await readdir(shared)).sort()).toEqual([path.basename(dir), 'sudachi-synonyms-1.0.0-c1'].sort());
    expect(await readFile(path.join(shared, 'sudachi-synonyms-1.0.0-c1', 'thesaurus.json'), 'utf8')).toBe('the thesaurus\'s copy');
    const bytes = (await Promise.all((await readdir(dir)).map((f) => readFile(path.join(dir, f))))).reduce((n, b) => n + b.length, 0);
    expect(bytes).toBeLessThan(70 * 2 ** 20);
    // kuromoji's own reader keeps the word map in an object of grown arrays, three times the heap.
    expect(Array.isArray((prepared as unknown as { token_info_dictionary: { target_map: unknown } }).token_info_dictionary.target_map)).toBe(true);
  });

  it('says which dictionary could not be loaded and why', async () => {
    vi.resetModules();
    vi.doMock('kuromoji', () => ({
      default: { builder: () => ({ build: (done: (err: Error | null) => void) => done(new Error('ENOENT: no such file or directory, open base.dat.gz')) }) },
    }));
    try {
      const { stockTokenizer: failing } = await import('../src/dictionary.js');
      await expect(failing()).rejects.toThrow(/^Could not load the kuromoji dictionary from \/.*kuromoji\/dict: ENOENT: no such file or directory, open base\.dat\.gz$/);
    } finally {
      vi.doUnmock('kuromoji');
    }
  });

  it('keeps a few zero bytes after the data and whole 4-byte words', () => {
    const trimmed = withoutPadding(new Uint8Array([1, 2, 3, 0, 0, ...new Array(100).fill(0)]));
    expect(trimmed.length % 4).toBe(0);
    expect(Array.from(trimmed.subarray(0, 3))).toEqual([1, 2, 3]);
    expect(trimmed.length).toBeGreaterThanOrEqual(3 + 8);
    expect(trimmed.length).toBeLessThan(20);
  });
});
