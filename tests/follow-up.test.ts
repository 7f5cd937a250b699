/** Follow-up questions in a thread: elliptical ones lean on the earlier question, full ones stand alone. */
import { beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../src/analyze.js';
import { inThread, isElliptical } from '../src/follow-up.js';
import type { KnowledgeBase } from '../src/index.js';
import { planQuery } from '../src/query.js';
import { DEFAULT_RANKING_CONFIG } from '../src/ranking-config.js';
import { openKnowledgeBase, openKnowledgeBaseOver } from './helpers.js';

const FIRST = '小泉防衛相とヘグセス長官は何で対決するの';

describe('which questions lean on the thread', () => {
  let plan: (question: string) => ReturnType<typeof planQuery>;
  beforeAll(async () => {
    const analyzer = await Analyzer.load();
    plan = (question) => planQuery(question, analyzer, { synonyms: [] });
  });

  // `場所はどこで決まった？` names one thing (a verb is not one) and points back at nothing.
  it.each(['それはいつ？', 'なんで？', '場所は？', '他には？', '彼の年齢は？', '本番ビルドだとどうなる？', '場所はどこで決まった？', 'Why?', 'When was it?'])('%s is a follow-up', (question) => {
    expect(isElliptical(plan(question), DEFAULT_RANKING_CONFIG)).toBe(true);
  });

  it.each(['ヘグセス長官は何歳ですか', '日米防衛相会談の開催地はどこですか', '防衛費の対GDP比の目標は何%ですか', 'ヘグセス長官って何歳なんですか'])('%s stands alone', (question) => {
    expect(isElliptical(plan(question), DEFAULT_RANKING_CONFIG)).toBe(false);
  });

  it('adds the earlier question’s words at the follow-up weight, and keeps the follow-up’s own expectations', () => {
    const followUp = plan('それはいつ？');
    const merged = inThread([plan(FIRST), followUp], DEFAULT_RANKING_CONFIG);
    const weightOf = (word: string) => merged.wordWeights[merged.words.indexOf(word)];
    expect(merged.words).toEqual(expect.arrayContaining(['小泉', 'ヘグセス', '対決']));
    expect(weightOf('対決')).toBe(DEFAULT_RANKING_CONFIG.topicWeight.noun * DEFAULT_RANKING_CONFIG.followUp.weight);
    expect(merged.fromThread).toContain('対決');
    expect(merged.expects).toBe(followUp.expects);
    expect(merged.normalized).toBe(followUp.normalized);
  });

  it('drops a word that only points back (`後者`), which stands for the earlier words', () => {
    const merged = inThread([plan('v-if と v-show ってどう違うの？'), plan('後者のデメリットは？')], DEFAULT_RANKING_CONFIG);
    expect(plan('後者のデメリットは？').words).toContain('後者');
    expect(merged.words).not.toContain('後者');
    expect(merged.words).toEqual(expect.arrayContaining(['デメリット', 'show']));
    expect(merged.wordWeights).toHaveLength(merged.words.length);
  });

  it('drops `他` and `ほか` of `他には？` / `ほかには？`: the rest of what the thread named, not a topic', () => {
    for (const followUp of ['他には？', 'ほかには？']) {
      expect(plan(followUp).words).toEqual([expect.stringMatching(/^(他|ほか)$/)]);
      expect(inThread([plan('先端分野の協力って何？'), plan(followUp)], DEFAULT_RANKING_CONFIG).words).toEqual(['先端', '分野', '協力']);
    }
  });

  it('gives the one of a pair that `前者` or `後者` names its full weight, the other the follow-up weight', () => {
    const earlier = plan('算出プロパティとメソッドはどう違う？');
    const weights = (followUp: string) => {
      const merged = inThread([earlier, plan(followUp)], DEFAULT_RANKING_CONFIG);
      const weightOf = (word: string) => merged.wordWeights[merged.words.indexOf(word)];
      return { former: weightOf('プロパティ'), latter: weightOf('メソッド') };
    };
    const full = earlier.wordWeights[earlier.words.indexOf('メソッド')]!;
    const lower = full * DEFAULT_RANKING_CONFIG.followUp.weight;
    expect(weights('前者の利点は？')).toEqual({ former: full, latter: lower });
    expect(weights('後者の利点は？')).toEqual({ former: lower, latter: full });
    expect(weights('それの利点は？')).toEqual({ former: lower, latter: lower });
  });

  it('keeps the follow-up’s own words and weights first, and adds only what the earlier question has that it lacks', () => {
    const followUp = plan('ヘグセスはなぜ？');
    const merged = inThread([plan(FIRST), followUp], DEFAULT_RANKING_CONFIG);
    expect(merged.words.slice(0, followUp.words.length)).toEqual(followUp.words);
    expect(merged.wordWeights.slice(0, followUp.words.length)).toEqual(followUp.wordWeights);
    // `ヘグセス` is in both: once.
    expect(merged.words.filter((word) => word === 'ヘグセス')).toHaveLength(1);
    expect(new Set(merged.bigrams).size).toBe(merged.bigrams.length);
    // Searched at the follow-up weight: each word added (`相` of `防衛相` is no bigram), not the follow-up's own.
    const added = merged.words.slice(followUp.words.length);
    expect(added).toEqual(expect.arrayContaining(['小泉', '相', '対決']));
    expect(merged.fromThread).toEqual(expect.arrayContaining(added));
    expect(merged.fromThread).not.toContain('ヘグセス');
  });

  it('takes in the earlier question’s readings and the code it names', () => {
    const earlier = plan('しおみじまで v-if と v-show はどう違うの？');
    const merged = inThread([earlier, plan('それはいつ？')], DEFAULT_RANKING_CONFIG);
    expect(earlier.readings.length).toBeGreaterThan(0);
    expect(merged.readings).toEqual(expect.arrayContaining(earlier.readings));
    expect(merged.code).toEqual(expect.arrayContaining(['v-if', 'v-show']));
    expect(merged.namedCode).toEqual(expect.arrayContaining(['v-if', 'v-show']));
  });

  it('names the one of a pair written in Latin letters, and no one when the earlier question names no pair', () => {
    const latter = inThread([plan('v-if と v-show ってどう違うの？'), plan('後者はいつ使う？')], DEFAULT_RANKING_CONFIG);
    expect(latter.wordWeights[latter.words.indexOf('show')]).toBe(DEFAULT_RANKING_CONFIG.topicWeight.noun);
    const noPair = plan('灯台は何で建てられた');
    const merged = inThread([noPair, plan('後者は？')], DEFAULT_RANKING_CONFIG);
    expect(merged.wordWeights[merged.words.indexOf('灯台')]).toBe(noPair.wordWeights[noPair.words.indexOf('灯台')]! * DEFAULT_RANKING_CONFIG.followUp.weight);
  });

  it('leaves a full question as it is, and chains follow-ups back to the last full one', () => {
    const full = plan('ヘグセス長官は何歳ですか');
    expect(inThread([plan(FIRST), full], DEFAULT_RANKING_CONFIG)).toEqual(full);
    const chained = inThread([plan(FIRST), plan('それはいつ？'), plan('なんで？')], DEFAULT_RANKING_CONFIG);
    expect(chained.words).toContain('対決');
  });
});

describe('asking in a thread', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await openKnowledgeBase();
  });

  it('answers an elliptical follow-up from the earlier question’s topic, which alone it cannot', async () => {
    expect((await kb.ask('それはいつ？')).status).toBe('not_found');
    const followUp = await kb.ask('それはいつ？', { context: [FIRST] });
    expect(followUp.status).toBe('answered');
    expect(followUp.citations[0]?.docId).toBe('000_91a77e97be857d03.txt');
    expect(followUp.text).toMatch(/\d+月/);
  });

  it('ranks the sentence that answered the earlier question lower, since the asker has read it', async () => {
    const earlier = (await kb.ask(FIRST)).citations[0]!;
    const { ranked } = kb.explain('他には？', { context: [FIRST] });
    const read = ranked.filter((r) => r.signals.alreadyAnswered === 1);
    expect(read.map((r) => [r.sentence.docId, r.sentence.line])).toEqual([[earlier.docId, earlier.line]]);
    expect(kb.explain('他には？').ranked.every((r) => r.signals.alreadyAnswered === 0)).toBe(true);
  });

  it('answers a full question the same with or without a thread', async () => {
    const question = '小泉防衛相は何歳ですか';
    expect((await kb.ask(question, { context: ['日米同盟の課題は'] })).text).toBe((await kb.ask(question)).text);
  });

  it('leaves out a runner-up that holds none of the follow-up’s own words: it answers the earlier question', async () => {
    const training = await openKnowledgeBaseOver({
      'training.txt': ['合同訓練', '1月15日、米軍基地で日米の防衛トップが合同トレーニングを行いました。', '二人はボート漕ぎで競い合いました。', '港の北側には大きな防波堤がある。'].join('\n'),
    });
    const earlier = '1月15日に米軍基地で日米の防衛トップが一緒にトレーニングしたって本当？';
    const { ranked } = training.explain('二人は何で競い合ったの？', { context: [earlier] });
    // Close enough that, but for the rule, both would be shown.
    expect(ranked[1]!.score).toBeGreaterThanOrEqual(ranked[0]!.score * DEFAULT_RANKING_CONFIG.supportRatio);
    expect((await training.ask('二人は何で競い合ったの？', { context: [earlier] })).sentences.map((s) => s.text)).toEqual(['二人はボート漕ぎで競い合いました。']);
  });

  it('leaves out an earlier question that cannot be used, instead of refusing the follow-up', async () => {
    const answer = await kb.ask('それはいつ？', { context: ['', '\ufdfa'.repeat(500), FIRST] });
    expect(answer.citations[0]?.docId).toBe('000_91a77e97be857d03.txt');
  });
});
