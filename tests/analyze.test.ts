import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Analyzer, ANALYSIS_PIECE_CHARS, boundedPieces } from '../src/analyze.js';
import { camelCaseWords } from '../src/identifiers.js';
import { foldLongVowels, normalize, plainText } from '../src/normalize.js';

let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = await Analyzer.load();
});

describe('normalize', () => {
  it('folds full and half width and Latin case', () => {
    expect(normalize('ＧＤＰ比３．５％')).toBe('gdp比3.5%');
    expect(normalize('ﾍｸﾞｾｽ')).toBe('ヘグセス');
  });

  it('reads a dash after katakana as a long-vowel mark', () => {
    expect(normalize('サ−バ―')).toBe('サーバー');
    expect(normalize('A-B')).toBe('a-b');
    expect(normalize('ロ－イング')).toBe('ローイング');
    expect(normalize('アジア-太平洋')).toBe('アジア-太平洋');
  });

  it('lets long-vowel variants meet', () => {
    expect(foldLongVowels('サーバー')).toBe(foldLongVowels('サーバ'));
    expect(foldLongVowels('マシーン')).toBe(foldLongVowels('マシン'));
  });

  it('compares phrasing without spaces and separating punctuation, but keeps a number\'s point and comma', () => {
    expect(plainText(normalize('「防衛費」は、GDP比3.5% (1,000億円) に。'))).toBe('防衛費はgdp比3.5%1,000億円に');
    // Only a mark before a digit stays (it may be a decimal point or a thousands comma).
    expect(plainText('2つ、3つ。 二つ、三つ。')).toBe('2つ、3つ二つ三つ');
  });
});

