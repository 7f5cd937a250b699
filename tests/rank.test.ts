/** Ranking (rank.ts): the signals of a candidate and what is searched, each on a tiny corpus built in its test (the real core, no mocks). */
import { describe, expect, it } from 'vitest';
import { KnowledgeBase, type Signals } from '../src/index.js';
import { openKnowledgeBaseOver } from './helpers.js';

const txt = (...lines: string[]) => lines.join('\n');
/** The signals of the candidate whose text is `text`, for `question`. */
const signalsOf = (docs: KnowledgeBase, question: string, text: string): Signals | undefined => docs.search(question).find((r) => r.sentence.text === text)?.signals;

describe('the heading signal', () => {
  it('marks a short line with no end mark at its end that ends in a noun, not one ending in a verb or running 45 characters', async () => {
    const long = '島の灯台と港の防波堤と東の浜と西の岬と北の丘と南の森と遠い沖の小島とその他の場所の古い記録'; // 45 characters
    expect(Array.from(long)).toHaveLength(45);
    const lines = ['島の灯台(東)の記録', 'この灯台の関わり', '島の灯台を建てた', long.slice(0, 44), long];
    const docs = await openKnowledgeBaseOver({ 'h.txt': txt('記録', ...lines, '灯台は古い。') });
    const heading = (text: string) => signalsOf(docs, '灯台の記録の関わりを建てた', text)?.heading;
    // A bracket inside is no end mark; `関わり` ends in kana but is the line's last noun.
    expect(heading('島の灯台(東)の記録')).toBe(1);
    expect(heading('この灯台の関わり')).toBe(1);
    expect(heading('島の灯台を建てた')).toBe(0);
    expect(heading(long.slice(0, 44))).toBe(1);
    expect(heading(long)).toBe(0);
  });
});

describe('the label signal', () => {
  it('marks a labelled list line whose label is asked, not the same words as a paragraph, nor a pointer', async () => {
    const docs = await openKnowledgeBaseOver({ 'l.md': '# サーバー\n\n## server.port\n\n- **デフォルト:** `5173`\n- **参照:** デフォルトの一覧\n\nデフォルト: 5173\n' });
    const ranked = docs.search('デフォルトは？');
    const label = (text: string, kind: string) => ranked.find((r) => r.sentence.text === text && r.sentence.kind === kind)?.signals.label;
    expect(label('デフォルト: 5173', 'definition')).toBe(1);
    expect(label('デフォルト: 5173', 'sentence')).toBe(0);
    expect(label('参照: デフォルトの一覧', 'definition')).toBe(0);
  });
});

describe('the besideRestated signal', () => {
  it('marks the sentence before one that restates the question, as well as the one after', async () => {
    const restated = '島の名物として観光客に最も知られているのは海亀である。';
    const docs = await openKnowledgeBaseOver({ 'r.txt': txt('記録', '島の名物は、海亀、灯台、灯籠祭り、防波堤だ。', restated) });
    const question = '島の名物として観光客に最も知られているのは海亀？';
    expect(signalsOf(docs, question, restated)?.restated).toBe(1);
    expect(signalsOf(docs, question, '島の名物は、海亀、灯台、灯籠祭り、防波堤だ。')?.besideRestated).toBe(1);
  });

  it('marks only the sentences beside one that restates the question, and takes a sentence at exactly `restatesCoverage` for one that restates', async () => {
    const restated = '島の名物として観光客に最も知られているのは海亀である。';
    const list = '島の名物は、海亀、灯台、灯籠祭り、防波堤だ。';
    // Covering the whole question, the restating sentence is at `restatesCoverage: 1`, not above it.
    const docs = await openKnowledgeBaseOver({ 'r.txt': txt('記録', '島の港は小さい。', list, restated) }, {}, { restatesCoverage: 1 });
    const question = '島の名物として観光客に最も知られているのは海亀？';
    expect(signalsOf(docs, question, restated)).toMatchObject({ coverage: 1, restated: 1 });
    expect(signalsOf(docs, question, list)?.besideRestated).toBe(1);
    // Beside the list, which is a candidate but restates nothing.
    expect(signalsOf(docs, question, '島の港は小さい。')?.besideRestated).toBe(0);
  });

  it('does not mark the last unit of the document before', async () => {
    const restated = '島の名物として観光客に最も知られているのは海亀である。';
    const docs = await openKnowledgeBaseOver({ 'a.md': '# 名物\n\n島の名物は、海亀、灯台、灯籠祭り、防波堤だ。\n', 'b.md': `# 観光\n\n${restated}\n` });
    const question = '島の名物として観光客に最も知られているのは海亀？';
    expect(signalsOf(docs, question, restated)?.restated).toBe(1);
    expect(signalsOf(docs, question, '島の名物は、海亀、灯台、灯籠祭り、防波堤だ。')?.besideRestated).toBe(0);
  });
});

