/** Planning a question: what it searches for and how much each word weighs; the analyses of synonym and thesaurus terms it keeps, but only so many. */
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../src/analyze.js';
import { ANALYZED_TERMS_KEPT, keptTermAnalyses, planQuery, type Vocabulary } from '../src/query.js';
import { DEFAULT_RANKING_CONFIG } from '../src/ranking-config.js';
import { parseSynonyms } from '../src/synonyms.js';
import { Thesaurus } from '../src/thesaurus.js';
import { soundIndex } from '../src/transliterate.js';

it('keeps at most ANALYZED_TERMS_KEPT term analyses, however many terms questions meet', async () => {
  const analyzer = await Analyzer.load();
  // One group whose paraphrases outnumber what is kept.
  const paraphrases = Array.from({ length: ANALYZED_TERMS_KEPT + 100 }, (_, i) => ({ expandControl: 1 as const, midashi: `語彙${i}` }));
  const thesaurus = Thesaurus.fromGroups([{ items: [{ expandControl: 0, midashi: '防衛' }, ...paraphrases] }]);
  const plan = planQuery('防衛について教えて', analyzer, { synonyms: [], thesaurus });
  expect(plan.alternatives[plan.words.indexOf('防衛')]).toContain(String(ANALYZED_TERMS_KEPT + 99));
  expect(keptTermAnalyses()).toBe(ANALYZED_TERMS_KEPT);
});

describe('a question’s plan', () => {
  const plan = async (question: string, vocabulary: Partial<Vocabulary> = {}) => planQuery(question, await Analyzer.load(), { synonyms: [], ...vocabulary });

  it('weighs a number or a counter word as half a topic, a noun in full', async () => {
    const { words, wordWeights } = await plan('2019年の人口は？');
    expect(words).toEqual(['2019', '年', '人口']);
    expect(wordWeights).toEqual([DEFAULT_RANKING_CONFIG.topicWeight.numberOrSuffix, DEFAULT_RANKING_CONFIG.topicWeight.numberOrSuffix, DEFAULT_RANKING_CONFIG.topicWeight.noun]);
  });

  it('takes a question as English when more than three in five of its letters are Latin', async () => {
    expect((await plan('dev の値')).isEnglish).toBe(false);
    expect((await plan('port の値')).isEnglish).toBe(true);
  });

  it('weighs an English word of four letters or more the material writes as a topic, and searches only content words in code', async () => {
    const english = await plan('What is the default port?', { frequency: new Map([['port', 3], ['default', 2]]) });
    expect(english.words).toEqual(['default', 'port']);
    expect(english.wordWeights).toEqual([DEFAULT_RANKING_CONFIG.topicWeight.noun, DEFAULT_RANKING_CONFIG.topicWeight.noun]);
    // `what`, `is` and `the` are Latin words too, but no identifier the question names.
    expect(english.code).toEqual(['default', 'port']);
    expect(english.namedCode).toEqual(['default', 'port']);
  });

  it('keeps a synonym of one character when it is the whole synonym (`父` for `father`)', async () => {
    const english = await plan('Who is the father?', { synonyms: parseSynonyms('父, father') });
    expect(english.alternatives[english.words.indexOf('father')]).toEqual(['父']);
  });

  it('does not search the question’s own word again at the synonym weight when a synonym holds it', async () => {
    const costs = await plan('防衛費はいくら？', { synonyms: parseSynonyms('防衛費, 防衛 予算') });
    expect(costs.words).toContain('防衛');
    expect(costs.synonymWords).toEqual(['予算']);
    expect(costs.synonymBigrams).toEqual(['予算']);
  });

  it('reads a name of three kana the asker spelled, and finds no kana in a question without any', async () => {
    expect((await plan('しおみはどこ')).readings).toEqual(['シオ', 'オミ']);
    expect((await plan('NATO')).readings).toEqual([]);
  });

  it('takes capitalized words as names, except where a sentence starts', async () => {
    expect((await plan('What does Docker do?')).capitalized).toEqual(['docker']);
    expect((await plan('Hi. Then Docker runs?')).capitalized).toEqual(['docker']);
    expect((await plan('Hi.  Then Docker runs?')).capitalized).toEqual(['docker']);
  });

  it('takes a capitalized word inside a Japanese sentence as a name (`このDockerfile`)', async () => {
    expect((await plan('このDockerfileは何をする？')).capitalized).toEqual(['dockerfile']);
  });

  it('searches the material’s word an English spelling of a name stands for (`Koizumi` → 小泉)', async () => {
    const koizumi = await plan('Who is Koizumi?', { sounds: soundIndex([['小泉', 'コイズミ'], ['横須賀', 'ヨコスカ']]) });
    expect(koizumi.words).toEqual(['koizumi']);
    expect(koizumi.alternatives).toEqual([['小泉']]);
    expect(koizumi.synonymWords).toEqual(['小泉']);
  });

  it('expects a new one of what `どの…` names, but not of `表現` or `言葉`, which the answer quotes', async () => {
    expect((await plan('どの国が参加した？')).answerHead).toBe('国');
    expect((await plan('どんな表現で書いた？')).answerHead).toBeUndefined();
    expect((await plan('どんな言葉を使った？')).answerHead).toBeUndefined();
  });

  it('starts with nothing from a thread', async () => {
    expect((await plan('灯台はいつ建てられた？')).fromThread).toEqual([]);
  });
});
