/**
 * Documents added and removed from chat: indexed and answerable at once, only that document
 * analyzed; a refused file (binary, Shift_JIS, too large, a path, a hidden name, an existing name)
 * says why and leaves the corpus as it was.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase, UploadRefusedError } from '../src/index.js';
import { copyOfBundledCorpus, tempDir, testConfig } from './helpers.js';

const MARS = '# 火星探査\n\n火星探査機は北極に着陸した。着陸は二〇三〇年だった。\n';
const bytes = (text: string) => new TextEncoder().encode(text);

describe('documents from chat', () => {
  let corpus: string;
  let kb: KnowledgeBase;
  const listing = async () => (await readdir(corpus, { recursive: true })).sort();

  beforeAll(async () => {
    corpus = await copyOfBundledCorpus();
    kb = await KnowledgeBase.open(testConfig(corpus, await tempDir(), { CORPUS_UPLOAD_DIR: 'uploads', MAX_FILE_BYTES: '100000' }));
  });

  it('adds a document into the upload folder, analyzing only it, and answers from it at once', async () => {
    const change = await kb.addDocument({ name: 'mars.md', bytes: bytes(MARS) }, 'moderator');
    expect(change.docId).toBe('uploads/mars.md');
    expect(change.units).toBe(2);
    expect(change.report).toMatchObject({ analyzed: 1, reused: 5, documents: 6 });
    expect(await readFile(path.join(corpus, 'uploads/mars.md'), 'utf8')).toBe(MARS);
    expect((await kb.ask('火星探査機はどこに着陸した？')).citations[0]?.docId).toBe('uploads/mars.md');
  });

  it.each([
    ['a binary file', 'image.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), /binary/],
    ['Shift_JIS text', 'sjis.txt', Buffer.from([0x8f, 0xac, 0x90, 0xf2, 0x96, 0x68, 0x89, 0x71]), /UTF-8/],
    ['a file over MAX_FILE_BYTES', 'big.txt', bytes('あ'.repeat(40000)), /MAX_FILE_BYTES/],
    ['a path out of the corpus', '../x.md', bytes(MARS), /plain file name/],
    ['a path into a folder', 'sub/x.md', bytes(MARS), /plain file name/],
    ['a hidden file', '.x.md', bytes(MARS), /hidden/],
    ['a kind the bot cannot read', 'slides.pdf', bytes(MARS), /only .txt, .md, .mdx, .markdown, .html, .htm/],
    ['a file with nothing to answer from', 'code.md', bytes('```js\nconst x = 1;\n```\n'), /nothing to answer from/],
    ['an existing name without replace', 'mars.md', bytes(MARS), /already exists/],
  ])('refuses %s with the reason, and changes nothing', async (_, name, content, reason) => {
    const before = await listing();
    const builtAt = kb.sources().builtAt;
    const adding = kb.addDocument({ name, bytes: content });
    await expect(adding).rejects.toThrow(UploadRefusedError);
    await expect(adding).rejects.toThrow(reason);
    expect(await listing()).toEqual(before);
    expect(kb.sources().builtAt).toBe(builtAt);
  });

  it('replaces a document when asked to', async () => {
    const change = await kb.addDocument({ name: 'mars.md', bytes: bytes('# 火星探査\n\n火星探査機は南極に着陸した。\n'), replace: true });
    expect(change.units).toBe(1);
    expect((await kb.ask('火星探査機はどこに着陸した？')).text).toContain('南極');
  });

  it('takes two uploads at once, each indexed', async () => {
    const [a, b] = await Promise.all([
      kb.addDocument({ name: 'moon.txt', bytes: bytes('月面基地\n月面基地は南極に建設される。\n') }),
      kb.addDocument({ name: 'venus.txt', bytes: bytes('金星探査\n金星探査機は雲を観測した。\n') }),
    ]);
    // A .txt file's first line is its title and a unit too.
    expect([a.units, b.units]).toEqual([2, 2]);
    expect(kb.sources().documents.map((d) => d.docId)).toEqual(expect.arrayContaining(['uploads/moon.txt', 'uploads/venus.txt']));
  });

  it('removes a document, which then no longer answers', async () => {
    const change = await kb.removeDocument('uploads/mars.md');
    expect(change.units).toBe(0);
    expect(await listing()).not.toContain(path.join('uploads', 'mars.md'));
    expect((await kb.ask('火星探査機はどこに着陸した？')).citations.some((c) => c.docId === 'uploads/mars.md')).toBe(false);
    await expect(kb.removeDocument('uploads/mars.md')).rejects.toThrow(/not an indexed document/);
  });
});