describe('Analyzer', () => {
  it('loads the dictionary once per process', async () => {
    expect(await Analyzer.load()).toBe(analyzer);
  });

  it('keeps base forms of content words and drops particles, auxiliaries and symbols', () => {
    const { words } = analyzer.analyze('防衛費を増やしました。');
    expect(words).toEqual(['防衛', '費', '増やす']);
  });

  it('drops stop words in both languages', () => {
    expect(analyzer.analyze('これはそのためのものである').words).toEqual([]);
    expect(analyzer.analyze('The budget of the Japan').words).toEqual(['budget', 'japan']);
  });

  it('keeps words the dictionary does not know, by their surface', () => {
    expect(analyzer.analyze('ヘグセス長官がローイングマシンで競った').words).toEqual(
      expect.arrayContaining(['ヘグセス', foldLongVowels('ローイングマシン'), '長官']),
    );
  });

  it('gives bigrams that let differently cut compounds meet', () => {
    const question = analyzer.analyze('防衛相');
    const document = analyzer.analyze('防衛大臣と防衛相会談');
    expect(question.bigrams.every((b) => document.bigrams.includes(b))).toBe(true);
    // `マシン` is inside the unknown word `ローイングマシン`: only bigrams connect them.
    const machine = analyzer.analyze('マシーン').bigrams;
    expect(machine.every((b) => analyzer.analyze('ローイングマシン').bigrams.includes(b))).toBe(true);
  });

  it('gives bigrams of katakana readings, so kana spellings meet kanji', () => {
    expect(analyzer.analyze('小泉').readings).toEqual(['コイ', 'イズ', 'ズミ']);
    expect(analyzer.analyze('小泉氏').readings).toEqual(expect.arrayContaining(['コイ', 'イズ', 'ズミ']));
  });

  it('reads hiragana after a spaced Latin word as it reads it after any word', () => {
    // After the space, kuromoji read `のどの` as `のど` (throat) + `の`.
    expect(analyzer.analyze('Vue のどのバージョン').words).toEqual(['vue', 'どの', foldLongVowels('バージョン')]);
    expect(analyzer.analyze('API のみ').words).toEqual(['api']);
    expect(analyzer.analyze('Vue  のどのバージョン').words).toEqual(['vue', 'どの', foldLongVowels('バージョン')]);
    // Between two Latin words, or before kanji, the space stays.
    expect(analyzer.analyze('vue router の設定').words).toEqual(['vue', 'router', '設定']);
  });

  it('gives the words of a camel-cased identifier as search terms, so `onMounted` meets `mounted`', () => {
    expect(camelCaseWords('onMounted と defineAsyncComponent、toValue')).toEqual(['mounted', 'define', 'async', 'component', 'value']);
    // Typed full-width, or with an invisible character inside: the same words.
    expect(camelCaseWords('ｏｎＭｏｕｎｔｅｄ と on\u200bMounted')).toEqual(['mounted', 'mounted']);
    expect(camelCaseWords('<KeepAlive> と JavaScript')).toEqual(['keep', 'alive', 'java', 'script']);
    // Not a word without capitals inside, nor an acronym.
    expect(camelCaseWords('mounted と Vue と API')).toEqual([]);
    // Three letters make a word (`ref` of `shallowRef`); two do not (`on` of `onMounted`).
    expect(camelCaseWords('shallowRef')).toEqual(['shallow', 'ref']);
    expect(analyzer.analyze('onMounted フック').identifierWords).toEqual(['mounted']);
  });

  it('keeps numbers whole', () => {
    expect(analyzer.analyze('3.5%と1,000億ドル').words).toEqual(expect.arrayContaining(['3.5', '1,000']));
    expect(analyzer.analyze('1,000,000円').words).toEqual(['1,000,000', '円']);
    // Only between digits: a comma or point between words, or after one, joins nothing.
    expect(analyzer.analyze('防衛,予算').words).toEqual(['防衛', '予算']);
    expect(analyzer.analyze('ver.2').words).toEqual(['ver', '2']);
  });

  it('joins a word to the one right before it, not across a particle or a stop word', () => {
    expect(analyzer.analyze('防衛予算')).toMatchObject({ words: ['防衛', '予算'], joinsPrevious: [false, true], bigrams: ['防衛', '衛予', '予算'] });
    expect(analyzer.analyze('防衛の予算')).toMatchObject({ words: ['防衛', '予算'], joinsPrevious: [false, false], bigrams: ['防衛', '予算'] });
    expect(analyzer.analyze('小泉氏発言')).toMatchObject({ words: ['小泉', '発言'], joinsPrevious: [false, false] });
  });

  it('reads a word kuromoji has no reading for by its own kana, and gives a Latin word no kana', () => {
    expect(analyzer.analyze('ヘグセス長官')).toMatchObject({ readings: ['ヘグ', 'グセ', 'セス', 'スチ', 'チョ', 'ョウ', 'ウカ', 'カン'], kana: ['ヘグセス', 'チョウカン'] });
    expect(analyzer.analyze('API の仕様')).toMatchObject({ words: ['api', '仕様'], readings: ['シヨ', 'ヨウ'], kana: ['', 'シヨウ'] });
  });

  it('keeps a Latin word or a number whole among the bigrams, without English stop words, and a one-character run as itself', () => {
    expect(analyzer.analyze('the budget').bigrams).toEqual(['budget']);
    expect(analyzer.analyze('vue3 の設定').bigrams).toEqual(['vue3', '設定']);
    expect(analyzer.analyze('島').bigrams).toEqual(['島']);
  });

  it('drops a run of marks kuromoji takes for an unknown noun', () => {
    // `!!` and `……` come out of kuromoji as nouns (名詞,サ変接続), not symbols.
    expect(analyzer.analyze('防衛費!! 予算……')).toMatchObject({ words: ['防衛', '費', '予算'], bigrams: ['防衛', '衛費', '予算'] });
  });

  it('gives a kana reading only to a word spelled wholly in kana', () => {
    // kuromoji reads an unknown katakana word together with a mark after or before it as one word.
    expect(analyzer.analyze('ヘグセス・')).toMatchObject({ surfaces: ['ヘグセス・'], kana: [''] });
    expect(analyzer.analyze('ヽヘグ')).toMatchObject({ surfaces: ['ヽヘグ'], kana: [''] });
    expect(analyzer.analyze('ヘグセス')).toMatchObject({ kana: ['ヘグセス'] });
  });

  it('keeps a number whole where the text is cut into pieces', () => {
    const text = 'ア'.repeat(ANALYSIS_PIECE_CHARS - 5) + '1234567890円';
    expect(boundedPieces(text, ANALYSIS_PIECE_CHARS)[0]).toMatch(/12345$/);
    expect(analyzer.analyze(text).words.slice(1)).toEqual(['1234567890', '円']);
  });

  it('analyzes a text of exactly the piece length in one piece', () => {
    expect(boundedPieces('ア'.repeat(100), 100)).toEqual(['ア'.repeat(100)]);
  });

  it('treats the given question words as grammar', () => {
    const plain = analyzer.analyze('何歳ですか');
    const skipped = analyzer.analyze('何歳ですか', new Set(['何']));
    expect(plain.words).toContain('何');
    expect(skipped.words).not.toContain('何');
    expect(skipped.bigrams).not.toContain('何歳');
  });

  it('does not throw on odd input', () => {
    for (const text of ['', '   ', '\u0000\u200b', '🇯🇵🇺🇸', 'a'.repeat(2000), '\ud800', 'x\udc00y', '\u0007鈴']) {
      expect(() => analyzer.analyze(text)).not.toThrow();
    }
  });
});

