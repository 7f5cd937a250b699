/** The "show passage" view's paragraph, read from a real document in a temporary corpus folder. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPassages } from '../../adapters/shared/passage.js';
import { PASSAGE_CONTEXT_LINES } from '../../adapters/shared/tuning.js';
import { tempDir } from '../helpers.js';

// Two paragraphs; the second is longer than PASSAGE_CONTEXT_LINES on each side of line 6.
const DOCUMENT = ['前の段落。', '', '一行目。', '二行目。', '三行目。', '前文。引用文。後文。', '七行目。', '八行目。', '九行目。'].join('\n');

let corpus: string;
beforeAll(async () => {
  // The corpus is a subfolder, so a document beside it shows whether an id can lead out.
  const root = await tempDir();
  corpus = path.join(root, 'corpus');
  await mkdir(corpus);
  await writeFile(path.join(corpus, 'doc.txt'), DOCUMENT);
  // Its paragraphs are parted by lines of spaces (ASCII, a tab, an ideographic space).
  await writeFile(path.join(corpus, 'spaces.txt'), ['前。', ' \u3000', '甲。', ' \t ', '後。'].join('\n'));
  await writeFile(path.join(root, 'outside.txt'), DOCUMENT);
});

const citation = (line: number, quote: string, docId = 'doc.txt') => ({ n: 1, docId, title: 'T', line, quote });
const partsOf = async (line: number, quote: string, docId?: string) => (await readPassages(corpus, [citation(line, quote, docId)]))[0]!.parts;

describe('readPassages', () => {
  it('marks the quote within its line, with up to PASSAGE_CONTEXT_LINES lines of its paragraph on each side', async () => {
    expect(PASSAGE_CONTEXT_LINES).toBe(2);
    expect(await partsOf(6, '引用文。')).toEqual([
      { text: '二行目。\n三行目。\n前文。', cited: false },
      { text: '引用文。', cited: true },
      { text: '後文。\n七行目。\n八行目。', cited: false },
    ]);
  });

  it('stops at the blank line that ends the paragraph, and leaves out empty parts', async () => {
    expect(await partsOf(3, '一行目。')).toEqual([
      { text: '一行目。', cited: true },
      { text: '\n二行目。\n三行目。', cited: false },
    ]);
  });

  it('shows a line that no longer holds the quote whole and unmarked, and nothing for a line or document that is gone', async () => {
    expect(await partsOf(1, '消えた文。')).toEqual([{ text: '前の段落。', cited: false }]);
    expect(await partsOf(99, '引用文。')).toBeUndefined();
    expect(await partsOf(1, '前の段落。', 'gone.txt')).toBeUndefined();
    expect(await partsOf(1, '前の段落。', '../outside.txt')).toBeUndefined();
  });

  it('keeps the citation of a source it cannot show, in order, so the view can still name it', async () => {
    const gone = citation(1, 'q', 'gone.txt');
    const kept = citation(3, '一行目。');
    expect(await readPassages(corpus, [gone, kept])).toEqual([{ citation: gone }, { citation: kept, parts: expect.any(Array) }]);
  });

  it('stops at the end of the document, and at a line of only spaces as at a blank one', async () => {
    expect(await partsOf(8, '八行目。')).toEqual([
      { text: '前文。引用文。後文。\n七行目。\n', cited: false },
      { text: '八行目。', cited: true },
      { text: '\n九行目。', cited: false },
    ]);
    expect(await partsOf(9, '九行目。')).toEqual([
      { text: '七行目。\n八行目。\n', cited: false },
      { text: '九行目。', cited: true },
    ]);
    expect(await partsOf(3, '甲。', 'spaces.txt')).toEqual([{ text: '甲。', cited: true }]);
  });

  it('shows the line whole and unmarked when the quote is empty', async () => {
    expect(await partsOf(1, '')).toEqual([{ text: '前の段落。', cited: false }]);
  });
});
