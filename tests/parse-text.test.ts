/** Plain text files (src/parse-text.ts): a block a line, and a title only when the first line reads as one. */
import { describe, expect, it } from 'vitest';
import { parseText } from '../src/parse-text.js';

describe('parseText', () => {
  it('makes each non-blank line a block with its own line number, markers and edge spaces dropped', () => {
    const { blocks } = parseText('島の記録\n\n  - 人口は1200人だった。  \n> 引用の行\n2) 二番目\n');
    expect(blocks.map((b) => [b.line, b.text, b.kind])).toEqual([
      [1, '島の記録', 'line'],
      [3, '人口は1200人だった。', 'line'],
      [4, '引用の行', 'line'],
      [5, '二番目', 'line'],
    ]);
    // A line has no inline code, no breaks within it, no headings and nothing framing it.
    expect(blocks[0]).toEqual({ kind: 'line', text: '島の記録', code: [], line: 1, breaks: [], headingPath: [], headingIdWords: [], framing: [] });
  });

  it('keeps a number that starts a sentence, a hash without a space and a four-digit year', () => {
    const texts = parseText('2019年に建てられた。\n#タグ付きの行\n3.5%上がった。').blocks.map((b) => b.text);
    expect(texts).toEqual(['2019年に建てられた。', '#タグ付きの行', '3.5%上がった。']);
  });

  it('takes the first line for the title only when it is short and not a sentence', () => {
    expect(parseText('\n島の記録\n本文です。').title).toBe('島の記録');
    expect(parseText('島は南の海に浮かぶ。\n本文です。').title).toBeUndefined();
    expect(parseText('An island.\nText.').title).toBeUndefined();
    // A point inside the line is not an end mark.
    expect(parseText('Vue.js ガイド\n本文です。').title).toBe('Vue.js ガイド');
    expect(parseText(`${'あ'.repeat(80)}\n本文です。`).title).toBe('あ'.repeat(80));
    expect(parseText(`${'あ'.repeat(81)}\n本文です。`).title).toBeUndefined();
    // Characters, not UTF-16 units: 80 characters outside the BMP are still a title.
    expect(parseText(`${'𠮷'.repeat(80)}\n本文です。`).title).toBe('𠮷'.repeat(80));
    expect(parseText('\n \n')).toEqual({ title: undefined, blocks: [] });
  });
});
