/**
 * Documents added and removed from chat: indexed and answerable at once, only that document
 * analyzed; a refused file (binary, Shift_JIS, too large, a path, a hidden name, an existing name)
 * says why and leaves the corpus as it was.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase, UploadRefusedError } from '../src/index.js';
import { checkUpload, removeDocumentFile, writeUpload } from '../src/uploads.js';
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
    expect(change.report).toMatchObject({ analyzed: 1, reused: 5, documents: 6, by: 'moderator' });
    expect(await readFile(path.join(corpus, 'uploads/mars.md'), 'utf8')).toBe(MARS);
    expect((await kb.ask('火星探査機はどこに着陸した？')).citations[0]?.docId).toBe('uploads/mars.md');
  });

  it.each([
    ['a binary file', 'image.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), /binary/],
    ['Shift_JIS text', 'sjis.txt', Buffer.from([0x8f, 0xac, 0x90, 0xf2, 0x96, 0x68, 0x89, 0x71]), /UTF-8/],
    ['a file over MAX_FILE_BYTES', 'big.txt', bytes('あ'.repeat(40000)), /MAX_FILE_BYTES/],
    ['a path out of the corpus', '../x.md', bytes(MARS), /plain file name/],
    ['a path into a folder', 'sub/x.md', bytes(MARS), /plain file name/],
    ['a name with a control character', 'x\u0007y.md', bytes(MARS), /plain file name/],
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

describe('upload checks and their undo (src/uploads.ts)', () => {
  const rules = (corpusDir: string) => ({ corpusDir, uploadDir: path.join(corpusDir, 'uploads'), maxFileBytes: 20, anchorStyle: 'vitepress' as const });

  it('says in Japanese and in English why a file is refused, and takes a file of exactly the size limit', async () => {
    const corpus = await tempDir();
    const check = (name: string, content: Uint8Array) => checkUpload({ name, bytes: content }, rules(corpus));
    await expect(check('x.md', bytes('あいうえおかきくけこ。'))).rejects.toThrow('ファイルが大きすぎます (33 bytes is over MAX_FILE_BYTES (20))');
    await expect(check('x.md', bytes('This is text.'.padEnd(20, ' ')))).resolves.toBe('uploads/x.md');
    await expect(check('..', bytes('本文。'))).rejects.toThrow(/^ファイル名にはフォルダーや隠しファイルを指定できません \(/);
    await expect(check('x.pdf', bytes('本文。'))).rejects.toThrow(/^対応していない種類です: .txt, .md, .mdx, .markdown, .html, .htm のみ \(/);
    await expect(check('x.md', Buffer.from([0x41, 0x00]))).rejects.toThrow(/^バイナリファイルは追加できません \(/);
    await expect(check('x.txt', Buffer.from([0x8f, 0xac, 0x90, 0xf2]))).rejects.toThrow(/^UTF-8 のテキストではありません。UTF-8 で保存してください \(the file is not UTF-8/);
    await expect(check('x.md', bytes('```\nx\n```\n'))).rejects.toThrow(/^回答に使える文章がありません \(/);
  });

  it('undoes a write by putting the replaced file back, or by removing the new one', async () => {
    const corpus = await tempDir();
    const file = path.join(corpus, 'a.md');
    const undoNew = await writeUpload(corpus, 'a.md', bytes('新しい。'));
    await undoNew();
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
    await writeUpload(corpus, 'a.md', bytes('古い。'));
    const undoReplace = await writeUpload(corpus, 'a.md', bytes('新しい。'));
    expect(await readFile(file, 'utf8')).toBe('新しい。');
    await undoReplace();
    expect(await readFile(file, 'utf8')).toBe('古い。');
  });

  it('undoes the write of a new file that is already gone without failing', async () => {
    const corpus = await tempDir();
    const undo = await writeUpload(corpus, 'a.md', bytes('新しい。'));
    await rm(path.join(corpus, 'a.md'));
    await expect(undo()).resolves.toBeUndefined();
  });

  it('removes a document file with a way to put it back, and refuses one outside the corpus or missing', async () => {
    const corpus = await tempDir();
    await writeUpload(corpus, 'a.md', bytes('本文。'));
    const putBack = await removeDocumentFile(corpus, 'a.md');
    await expect(readFile(path.join(corpus, 'a.md'))).rejects.toThrow(/ENOENT/);
    await putBack();
    expect(await readFile(path.join(corpus, 'a.md'), 'utf8')).toBe('本文。');
    await expect(removeDocumentFile(corpus, '../a.md')).rejects.toThrow('その資料はありません (../a.md is not in the corpus)');
    await expect(removeDocumentFile(corpus, 'b.md')).rejects.toThrow('その資料はありません (b.md is not in the corpus)');
  });
});