describe('the phrase signal', () => {
  it('is the share of the question’s character trigrams the sentence holds, and 0 for a question too short to have one', async () => {
    const docs = await openKnowledgeBaseOver({ 'p.txt': txt('記録', '灯台守の小屋がある。', '灯台の家は白い。') });
    // `灯台守の家`: 灯台守, 台守の, 守の家; the sentence holds the first two.
    expect(signalsOf(docs, '灯台守の家', '灯台守の小屋がある。')?.phrase).toBeCloseTo(2 / 3);
    expect(signalsOf(docs, '灯台', '灯台の家は白い。')?.phrase).toBe(0);
  });

  it('is computed only for candidates that could still reach the first `phraseDepth` places', async () => {
    const files = { 'p.txt': txt('記録', '灯台の家は白い。', '灯台守の小屋がある。', '港の灯台の光。') };
    const phrase = async (phraseDepth: number) => {
      const docs = await openKnowledgeBaseOver(files, {}, { phraseDepth });
      return [signalsOf(docs, '灯台の家', '灯台の家は白い。')?.phrase, signalsOf(docs, '灯台の家', '港の灯台の光。')?.phrase];
    };
    expect(await phrase(30)).toEqual([1, 0.5]);
    // Far below the best: it cannot reach the first place.
    expect(await phrase(1)).toEqual([1, 0]);
  });
});

describe('the search signal', () => {
  it('weighs a term reached only through a synonym below the word asked', async () => {
    const docs = await openKnowledgeBaseOver({ 'syn.txt': txt('記録', '首相が島を訪れた。', '総理が港を訪れた。'), 'synonyms.csv': '首相, 総理\n' });
    expect(signalsOf(docs, '首相は何を訪れた？', '首相が島を訪れた。')?.search).toBe(1);
    expect(signalsOf(docs, '首相は何を訪れた？', '総理が港を訪れた。')?.search).toBeLessThan(1);
  });
});

describe('coverage', () => {
  it('holds a word found as all its character bigrams, in a compound the analyzer cuts another way', async () => {
    const docs = await openKnowledgeBaseOver({ 'coast.txt': txt('記録', '海上保安庁は港を守る。') });
    expect(docs.search('保安庁は港を守る？')[0]).toMatchObject({ sentence: { text: '海上保安庁は港を守る。' }, coverage: 1 });
  });

  it('holds a two-character word found as its one character bigram', async () => {
    const docs = await openKnowledgeBaseOver({ 'coast.txt': txt('記録', '海上保安庁は港を守る。') });
    expect(docs.search('保安は港を守る？')[0]).toMatchObject({ sentence: { text: '海上保安庁は港を守る。' }, coverage: 1 });
  });

  it('credits a question word whose English spelling only the heading above the sentence writes (`ポート` → `## server.port`)', async () => {
    const page = '# サーバーオプション\n\n## server.host\n\n接続先の番号を指定します。\n\n## server.port\n\n待ち受ける番号を指定します。\n';
    const docs = await openKnowledgeBaseOver({ 'server.md': page, 'synonyms.csv': 'ポート, port\n' });
    const [first, second] = docs.search('ポートの番号は？');
    expect(first!.sentence.text).toBe('待ち受ける番号を指定します。');
    expect(first!.coverage).toBeGreaterThan(0.9);
    expect(second!.coverage).toBeLessThan(0.5);
  });

  it('reads a name the asker spelled in kana in a sentence that holds two of the spelling\'s three sounds (`やまねと` → 山根)', async () => {
    const docs = await openKnowledgeBaseOver({ 'c.txt': txt('記録', '山根一郎は灯台を設計した。', '森田二郎は橋を設計した。') });
    // `と` is kept in the spelling: ヤマ, マネ, ネト, of which the sentence reads ヤマ and マネ.
    const [first] = docs.search('やまねと森田は何を設計した？');
    expect(first!.sentence.text).toBe('山根一郎は灯台を設計した。');
    expect(first!.coverage).toBeGreaterThan(0.9);
  });

  it('is 0, and the question not answered, when every word of the question is too common to count', async () => {
    const docs = await openKnowledgeBaseOver({ 'c.txt': txt('記録', '灯台は白い。', '灯台は古い。', '灯台の色は赤い。', '港は静かだ。', '浜は広い。') }, {}, { commonWord: { min: 1, share: 0.3 } });
    // Still found through its bigram and its neighbours (`common` is the default), but it counts for nothing.
    const ranked = docs.search('灯台は？');
    expect(ranked.length).toBeGreaterThan(0);
    expect(ranked.map((r) => r.coverage)).toEqual(ranked.map(() => 0));
    expect((await docs.ask('灯台は？')).status).toBe('not_found');
  });
});

