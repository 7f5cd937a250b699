/** The on-disk cache of each document's analysis (src/analysis-cache.ts), over real files. */
import { mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ANALYSIS_FOLDER, AnalysisCache } from '../src/analysis-cache.js';
import type { AnalyzedDocument } from '../src/search-index.js';
import { tempDir } from './helpers.js';

const analysis = { source: { docId: 'a.txt', title: 'A', sentences: 0 }, units: [] } as unknown as AnalyzedDocument;

describe('AnalysisCache', () => {
  it('keys an analysis by the file\'s name and text and the settings, not by its folder', async () => {
    const cache = new AnalysisCache(await tempDir(), { version: 1 });
    const key = (id: string, text: string) => cache.key({ id, text });
    expect(key('v1/guide.md', '本文')).toBe(key('v2/guide.md', '本文'));
    expect(key('guide.md', '本文')).not.toBe(key('intro.md', '本文'));
    expect(key('guide.md', '本文')).not.toBe(key('guide.md', '本文。'));
    expect(new AnalysisCache(await tempDir(), { version: 2 }).key({ id: 'guide.md', text: '本文' })).not.toBe(key('guide.md', '本文'));
  });

  it('gives back what was put, removes a damaged entry, and keeps only the entries asked for', async () => {
    const dir = await tempDir();
    const cache = new AnalysisCache(dir, {});
    // Nothing cached yet: no folder, nothing to remove.
    await expect(cache.keepOnly(new Set())).resolves.toBeUndefined();
    await cache.put('a', analysis);
    await cache.put('b', analysis);
    expect(await cache.get('a')).toEqual(analysis);
    expect(await cache.get('missing')).toBeUndefined();
    const file = path.join(dir, ANALYSIS_FOLDER, 'a.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('units', 'unitz'));
    expect(await cache.get('a')).toBeUndefined();
    expect(await readdir(path.join(dir, ANALYSIS_FOLDER))).toEqual(['b.json']);
    await cache.put('c', analysis);
    await cache.keepOnly(new Set(['c']));
    expect(await readdir(path.join(dir, ANALYSIS_FOLDER))).toEqual(['c.json']);
  });

  it('finds an analysis it saved after it first looked (a build lists the folder once)', async () => {
    const cache = new AnalysisCache(await tempDir(), {});
    expect(await cache.get('aa')).toBeUndefined();
    await cache.put('aa', analysis);
    expect(await cache.get('aa')).toEqual(analysis);
  });

  it('creates its folder again after a failure, once what stood in the way is gone', async () => {
    const indexDir = await tempDir();
    await writeFile(path.join(indexDir, ANALYSIS_FOLDER), 'a file where the folder goes');
    const cache = new AnalysisCache(indexDir, {});
    await expect(cache.put('aa', analysis)).rejects.toThrow();
    await rm(path.join(indexDir, ANALYSIS_FOLDER));
    await cache.put('aa', analysis);
    expect(await readdir(path.join(indexDir, ANALYSIS_FOLDER))).toEqual(['aa.json']);
  });

  it('keeps the temporary file of a write under way (another replica), removes one a crash left and entries not kept', async () => {
    const indexDir = await tempDir();
    const folder = path.join(indexDir, ANALYSIS_FOLDER);
    await mkdir(folder);
    for (const name of ['aa.json', 'bb.json', '.cc.json.1.tmp', '.dd.json.2.tmp']) await writeFile(path.join(folder, name), '');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(path.join(folder, '.dd.json.2.tmp'), twoHoursAgo, twoHoursAgo);
    await new AnalysisCache(indexDir, {}).keepOnly(new Set(['aa']));
    expect((await readdir(folder)).sort()).toEqual(['.cc.json.1.tmp', 'aa.json']);
  });

  it('finds nothing, and does not fail, when an entry it listed has gone since (another replica removed it)', async () => {
    const dir = await tempDir();
    const cache = new AnalysisCache(dir, {});
    await cache.put('aa', analysis);
    expect(await cache.get('aa')).toEqual(analysis);
    await rm(path.join(dir, ANALYSIS_FOLDER, 'aa.json'));
    expect(await cache.get('aa')).toBeUndefined();
  });

  it('finds nothing, and does not fail, when another replica removes a damaged entry between its read and its removal', async () => {
    const dir = await tempDir();
    await new AnalysisCache(dir, {}).put('aa', analysis);
    const file = path.join(dir, ANALYSIS_FOLDER, 'aa.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('units', 'unitz'));
    vi.resetModules();
    vi.doMock('node:fs/promises', async (importOriginal) => {
      const actual = await importOriginal<typeof import('node:fs/promises')>();
      // The other replica's removal, right after this one's read.
      const readThenRemoved = (async (name: string, options: unknown) => {
        const text = await actual.readFile(name, options as 'utf8');
        if (name === file) await actual.rm(name);
        return text;
      }) as typeof actual.readFile;
      return { ...actual, readFile: readThenRemoved, default: { ...actual, readFile: readThenRemoved } };
    });
    try {
      const { AnalysisCache: Racing } = await import('../src/analysis-cache.js');
      expect(await new Racing(dir, {}).get('aa')).toBeUndefined();
    } finally {
      vi.doUnmock('node:fs/promises');
    }
  });

  it('keeps an entry asked for however old it is (an unchanged document\'s)', async () => {
    const indexDir = await tempDir();
    const cache = new AnalysisCache(indexDir, {});
    await cache.put('aa', analysis);
    const file = path.join(indexDir, ANALYSIS_FOLDER, 'aa.json');
    const lastYear = new Date(Date.now() - 365 * 24 * 60 * 60 * 1000);
    await utimes(file, lastYear, lastYear);
    await cache.keepOnly(new Set(['aa']));
    expect(await new AnalysisCache(indexDir, {}).get('aa')).toEqual(analysis);
  });
});
