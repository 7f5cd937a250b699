import { describe, expect, it } from 'vitest';
import { parseText } from '../src/parse-text.js';
import { cutLong, splitText } from '../src/split.js';
import { splitUnits } from '../src/units.js';

const split = (text: string, maxChars = 300) => splitUnits({ id: 'doc.txt', ...parseText(text), title: 't' }, maxChars).map((d) => d.unit);
const texts = (text: string, maxChars?: number) => split(text, maxChars).map((s) => s.text);

describe('splitUnits of plain text', () => {
  it('splits after Japanese and ASCII end marks and keeps 1-based lines and ordinals', () => {
    const sentences = split('見出し\n一文目です。二文目です！三文目？\n\nEnd here! Next');
    expect(sentences.map((s) => [s.n, s.line, s.text])).toEqual([
      [0, 1, '見出し'],
      [1, 2, '一文目です。'],
      [2, 2, '二文目です！'],
      [3, 2, '三文目？'],
      [4, 4, 'End here!'],
      [5, 4, 'Next'],
    ]);
    expect(sentences.every((s) => s.docId === 'doc.txt')).toBe(true);
  });

  it('never splits inside quotes or brackets', () => {
    expect(texts('彼は「今日は。明日も。」と言った。次の文。')).toEqual(['彼は「今日は。明日も。」と言った。', '次の文。']);
    expect(texts('注記(例。ほか)あり。『本。』です。')).toEqual(['注記(例。ほか)あり。', '『本。』です。']);
  });

  it('keeps repeated end marks, and a closing mark opened on an earlier line, with the sentence they end', () => {
    expect(texts('本当ですか？！はい。\n続きです。」次の文。')).toEqual(['本当ですか？！', 'はい。', '続きです。」', '次の文。']);
  });

  it('lets an unclosed bracket protect only its own line', () => {
    expect(texts('「閉じない。まま\n次の行。その次。')).toEqual(['「閉じない。まま', '次の行。', 'その次。']);
  });

  it('keeps URLs, emoji and hashtags whole and drops punctuation- or emoji-only pieces', () => {
    const found = texts('詳しくは https://example.com/a?b=c&d=e を見て。😳💦\n———\n・・・\nすごい!🇯🇵 #日米同盟 pic.twitter.com/x');
    expect(found).toEqual(['詳しくは https://example.com/a?b=c&d=e を見て。', 'すごい!🇯🇵 #日米同盟 pic.twitter.com/x']);
  });

  it('strips list markers and heading hashes', () => {
    expect(texts('# 見出し\n- 項目一\n・項目二\n1. 項目三')).toEqual(['見出し', '項目一', '項目二', '項目三']);
  });

  it('cuts over-long sentences at 、 within the limit, all on the same line', () => {
    const long = `${'あ'.repeat(30)}、${'い'.repeat(30)}、${'う'.repeat(30)}。`;
    const pieces = split(long, 40);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((p) => Array.from(p.text).length <= 40 && p.line === 1)).toBe(true);
    expect(pieces.map((p) => p.text).join('')).toBe(long);
    expect(pieces[0]!.text.endsWith('、')).toBe(true);
  });

  it('leaves a sentence of exactly the limit whole, and never cuts past the limit to reach a 、', () => {
    expect(texts(`${'あ'.repeat(5)}、${'い'.repeat(4)}`, 10)).toEqual([`${'あ'.repeat(5)}、${'い'.repeat(4)}`]);
    expect(texts(`${'あ'.repeat(11)}、${'い'.repeat(5)}`, 10)).toEqual(['あ'.repeat(10), `あ、${'い'.repeat(5)}`]);
  });

  it('ends a sentence at ASCII ?! together, and after ! only before a space (Yahoo!ニュース stays whole)', () => {
    expect(texts('本当?!はい。')).toEqual(['本当?!', 'はい。']);
    expect(texts('Yahoo!ニュースです。次?')).toEqual(['Yahoo!ニュースです。', '次?']);
  });

  it('cuts at a space (trimmed) or at a 、 from half the limit on; one before half is too early, so the cut is hard', () => {
    expect(texts('abc def ghi jkl', 8)).toEqual(['abc def', 'ghi jkl']);
    expect(texts('あいうえ、かきくけこ', 8)).toEqual(['あいうえ、', 'かきくけこ']);
    expect(texts('あ、いうえおかきくけ', 8)).toEqual(['あ、いうえおかき', 'くけ']);
  });

  it('hard-cuts a long run with no break, without splitting a surrogate pair', () => {
    const pieces = texts('𠮷'.repeat(100), 40);
    expect(pieces.map((p) => Array.from(p).length)).toEqual([40, 40, 20]);
  });
});

// The pieces are found again in their input by length and offset (units.ts), so no empty or extra piece.
describe('splitText and cutLong', () => {
  it('returns pieces that join to the line again, with no empty piece after a final end mark', () => {
    expect(splitText('終わり。')).toEqual(['終わり。']);
    expect(splitText('一文目。二文目')).toEqual(['一文目。', '二文目']);
    expect(splitText('')).toEqual([]);
  });

  it('returns no empty piece for blank text', () => {
    expect(cutLong('   ', 10)).toEqual([]);
    expect(cutLong(' あいう ', 10)).toEqual(['あいう']);
  });
});
