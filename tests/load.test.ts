import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeText, loadCorpus } from '../src/load.js';
import { splitUnits } from '../src/units.js';
import { tempDir } from './helpers.js';

describe('loadCorpus', () => {
  it('reads txt, Markdown (md, mdx, markdown) and html recursively, skips bad files with reasons and never throws', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'sub'));
    await writeFile(path.join(dir, 'a.txt'), '日米の話題\n本文です。');
    await writeFile(path.join(dir, 'sub', 'b.md'), '# 見出しの題\n\n本文です。');
    await writeFile(path.join(dir, 'sub', 'd.mdx'), "import Tabs from '@theme/Tabs';\n\n# MDX の題\n\n本文です。");
    await writeFile(path.join(dir, 'e.markdown'), '---\ntitle: 長い拡張子\n---\n\n本文です。');
    await writeFile(path.join(dir, 'c.txt'), 'これは題ではなく文です。\n次。');
    await writeFile(path.join(dir, 'latin1.txt'), Buffer.from([0x93, 0xfa, 0x95, 0x9f, 0x0a]));
    await writeFile(path.join(dir, 'empty.txt'), '  \n\n');
    await writeFile(path.join(dir, 'binary.txt'), Buffer.from([0x41, 0x00, 0x42]));
    await writeFile(path.join(dir, 'huge.txt'), 'あ'.repeat(2000));
    await writeFile(path.join(dir, 'notes.csv'), 'ignored,file');

    const { documents, skipped } = await loadCorpus(dir, 1000);

    expect(documents.map((d) => [d.id, d.title])).toEqual([
      ['a.txt', '日米の話題'],
      ['c.txt', 'c.txt'],
      ['e.markdown', '長い拡張子'],
      ['sub/b.md', '見出しの題'],
      ['sub/d.mdx', 'MDX の題'],
    ]);
    const reasons = Object.fromEntries(skipped.map((s) => [s.file, s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['binary.txt', 'empty.txt', 'huge.txt', 'latin1.txt']);
    expect(reasons['latin1.txt']).toMatch(/UTF-8/);
    expect(reasons['empty.txt']).toMatch(/empty/);
    expect(reasons['binary.txt']).toMatch(/binary/);
    expect(reasons['huge.txt']).toMatch(/too large.*MAX_FILE_BYTES/);
    // Skipped files are listed by name, whatever order they were read in.
    expect(skipped.map((s) => s.file)).toEqual(['binary.txt', 'empty.txt', 'huge.txt', 'latin1.txt']);
  });

  it('reads .htm as HTML and a file of exactly MAX_FILE_BYTES', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'page.htm'), '<html><head><title>古い拡張子</title></head><body><p>本文です。</p></body></html>');
    await writeFile(path.join(dir, 'exact.txt'), `題\n${'あ'.repeat(30)}。`); // 1 + 3 + 90 + 3 bytes
    const { documents, skipped } = await loadCorpus(dir, 97);
    expect(skipped).toEqual([]);
    expect(documents.map((d) => [d.id, d.title, d.blocks.map((b) => b.text)])).toEqual([
      ['exact.txt', '題', ['題', `${'あ'.repeat(30)}。`]],
      ['page.htm', '古い拡張子', ['本文です。']],
    ]);
  });

  it('strips HTML tags and entities but keeps the file’s line numbers', async () => {
    const dir = await tempDir();
    const html = '<html><head><title>題 &amp; 名</title>\n<style>p{}</style></head>\n<body><p>一行目の文。</p><p>同じ行の&lt;次&gt;。</p>\n<script>\nx()\n</script>\n<div>五行目<br>改行後</div></body></html>';
    await writeFile(path.join(dir, 'page.html'), html);
    const { documents } = await loadCorpus(dir, 1_000_000);
    const doc = documents[0]!;
    expect(doc.title).toBe('題 & 名');
    expect(splitUnits(doc, 300).map(({ unit }) => [unit.line, unit.text])).toEqual([
      [3, '一行目の文。'],
      [3, '同じ行の<次>。'],
      [7, '五行目'],
      [7, '改行後'],
    ]);
  });

  it('reads a page whose front matter is broken, titled by its first # heading, and skips pages with nothing but code, images or menus', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'broken.md'), '---\ntitle: [閉じない\n---\n\n# 見出しの題\n\n本文です。\n');
    await writeFile(path.join(dir, 'code.md'), '# \n\n![図](./a.png)\n\n```sh\nnpm install\n```\n');
    await writeFile(path.join(dir, 'menu.html'), '<html><body><nav><a href="/">ホーム</a></nav><p><img src="a.png"></p><pre><code>npm install</code></pre><script>x()</script></body></html>');
    const { documents, skipped } = await loadCorpus(dir, 1_000_000);
    expect(documents.map((d) => [d.id, d.title, splitUnits(d, 300).map(({ unit }) => [unit.line, unit.text])])).toEqual([['broken.md', '見出しの題', [[7, '本文です。']]]]);
    expect(skipped.map((s) => [s.file, s.reason])).toEqual([
      ['code.md', 'empty: no text to answer from'],
      ['menu.html', 'empty: no text to answer from'],
    ]);
  });

  it('skips a link to something other than a file, saying so', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'folder'));
    await symlink(path.join(dir, 'folder'), path.join(dir, 'folder.md'));
    await writeFile(path.join(dir, 'a.txt'), '題\n本文です。');
    const { documents, skipped } = await loadCorpus(dir, 1000);
    expect(documents.map((d) => d.id)).toEqual(['a.txt']);
    expect(skipped).toEqual([{ file: 'folder.md', reason: 'not a file' }]);
  });

  it('reports an unreadable corpus folder by failing the whole load', async () => {
    await expect(loadCorpus('/nonexistent/corpus/dir', 1000)).rejects.toThrow();
  });
});

