/**
 * The synonyms file on its own, without a knowledge base (retrieval-signals.test.ts checks what
 * the groups do to answers): what a line makes a group of, which terms a question mentions, and
 * why a file that cannot be used is skipped.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSynonyms, loadSynonyms, parseSynonyms, SYNONYMS_FILE } from '../src/synonyms.js';
import { tempDir } from './helpers.js';

describe('parseSynonyms and findSynonyms', () => {
  it('drops empty terms: a stray comma neither makes a group nor a term every question mentions', () => {
    const groups = parseSynonyms('首相,, 総理\nひとつ,\n');
    expect(groups).toEqual([['首相', '総理']]);
    expect(findSynonyms('天気は？', groups)).toEqual([]);
  });

  it('takes the longest term used whatever its place in the group', () => {
    expect(findSynonyms('お父さんは誰', parseSynonyms('お父さん, 父, father'))).toEqual([{ term: 'お父さん', others: ['父', 'father'] }]);
  });

  it('finds a Japanese term anywhere, even right after Latin letters', () => {
    expect(findSynonyms('viteサーバーのポートは？', parseSynonyms('サーバー, server'))).toEqual([{ term: 'サーバー', others: ['server'] }]);
  });

  it('finds a term that mixes Japanese with Latin letters or digits anywhere, as a Japanese term', () => {
    expect(findSynonyms('新4k8k衛星放送とは', parseSynonyms('8k衛星放送, 8kテレビ放送'))).toEqual([{ term: '8k衛星放送', others: ['8kテレビ放送'] }]);
    expect(findSynonyms('プレステ4proの値段', parseSynonyms('プレステ4, ps4'))).toEqual([{ term: 'プレステ4', others: ['ps4'] }]);
  });

  it('matches a Latin term with regex characters literally', () => {
    const groups = parseSynonyms('node.js, ノード');
    expect(findSynonyms('node.jsとは', groups)).toEqual([{ term: 'node.js', others: ['ノード'] }]);
    expect(findSynonyms('nodexjsとは', groups)).toEqual([]);
  });
});

describe('loadSynonyms', () => {
  it('reads the groups, and takes no file as no synonyms, skipping nothing', async () => {
    const corpus = await tempDir();
    expect(await loadSynonyms(corpus)).toEqual({ groups: [] });
    await writeFile(path.join(corpus, SYNONYMS_FILE), '首相, 総理\n');
    expect(await loadSynonyms(corpus)).toEqual({ groups: [['首相', '総理']] });
  });

  it('skips a folder, a file that is not UTF-8 and one that cannot be read, saying which', async () => {
    const folder = await tempDir();
    await mkdir(path.join(folder, SYNONYMS_FILE));
    expect(await loadSynonyms(folder)).toEqual({ groups: [], skipped: { file: SYNONYMS_FILE, reason: 'is a folder, not a file' } });
    const shiftJis = await tempDir();
    await writeFile(path.join(shiftJis, SYNONYMS_FILE), Buffer.from('火星,\x83}\x81[\x83X\n', 'latin1'));
    expect((await loadSynonyms(shiftJis)).skipped?.reason).toMatch(/not valid UTF-8/);
    // A corpus "folder" that is a file: the read fails with ENOTDIR, neither missing nor a folder.
    const notAFolder = path.join(await tempDir(), 'corpus.txt');
    await writeFile(notAFolder, 'x');
    expect(await loadSynonyms(notAFolder)).toEqual({ groups: [], skipped: { file: SYNONYMS_FILE, reason: expect.stringMatching(/^unreadable: ENOTDIR/) } });
  });
});
