/** The index over analyzed units (search-index.ts): what a unit stores, a copy's analysis, and the snapshot's form of the index. */
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../src/analyze.js';
import { parseMarkdown } from '../src/parse-markdown.js';
import { parseText } from '../src/parse-text.js';
import { analyzeDocument, assembleIndex, deserializeIndex, relocated, serializeIndex, type SerializedIndex } from '../src/search-index.js';

const analyzed = async (text: string, id = 'lighthouse.txt') => analyzeDocument({ id, ...parseText(text), title: '記録' }, await Analyzer.load(), 300);

describe('a unit', () => {
  it('stores its nouns, the people it names and its words with their readings', async () => {
    const { units } = await analyzed('記録\n山根一郎が灯台を建てた。');
    const unit = units.find((u) => u.sentence.text === '山根一郎が灯台を建てた。')!;
    expect(unit.sentence.nouns).toEqual(['山根', '一郎', '灯台']);
    expect(unit.sentence.people).toEqual(['山根', '一郎']);
    expect(unit.kana).toEqual([['山根', 'ヤマネ'], ['一郎', 'イチロウ'], ['灯台', 'トウダイ'], ['建てる', 'タテ']]);
  });

  it('searches a labelled line by the words of its nearest heading, which it speaks of, as its own; not a sentence', async () => {
    const page = '# 属性\n\n## 特別な属性\n\n### key\n\n- **期待する値:** `number | string`\n\n識別に使われます。\n';
    const { units } = await analyzeDocument({ id: 'a.md', title: '属性', ...parseMarkdown(page, 'vitepress') }, await Analyzer.load(), 300);
    const words = units.map((u) => [u.sentence.text, u.fields.words.split(' ')]);
    expect(words).toEqual([
      ['期待する値: number | string', ['期待', '値', 'number', 'string', 'key']],
      ['識別に使われます。', ['識別', '使う']],
    ]);
  });

  it('takes for a labelled line the words of its nearest heading when that is its only one, and nothing from a heading without words', async () => {
    const page = '# 属性\n\n## key\n\n- **期待する値:** `number | string`\n\n## ！！\n\n- **既定:** `1`\n';
    const { units } = await analyzeDocument({ id: 'a.md', title: '属性', ...parseMarkdown(page, 'vitepress') }, await Analyzer.load(), 300);
    expect(units.map((u) => [u.sentence.text, u.fields.words.split(' ')])).toEqual([
      ['期待する値: number | string', ['期待', '値', 'number', 'string', 'key']],
      ['既定: 1', ['既定', '1']],
    ]);
  });

  it('searches a unit by the words of each heading above it, one heading\'s words not run into the next\'s', async () => {
    const page = '# 設定\n\n## server\n\n### port\n\nポート番号を指定します。\n';
    const { units } = await analyzeDocument({ id: 'a.md', title: '設定', ...parseMarkdown(page, 'vitepress') }, await Analyzer.load(), 300);
    expect(units.map((u) => u.sentence.section)).toEqual([['server', 'port']]);
    expect(units[0]!.fields.section.split(' ')).toEqual(expect.arrayContaining(['server', 'port']));
  });

  it('lists with their readings only the words that have one: a Latin word has none', async () => {
    const { units } = await analyzed('記録\nVite を使う。');
    expect(units.find((u) => u.sentence.text === 'Vite を使う。')!.kana).toEqual([['使う', 'ツカウ']]);
  });
});

describe('analyzing a long document', () => {
  it('gives the event loop turns while it works: chat adapters must acknowledge within 3 s meanwhile', async () => {
    const analyzer = await Analyzer.load();
    const text = ['記録', ...Array.from({ length: 120 }, (_, i) => `灯台の${i + 1}番目の記録である。`)].join('\n');
    let turns = 0;
    let done = false;
    const turn = () => {
      turns++;
      if (!done) setImmediate(turn);
    };
    setImmediate(turn);
    const { units } = await analyzeDocument({ id: 'long.txt', ...parseText(text), title: '記録' }, analyzer, 300);
    done = true;
    expect(units.length).toBeGreaterThan(100);
    expect(turns).toBeGreaterThanOrEqual(2);
  });
});

describe('the analysis of a copy', () => {
  it('names the copy in its source and every unit, and is the analysis itself for the same name', async () => {
    const original = await analyzed('記録\n灯台は白い。');
    expect(relocated(original, 'lighthouse.txt')).toBe(original);
    const copy = relocated(original, 'uploads/lighthouse.txt');
    expect(copy.source).toEqual({ ...original.source, docId: 'uploads/lighthouse.txt' });
    expect(copy.units.map((u) => u.sentence.docId)).toEqual(original.units.map(() => 'uploads/lighthouse.txt'));
    expect(copy.units.map((u) => u.sentence.text)).toEqual(original.units.map((u) => u.sentence.text));
    expect(original.units.every((u) => u.sentence.docId === 'lighthouse.txt')).toBe(true);
  });
});

describe('the serialized index', () => {
  it('comes back with the same units, documents, term counts and sounds', async () => {
    const index = await assembleIndex([await analyzed('記録\n山根一郎が灯台を建てた。')]);
    const back = deserializeIndex(JSON.parse(JSON.stringify(serializeIndex(index))) as SerializedIndex);
    expect(back.sentences).toEqual(index.sentences);
    expect(back.documents).toEqual(index.documents);
    expect(back.sentenceFrequency.get('灯台')).toBe(1);
    expect(back.sentenceFrequency).toEqual(index.sentenceFrequency);
    expect(back.readingFrequency).toEqual(index.readingFrequency);
    expect(back.sounds.size).toBeGreaterThan(0);
    expect(back.sounds).toEqual(index.sounds);
    expect(back.miniSearch.documentCount).toBe(index.sentences.length);
  });

  it('is refused when its parts do not fit together', async () => {
    const index = await assembleIndex([await analyzed('記録\n山根一郎が灯台を建てた。')]);
    const good = JSON.parse(JSON.stringify(serializeIndex(index))) as SerializedIndex;
    expect(() => deserializeIndex(structuredClone(good))).not.toThrow();
    const damaged: Partial<Record<keyof SerializedIndex, unknown>>[] = [
      { sentences: good.sentences.slice(1) },
      { sentences: {} },
      { documents: {} },
      { sentenceFrequency: {} },
      { readingFrequency: {} },
      { sounds: {} },
    ];
    for (const part of damaged) {
      expect(() => deserializeIndex({ ...structuredClone(good), ...part } as SerializedIndex), Object.keys(part)[0]).toThrow(/do not match the index/);
    }
  });
});