describe('coverage of a labelled line', () => {
  it('counts what its section\'s other sentences hold or have around them', async () => {
    // `環境変数` is only beside the section's first sentence (in the section before), not beside the labelled line.
    const page = '# 設定\n\n## 切り替え\n\n環境変数で切り替える。\n\n## オプション\n\n値は起動時に決まる。\n\n- **デフォルト:** `false`\n';
    const docs = await openKnowledgeBaseOver({ 'o.md': page });
    const [first] = docs.search('環境変数のデフォルトは？');
    expect(first!.sentence.text).toBe('デフォルト: false');
    expect(first!.coverage).toBeGreaterThan(0.9);
  });

  it('does not count the sentences of another section with the same headings on the page', async () => {
    const page = '# 設定\n\n## オプション\n\n値は環境変数で変わる。\n\n## オプション\n\n- **デフォルト:** `false`\n';
    const docs = await openKnowledgeBaseOver({ 'o.md': page });
    // Only beside the first section's sentence: partial credit for `環境変数`, not the full credit of holding it.
    const signals = signalsOf(docs, '環境変数のデフォルトは？', 'デフォルト: false');
    expect(signals?.label).toBe(1);
    expect(signals!.coverage).toBeLessThan(1);
  });
});

describe('what is searched', () => {
  it('looks for the English spelling of a loanword in the headings, as documentation names an option (`ポート` → `## server.port`)', async () => {
    const page = '# サーバーオプション\n\n## server.host\n\n- **デフォルト:** `localhost`\n\n## server.port\n\n- **デフォルト:** `5173`\n';
    const docs = await openKnowledgeBaseOver({ 'server.md': page, 'synonyms.csv': 'ポート, port\n' });
    const [first, second] = docs.search('ポートのデフォルトは？');
    expect(first!.sentence.text).toBe('デフォルト: 5173');
    expect(second!.sentence.text).toBe('デフォルト: localhost');
    expect(first!.score).toBeGreaterThan(second!.score);
  });

  it("finds a section by the English of its heading's id, as a translated page keeps it (`lazy` → `{#lazy-caching}`), and counts it as mentioned", async () => {
    const lazy = '# 遅延評価\n\n## キャッシュ {#lazy-caching}\n\n結果は依存関係にもとづきキャッシュされます。\n';
    const watchers = '# ウォッチャー\n\n## キャッシュ\n\n結果はいつもメモリにキャッシュされる。\n';
    const docs = await openKnowledgeBaseOver({ 'lazy.md': lazy, 'watchers.md': watchers });
    const question = 'lazy の結果はキャッシュされる？';
    expect(docs.search(question)[0]!.sentence.docId).toBe('lazy.md');
    expect(docs.explain(question).refusal.namesAbsent).toBe(false);
  });

  it('leaves out a word most units hold, in every field', async () => {
    const page = '# 灯台\n\n## 灯台の記録\n\n灯台は白い。\n\n灯台は古い。\n\n灯台の色は赤い。\n\n灯台は高い。\n\n灯台は遠い。\n';
    const docs = await openKnowledgeBaseOver({ 'c.md': page }, {}, { common: { min: 2, share: 0.3 }, commonWord: { min: 2, share: 0.3 } });
    // Found by `色`, and beside it by `色` among their neighbours' words; not by `灯台`.
    expect(docs.search('灯台の色は？').map((r) => r.sentence.text)).toEqual(['灯台の色は赤い。', '灯台は古い。', '灯台は高い。']);
  });

  it('searches a word that exactly the share of units `common` and `commonWord` allow hold, in every field', async () => {
    // Six units, three of them with `灯台`: at the share of 0.5, not over it.
    const docs = await openKnowledgeBaseOver({ 'c.txt': txt('記録', '灯台は白い。', '灯台は古い。', '灯台の色は赤い。', '港は静かだ。', '浜は広い。') }, {}, { common: { min: 1, share: 0.5 }, commonWord: { min: 1, share: 0.5 } });
    const ranked = docs.search('灯台は？');
    expect(ranked.slice(0, 3).map((r) => r.sentence.text).sort()).toEqual(['灯台の色は赤い。', '灯台は古い。', '灯台は白い。']);
    expect(ranked.slice(0, 3).map((r) => r.coverage)).toEqual([1, 1, 1]);
  });

  it('keeps the SEARCH_CANDIDATES best, also among ties', async () => {
    const docs = await openKnowledgeBaseOver({ 'a.txt': '記録A\n灯台は白い。', 'b.txt': '記録B\n灯台は白い。', 'c.txt': '記録C\n灯台は白い。' }, { SEARCH_CANDIDATES: '2' });
    expect(docs.search('灯台は白い？').map((r) => r.sentence.text)).toEqual(['灯台は白い。', '灯台は白い。']);
  });
});
