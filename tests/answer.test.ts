/**
 * How an answer is put together from the ranking (answer.ts) and when the material is judged not to
 * answer (refusal.ts): each on a tiny corpus built in its test (the real core, no mocks).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RANKING_CONFIG, KnowledgeBase, NOT_FOUND_MESSAGE } from '../src/index.js';
import { refuses } from '../src/refusal.js';
import { openKnowledgeBaseOver } from './helpers.js';

const textsOf = async (docs: KnowledgeBase, question: string) => (await docs.ask(question)).sentences.map((s) => s.text);
const txt = (...lines: string[]) => lines.join('\n');

describe('the citations of an answer', () => {
  it('give each sentence its document, line, heading path, anchor and the page’s link, numbered as the text cites them', async () => {
    const guide = txt('---', 'url: https://example.com/guide', '---', '# ガイド', '', '## 起動', '', '### 開発サーバー', '', '開発サーバーは `npm run dev` で起動します。この起動には数秒かかります。', '');
    // Listed first and without an address: a link taken from the wrong page would be none.
    const docs = await openKnowledgeBaseOver({ 'b-guide.md': guide, 'a-other.md': '# 別のページ\n\n港の灯台は白い。\n' });
    const answer = await docs.ask('開発サーバーの起動にかかる時間は？');
    const place = { docId: 'b-guide.md', title: 'ガイド', line: 10, section: '起動 › 開発サーバー', anchor: expect.any(String) };
    expect(answer.citations).toEqual([
      { n: 1, quote: '開発サーバーは npm run dev で起動します。', ...place, url: expect.any(String) },
      { n: 2, quote: 'この起動には数秒かかります。', ...place, url: expect.any(String) },
    ]);
    const { anchor, url } = answer.citations[0]!;
    expect(anchor!.normalize('NFC')).toBe('開発サーバー');
    expect(url).toBe(`https://example.com/guide#${encodeURIComponent(anchor!)}`);
    expect(answer.text).toBe('開発サーバーは npm run dev で起動します。 [1]\nこの起動には数秒かかります。 [2]');
    expect(answer.sentences.map((s) => s.cite)).toEqual([1, 2]);
    expect(answer.sentences[0]!.code).toEqual([[8, 19]]);
    expect(answer.sentences[0]!.text.slice(8, 19)).toBe('npm run dev');
    expect(answer.closest).toEqual([]);
  });

  it('have no heading path at the top of a page, and a link from SOURCE_URL_TEMPLATE when the page gives none', async () => {
    const docs = await openKnowledgeBaseOver({ 'tower.txt': txt('町の記録', '白塔は1920年に建てられた。') }, { SOURCE_URL_TEMPLATE: 'https://example.com/{path}#{anchor}' });
    const answer = await docs.ask('白塔はいつ建てられた？');
    expect(answer.citations).toEqual([{ n: 1, docId: 'tower.txt', title: '町の記録', line: 2, quote: '白塔は1920年に建てられた。', url: 'https://example.com/tower' }]);
  });

  it('say how long the answer took, in milliseconds to two decimals', async () => {
    const docs = await openKnowledgeBaseOver({ 'tower.txt': txt('町の記録', '白塔は1920年に建てられた。') });
    const before = performance.now();
    const { tookMs } = await docs.ask('白塔はいつ建てられた？');
    const wall = performance.now() - before;
    expect(tookMs).toBeGreaterThan(0);
    expect(tookMs).toBeLessThanOrEqual(wall + 0.01);
    expect(Math.abs(tookMs * 100 - Math.round(tookMs * 100))).toBeLessThan(1e-6);
  });
});

describe('the answer span', () => {
  it('is marked in the first sentence only', async () => {
    const docs = await openKnowledgeBaseOver({ 'port.md': '# 港\n\n港の北側には大きな防波堤がある。この防波堤は高さが12メートルある。\n' });
    const { sentences } = await docs.ask('防波堤の高さは何メートル？');
    expect(sentences.map((s) => s.text)).toEqual(['この防波堤は高さが12メートルある。', '港の北側には大きな防波堤がある。']);
    expect(sentences[0]!.text.slice(...sentences[0]!.answer!)).toBe('12メートル');
    expect(sentences[1]!.answer).toBeUndefined();
  });

  it('moves with the option named before the sentence, and is marked in the first of two such sentences only', async () => {
    const docs = await openKnowledgeBaseOver({ 'server.md': '# サーバー\n\n## server.timeout\n\n起動は 30 秒で打ち切られます。\n\n## preview.timeout\n\nプレビューの起動は 60 秒で打ち切られます。\n' });
    const { sentences } = await docs.ask('起動は何秒で打ち切られる？');
    expect(sentences.map((s) => s.text)).toEqual(['server.timeout — 起動は 30 秒で打ち切られます。', 'preview.timeout — プレビューの起動は 60 秒で打ち切られます。']);
    // The option is the only code: the sentences have none of their own.
    expect(sentences.map((s) => s.code)).toEqual([[[0, 14]], [[0, 15]]]);
    expect(sentences.map((s) => s.cite)).toEqual([1, 2]);
    expect(sentences[0]!.text.slice(...sentences[0]!.answer!)).toBe('30 秒');
    expect(sentences[1]!.answer).toBeUndefined();
  });
});

describe('the option a unit documents', () => {
  it('is named only by a heading that is one Latin token, not by one that holds one among words', async () => {
    const docs = await openKnowledgeBaseOver({
      'server.md': '# サーバー\n\n## ポートの設定 strictPort\n\nポートが使用中なら終了します。\n\n## strictPort の説明\n\n番号が埋まっていればエラーで止まります。\n',
    });
    expect(await textsOf(docs, 'ポートが使用中ならどうなる？')).toEqual(['ポートが使用中なら終了します。']);
    expect(await textsOf(docs, '番号が埋まっていればどうなる？')).toEqual(['番号が埋まっていればエラーで止まります。']);
  });

  it('keeps two alike sentences about two options, each under its option', async () => {
    const docs = await openKnowledgeBaseOver({ 'server.md': '# サーバー\n\n## server.open\n\nサーバー起動時にブラウザーを自動で開きます。\n\n## preview.open\n\nプレビューサーバー起動時にブラウザーを自動で開きます。\n' });
    expect(await textsOf(docs, 'ブラウザーを自動で開くには？')).toEqual([
      'server.open — サーバー起動時にブラウザーを自動で開きます。',
      'preview.open — プレビューサーバー起動時にブラウザーを自動で開きます。',
    ]);
  });
});

describe('a question nothing answers', () => {
  it('names up to three documents that came closest, best first, each once, and no sentences', async () => {
    const docs = await openKnowledgeBaseOver({
      'a.txt': txt('灯台の記録', '灯台は白い。'),
      'b.txt': txt('港の記録', '港の灯台は古い。港の灯台は低い。'),
      'c.txt': txt('岬の記録', '岬の灯台は高い。'),
      'd.txt': txt('島の記録', '島の灯台は小さい。'),
    });
    const answer = await docs.ask('火星の灯台の首都の人口は？');
    expect(answer).toMatchObject({ status: 'not_found', text: NOT_FOUND_MESSAGE, sentences: [], citations: [] });
    const ranked = docs.explain('火星の灯台の首都の人口は？').ranked.map((r) => r.sentence);
    const closest = ranked.filter((s, i) => ranked.findIndex((t) => t.docId === s.docId) === i).slice(0, 3);
    expect(closest.map((s) => s.docId)).toHaveLength(3);
    expect(answer.closest).toEqual(closest.map(({ docId, title }) => ({ docId, title })));
  });
});

describe('the rest of a list', () => {
  const page = ['# 部品', '', '- 重さは 10 kg までに制限されます。', '- 長さは 2 m までです。', '- 色は白のみです。', '- 形は四角のみです。', ''].join('\n');

  it('follows the item a list question finds, up to ANSWER_MAX_SENTENCES', async () => {
    const docs = await openKnowledgeBaseOver({ 'parts.md': page });
    expect(await textsOf(docs, '部品の重さの制限を全部教えて')).toEqual(['重さは 10 kg までに制限されます。', '長さは 2 m までです。', '色は白のみです。']);
    const two = await openKnowledgeBaseOver({ 'parts.md': page }, { ANSWER_MAX_SENTENCES: '2' });
    expect(await textsOf(two, '部品の重さの制限を全部教えて')).toEqual(['重さは 10 kg までに制限されます。', '長さは 2 m までです。']);
    // Not asked for a list, the item stands alone.
    expect(await textsOf(docs, '部品の重さの制限は？')).toEqual(['重さは 10 kg までに制限されます。']);
  });

  it('ends at a line that is no item of the list', async () => {
    const docs = await openKnowledgeBaseOver({ 'parts.md': '# 部品\n\n- 重さは 10 kg までに制限されます。\n- 長さは 2 m までです。\n\n以上が部品の制限です。\n' });
    expect(await textsOf(docs, '部品の重さの制限を全部教えて')).toEqual(['重さは 10 kg までに制限されます。', '長さは 2 m までです。']);
  });

  it('is not brought in by a sentence that does not introduce it, and an introduction with no list after it is the answer', async () => {
    const plain = await openKnowledgeBaseOver({ 'parts.md': '# 部品\n\n部品の制限は三つある。\n\n- 赤\n- 青\n- 白\n' });
    expect(await textsOf(plain, '部品の制限を全部教えて')).toEqual(['部品の制限は三つある。']);
    const alone = await openKnowledgeBaseOver({ 'parts.md': '# 部品\n\n部品の制限は次のとおりです:\n\n別の段落です。\n' });
    expect(await textsOf(alone, '部品の制限は？')).toEqual(['部品の制限は次のとおりです:']);
  });

  it('follows a labelled line a list question finds', async () => {
    const docs = await openKnowledgeBaseOver({ 'parts.md': ['# 部品', '', '## 制限', '', '- **重さ:** 10 kg まで', '- **長さ:** 2 m まで', '- **色:** 白のみ', ''].join('\n') });
    expect(await textsOf(docs, '部品の重さの制限を全部教えて')).toEqual(['重さ: 10 kg まで', '長さ: 2 m まで', '色: 白のみ']);
  });
});

describe('what an answer adds beside the sentence that leads', () => {
  it('brings in what `この…` refers to only from the same document', async () => {
    const docs = await openKnowledgeBaseOver({ 'a.md': '# 港\n\n港の北側には大きな防波堤がある。\n', 'b.md': '# 防波堤\n\nこの防波堤は高さが12メートルある。\n' });
    expect(await textsOf(docs, '防波堤の高さは何メートル？')).toEqual(['この防波堤は高さが12メートルある。']);
    // The first unit of the material: nothing before it.
    const first = await openKnowledgeBaseOver({ 'a.md': '# 防波堤\n\nこの防波堤は高さが12メートルある。\n' });
    expect(await textsOf(first, '防波堤の高さは何メートル？')).toEqual(['この防波堤は高さが12メートルある。']);
  });

  it('adds the next sentence of the paragraph only from the same paragraph and document, and only when the lead lacks the kind asked', async () => {
    const question = '赤井川橋の設計を任された森田二郎は誰に学んだ？';
    const asked = '赤井川橋の設計は若い技師の森田二郎が任された。';
    const lines = ['森田二郎は赤井川橋の設計に三年をかけた。', '森田二郎が設計した赤井川橋は1931年に完成した。', '赤井川橋の設計図は今も森田二郎の生家に残る。'];
    // The next line is another paragraph.
    const apart = await openKnowledgeBaseOver({ 'bridge.txt': txt('赤井川橋の記録', asked, '師は佐藤健二であった。', ...lines) });
    expect(await textsOf(apart, question)).not.toContain('師は佐藤健二であった。');
    // The next unit is another document's, on the same line number.
    const twoDocs = await openKnowledgeBaseOver({ 'a.md': `# 赤井川橋\n\n${asked}\n`, 'b.md': '# 師弟\n\n師は佐藤健二であった。\n' });
    expect(await textsOf(twoDocs, question)).toEqual([asked]);
    // The lead already holds a date: the next date of its paragraph is not added.
    const dated = await openKnowledgeBaseOver({ 'tower.txt': txt('町の記録', '白塔は1920年に建てられた。1950年に修復された。', '春に市が開かれる。') });
    expect(await textsOf(dated, '白塔はいつ建てられた？')).toEqual(['白塔は1920年に建てられた。']);
  });

  it('looks for a reason in the sentence before the lead too, but not in another document, nor when the lead gives one', async () => {
    const before = await openKnowledgeBaseOver({ 'bridge.txt': txt('白浜橋の記録', '大雨が続いたため、川の水位が上がった。', '白浜橋は1980年に架け替えられた。', '橋の上では秋に祭りが開かれる。') });
    expect(await textsOf(before, '白浜橋はなぜ架け替えられた？')).toEqual(['大雨が続いたため、川の水位が上がった。', '白浜橋は1980年に架け替えられた。']);
    const elsewhere = await openKnowledgeBaseOver({ 'dam.txt': txt('青葉ダムの記録', '青葉ダムは1970年に完成した。'), 'river.txt': txt('川の記録', '雨が多いため、川は広い。') });
    expect(await textsOf(elsewhere, '青葉ダムはなぜ作られた？')).toEqual(['青葉ダムは1970年に完成した。']);
    const given = await openKnowledgeBaseOver({ 'dam.txt': txt('青葉ダムの記録', '青葉ダムは洪水から町を守るために作られた。', '地盤が固かったためである。', '夏にはボート大会が開かれる。') });
    expect(await textsOf(given, '青葉ダムはなぜ作られた？')).toEqual(['青葉ダムは洪水から町を守るために作られた。']);
  });

  it('takes the byline from the document that best matches, not from another', async () => {
    const docs = await openKnowledgeBaseOver({ 'a.txt': txt('灯台の記録', '灯台は白い。', '海野 三郎 編集委員'), 'b.txt': txt('赤井川橋の記録', '赤井川橋は1931年に完成した。') });
    expect(await textsOf(docs, '赤井川橋の記録を書いたのは誰？')).toEqual(['赤井川橋は1931年に完成した。']);
  });

  it('leaves out a runner-up of the lead’s own document that lacks the place the lead holds', async () => {
    const docs = await openKnowledgeBaseOver({ 'tower.txt': txt('町の記録', '白塔は横浜市に建てられた。', '白塔が建てられたのは古い話だ。', '春に市が開かれる。') });
    const question = '白塔はどこに建てられた？';
    const [best, second] = docs.explain(question).ranked;
    // The ranking cannot tell them apart…
    expect(second!.score).toBeGreaterThanOrEqual(best!.score * DEFAULT_RANKING_CONFIG.supportRatio);
    // …but only the lead holds a place.
    expect(await textsOf(docs, question)).toEqual(['白塔は横浜市に建てられた。']);
  });
});

describe('near-duplicates', () => {
  it('count a sentence repeated inside a longer one as a repeat', async () => {
    const docs = await openKnowledgeBaseOver({
      'a.txt': txt('岬の灯台の記事', '岬の灯台は1890年に英国の技師が設計した。'),
      'b.txt': txt('岬の灯台の記事(続)', '岬の灯台は1890年に英国の技師が設計し、のちに何度も改修されて、今は町の博物館として公開されている。'),
    });
    const texts = await textsOf(docs, '岬の灯台は誰が設計した？');
    expect(texts.filter((t) => t.includes('英国の技師が設計'))).toHaveLength(1);
  });
});

describe('refusal', () => {
  const evidence = { coverage: 0, namesAbsent: false, namesAbsentName: false, lacksQuantity: false, bestHoldsNamedCode: false };

  it('answers a question covered exactly as much as it needs', () => {
    const { minCoverage, coverageFloor } = DEFAULT_RANKING_CONFIG;
    expect(refuses({ ...evidence, coverage: coverageFloor }, DEFAULT_RANKING_CONFIG)).toBe(false);
    expect(refuses({ ...evidence, namesAbsent: true, coverage: minCoverage }, DEFAULT_RANKING_CONFIG)).toBe(false);
    expect(refuses({ ...evidence, namesAbsent: true, coverage: minCoverage - 0.01 }, DEFAULT_RANKING_CONFIG)).toBe(true);
  });

  it('finds no evidence for a question nothing matches', async () => {
    const docs = await openKnowledgeBaseOver({ 'tower.txt': txt('町の記録', '白塔は横浜市に建てられた。') });
    const explained = docs.explain('zzqx');
    expect(explained.ranked).toEqual([]);
    expect(explained.refusal).toEqual(evidence);
    expect(explained.refused).toBe(true);
  });

  it('counts the code a question writes as held only when the best sentence holds it', async () => {
    const docs = await openKnowledgeBaseOver({
      'plugins.md': '# プラグイン\n\nプラグインは `install()` メソッドを持つオブジェクトで、`app.use()` に渡します。\n',
      'router.md': '# ルーター\n\nルーターは画面を切り替えます。\n',
    });
    const holdsCode = (question: string) => docs.explain(question).refusal.bestHoldsNamedCode;
    // Dotted, code without its parentheses.
    expect(holdsCode('自作の部品を app.use に渡すには？')).toBe(true);
    expect(docs.explain('ルーターで画面を router.push() で切り替えるには？').ranked[0]!.sentence.text).toBe('ルーターは画面を切り替えます。');
    expect(holdsCode('ルーターで画面を router.push() で切り替えるには？')).toBe(false);
  });

  it('takes material as technical documentation from a tenth of its units holding code', async () => {
    const lights = (n: number) => Array.from({ length: n }, (_, i) => `港の灯台${i + 1}号は白い。\n`);
    const page = (plain: number) => ['# 灯台', '', ...lights(plain), '灯台の設定は `light.on` に書きます。', ''].join('\n');
    const namesAbsent = async (plain: number) => {
      const docs = await openKnowledgeBaseOver({ 'lights.md': page(plain) });
      expect(docs.sources().documents[0]!.sentences).toBe(plain + 1);
      return docs.explain('灯台の船長は？').refusal.namesAbsent;
    };
    // Technical: the common noun `船長` it never mentions may be the asker's paraphrase. Plain: it is what is asked.
    expect(await namesAbsent(9)).toBe(false);
    expect(await namesAbsent(10)).toBe(true);
  });

  it('in technical documentation, counts as absent only a noun spelled as a name: all katakana, or Latin letters', async () => {
    const docs = await openKnowledgeBaseOver({ 'settings.md': '# 設定\n\n設定は `config.js` に書きます。\n\n設定は起動時に読まれます。\n' });
    const namesAbsent = (question: string) => docs.explain(question).refusal.namesAbsent;
    expect(namesAbsent('スマホの設定は？')).toBe(true);
    expect(namesAbsent('vuex の設定は？')).toBe(true);
    // A word that only begins or ends in katakana is a common noun, which the asker may have paraphrased.
    expect(namesAbsent('消しゴムの設定は？')).toBe(false);
    expect(namesAbsent('ゴム印の設定は？')).toBe(false);
  });

  it('asks a date question for its year without counting it: the material may give none', async () => {
    const docs = await openKnowledgeBaseOver({ 'tower.txt': txt('町の記録', '白塔は町の人々の寄付で建てられた。', '春に市が開かれる。') });
    expect(docs.explain('白塔は何年に建てられた？').refusal.lacksQuantity).toBe(false);
    expect(docs.explain('白塔は何個建てられた？').refusal.lacksQuantity).toBe(true);
  });

  it('looks for the count asked only among the best `quantityDepth` sentences', async () => {
    const files = { 'tower.txt': txt('町の記録', '灯台は何度も建て直された。', '春に市が開かれる。', '建て直しは3回だった。') };
    const question = '灯台は何回建て直された？';
    const docs = await openKnowledgeBaseOver(files);
    // The count is in the second best.
    expect(docs.explain(question).ranked.slice(0, 2).map((r) => r.sentence.text)).toEqual(['灯台は何度も建て直された。', '建て直しは3回だった。']);
    expect(docs.explain(question).refusal.lacksQuantity).toBe(false);
    const onlyBest = await openKnowledgeBaseOver(files, {}, { quantityDepth: 1 });
    expect(onlyBest.explain(question).refusal.lacksQuantity).toBe(true);
  });

  it('does not count a word the asker spelled in kana as absent when its sounds are in the material', async () => {
    const docs = await openKnowledgeBaseOver({ 'island.txt': txt('架空の島の記録', '島の灯台は白い。', '島の人口は1200人だった。') });
    // kuromoji cuts `とうだい` into `とう` and the noun `だい`, which the material never writes; its reading is 灯台's.
    expect(docs.explain('とうだいはどこにある？').refusal.namesAbsent).toBe(false);
    expect(docs.explain('とうだいの船長は？').refusal.namesAbsent).toBe(true);
  });
});