describe('loadCorpus, when a file cannot be read or parsed', () => {
  afterEach(() => {
    vi.doUnmock('node:fs');
    vi.doUnmock('../src/parse-markdown.js');
  });

  it('skips a file it may not read, or cannot read, with the error, and loads the rest', async () => {
    const dir = await tempDir();
    for (const name of ['a.txt', 'locked.txt', 'damaged.txt']) await writeFile(path.join(dir, name), '題\n本文です。');
    vi.resetModules();
    vi.doMock('node:fs', async (importOriginal) => {
      const actual = await importOriginal<typeof import('node:fs')>();
      const failing = (name: string, file: string, code: string) => {
        if (path.basename(name) === file) throw Object.assign(new Error(`${code}: ${file}`), { code });
      };
      const statSync = ((name: string, ...rest: unknown[]) => {
        failing(name, 'locked.txt', 'EACCES');
        return (actual.statSync as (...args: unknown[]) => unknown)(name, ...rest);
      }) as typeof actual.statSync;
      const readFileSync = ((name: string, ...rest: unknown[]) => {
        failing(name, 'damaged.txt', 'EIO');
        return (actual.readFileSync as (...args: unknown[]) => unknown)(name, ...rest);
      }) as typeof actual.readFileSync;
      return { ...actual, statSync, readFileSync, default: { ...actual, statSync, readFileSync } };
    });
    const { loadCorpus: load } = await import('../src/load.js');
    const { documents, skipped } = await load(dir, 1000);
    expect(documents.map((d) => d.id)).toEqual(['a.txt']);
    expect(skipped).toEqual([
      { file: 'damaged.txt', reason: 'unreadable: EIO: damaged.txt' },
      { file: 'locked.txt', reason: 'unreadable: EACCES: locked.txt' },
    ]);
  });

  it('skips a file its parser fails on, with the error, and loads the rest', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'a.txt'), '題\n本文です。');
    await writeFile(path.join(dir, 'b.md'), '# 題\n\n本文です。');
    vi.resetModules();
    vi.doMock('../src/parse-markdown.js', () => ({
      parseMarkdown: () => {
        throw new Error('Maximum call stack size exceeded');
      },
    }));
    const { loadCorpus: load } = await import('../src/load.js');
    const { documents, skipped } = await load(dir, 1000);
    expect(documents.map((d) => d.id)).toEqual(['a.txt']);
    expect(skipped).toEqual([{ file: 'b.md', reason: 'cannot be parsed: Maximum call stack size exceeded' }]);
  });
});

describe('decodeText', () => {
  it('drops a leading byte order mark only, and ends lines with \\n whether they were written \\r\\n or \\r', () => {
    expect(decodeText(new TextEncoder().encode('\uFEFFa\r\nb\rc\n'))).toEqual({ text: 'a\nb\nc\n' });
    expect(decodeText(new TextEncoder().encode('a\uFEFFb'))).toEqual({ text: 'a\uFEFFb' });
    expect(decodeText(Buffer.from([0x93, 0xfa]))).toEqual({ problem: 'not UTF-8' });
    expect(decodeText(Buffer.from([0x41, 0x00]))).toEqual({ problem: 'binary' });
  });
});