describe('loading the dictionary', () => {
  // A fresh copy of the module (Analyzer.load keeps its dictionary for the process) with a dictionary.js whose loaders a test sets.
  const prepared = vi.fn();
  const stock = vi.fn();
  /** A tokenizer that reads all of its text as one noun: enough to tell it is the one in use. */
  const oneNoun = {
    tokenize: (text: string) => [{ surface_form: text, basic_form: text, pos: '名詞', pos_detail_1: '一般', pos_detail_2: '*' }],
  };
  async function freshModules() {
    vi.resetModules();
    vi.doMock('../src/dictionary.js', () => ({ preparedTokenizer: prepared, stockTokenizer: stock }));
    const { log } = await import('../src/log.js');
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    const { Analyzer: FreshAnalyzer } = await import('../src/analyze.js');
    return { FreshAnalyzer, warn };
  }
  afterEach(() => {
    vi.doUnmock('../src/dictionary.js');
    vi.resetModules();
    prepared.mockReset();
    stock.mockReset();
  });

  it('uses the package’s own dictionary when the prepared copy cannot be made, and tells the operator which folder and why', async () => {
    const cause = new Error('EACCES: permission denied, mkdir \'/srv/cache/kuromoji\'');
    prepared.mockRejectedValue(cause);
    stock.mockResolvedValue(oneNoun);
    const { FreshAnalyzer, warn } = await freshModules();
    const loaded = await FreshAnalyzer.load('/srv/cache');
    expect(loaded.analyze('防衛').words).toEqual(['防衛']);
    expect(prepared).toHaveBeenCalledWith('/srv/cache');
    expect(warn).toHaveBeenCalledWith({ cacheDir: '/srv/cache', err: cause }, expect.stringMatching(/packaged kuromoji dictionary.*prepared copy could not be made/));
  });

  it('tries again at the next load when no dictionary could be loaded at all', async () => {
    prepared.mockRejectedValue(new Error('EACCES'));
    stock.mockRejectedValueOnce(new Error('Could not load the kuromoji dictionary from /x/dict: ENOENT')).mockResolvedValue(oneNoun);
    const { FreshAnalyzer } = await freshModules();
    await expect(FreshAnalyzer.load('/srv/cache')).rejects.toThrow('Could not load the kuromoji dictionary from /x/dict: ENOENT');
    expect((await FreshAnalyzer.load('/srv/cache')).analyze('防衛').words).toEqual(['防衛']);
  });
});
