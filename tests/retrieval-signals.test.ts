/** Each retrieval signal on its own, on a tiny corpus built for it (the real core, no mocks). */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../src/analyze.js';
import { AnswerType, answersKindAsked, answerSpan, answerTypesIn, asksForAuthor, asksHowMany, expectedAnswerTypes, looksLikeByline, expectedQuantity, holdsExpectedType, labelAnswers, namesNewMeans, leansOnPrevious, pointsElsewhere, typesNamedBy } from '../src/answer-types.js';
import { DEFAULT_RANKING_CONFIG, KnowledgeBase, rankingConfig, type Signals } from '../src/index.js';
import { leadingPair } from '../src/answer.js';
import { score, type RankedSentence } from '../src/rank.js';
import { analyzeDocument, type IndexedSentence } from '../src/search-index.js';
import { refuses } from '../src/refusal.js';
import { explainToText } from '../src/render-text.js';
import { normalize } from '../src/normalize.js';
import { parseText } from '../src/parse-text.js';
import { planQuery, type QueryPlan } from '../src/query.js';
import { findSynonyms, parseSynonyms } from '../src/synonyms.js';
import { Thesaurus } from '../src/thesaurus.js';
import { skeleton, soundIndex, soundsLike } from '../src/transliterate.js';
import { toRomaji } from 'wanakana';
import { openKnowledgeBaseOver, tempDir, testConfig } from './helpers.js';

let analyzer: Analyzer;
let kb: KnowledgeBase;
let kbCorpus: string;

const DOCUMENT = [
  '架空の島の記録',
  '潮見島は南の海に浮かぶ小さな島である。',
  '島の人口は2019年の調査で1200人だった。',
  '島への定期船の運賃は片道3000円である。',
  '島の灯台は1923年に建てられた。',
  '灯台を設計したのは技師の山根一郎である。',
  '港の北側には大きな防波堤がある。',
  'この防波堤は高さが12メートルあり、台風から港を守っている。',
  '島の東の浜は夏に海亀が産卵する場所として知られる。',
  '島では毎年八月に灯籠祭りが開かれる。',
  '祭りの起源は江戸時代にさかのぼる。',
  '首相が2020年に島を訪れ、灯台を視察した。',
  'NATOの加盟国は32か国である。',
  '島の主な産業は漁業から観光へと移った。',
  '島の主な産業は漁業と観光と農業で、産業の中心は港にある。',
  '島の学校では子どもたちが毎年スピーチを披露する。',
  '港の広場では子どもたちが毎年合唱を披露して楽しむ。',
  '島の名物として観光客に最も知られているのは海亀である。',
  '島の名物は、海亀、灯台、灯籠祭り、防波堤だ。',
].join('\n');

// A heading, then a paragraph whose first sentence is about what is asked and whose second names
// the answer, then sentences that match the question as well but answer nothing (they keep the
// second sentence out of the top three unless it joins as a continuation).
const BRIDGE_DOCUMENT = [
  '赤井川橋の記録',
  '技師森田二郎と赤井川橋の関わり',
  '赤井川橋の設計は若い技師の森田二郎が任された。師は佐藤健二であった。',
  '森田二郎は赤井川橋の設計に三年をかけた。',
  '森田二郎が設計した赤井川橋は1931年に完成した。',
  '赤井川橋の設計図は今も森田二郎の生家に残る。',
  '海野 三郎 編集委員',
].join('\n');

beforeAll(async () => {
  analyzer = await Analyzer.load();
  const corpus = await tempDir();
  await writeFile(path.join(corpus, 'island.txt'), DOCUMENT);
  await writeFile(path.join(corpus, 'bridge.txt'), BRIDGE_DOCUMENT);
  await writeFile(path.join(corpus, 'synonyms.csv'), '# test groups\n首相, 総理, prime minister\n灯台, lighthouse\n');
  kb = await KnowledgeBase.open(testConfig(corpus, await tempDir()));
  kbCorpus = corpus;
});

const plan = (question: string, synonyms = parseSynonyms('首相, 総理')) => planQuery(question, analyzer, { synonyms });
const best = (question: string) => kb.search(question)[0]?.sentence.text;

describe('question-word stripping', () => {
  it('drops question words and politeness, keeps what the question is about', () => {
    expect(plan('灯台はいつ建てられたのですか？').words).toEqual(['灯台', '建てる']);
    expect(plan('島の人口を教えてください').words).toEqual(['島', '人口']);
    expect(plan('What did the article say about NATO?').words).toEqual(['nato']);
  });

  it('does not make bigrams across a question word', () => {
    expect(plan('何歳').bigrams).not.toContain('何歳');
  });
});

describe('readings', () => {
  it('turns words typed in hiragana into reading bigrams', () => {
    expect(plan('とうだいはどこ').readings).toEqual(['トウ', 'ウダ', 'ダイ']);
  });

  it('finds kanji names from their kana spelling', async () => {
    expect(best('しおみじまはどんな島？')).toContain('潮見島');
    expect(best('やまねいちろうって何をした人？')).toContain('山根一郎');
  });

  it('does not search sounds that most sentences share, yet reads a spelled name by its rarer ones', async () => {
    // 150 sentences read `チョウチョウ…カイカン`: more than the share at which a reading bigram is too common to search.
    const corpus = await tempDir();
    const busy = Array.from({ length: 150 }, (_, i) => `町長${i}番は会館で働く。`);
    await writeFile(path.join(corpus, 'town.txt'), ['町の記録', '佐藤長官は灯台を建てた。', ...busy].join('\n'));
    const town = await KnowledgeBase.open(testConfig(corpus, await tempDir()));
    expect(town.search('さとうちょうかんは何をした？').length).toBeLessThan(10);
    // Read as 佐藤長官 by サト, トウ, ウカ alone, the spelling covers the question: an answer, not a refusal.
    const answer = await town.ask('さとうちょうかんは何をした？');
    expect(answer.status).toBe('answered');
    expect(answer.text).toContain('佐藤長官');
  });
});

describe('synonyms', () => {
  it('parses groups, skipping comments and single terms', () => {
    expect(parseSynonyms('# c\n首相, 総理\nひとつ\nＡ、b # tail')).toEqual([['首相', '総理'], ['a', 'b']]);
  });

  it('matches Latin terms as whole words only', () => {
    const groups = parseSynonyms('米国, us');
    expect(findSynonyms('tell us more', groups)).toEqual([{ term: 'us', others: ['米国'] }]);
    expect(findSynonyms('we must go', groups)).toEqual([]);
  });

  it('lets a synonym stand for the question word in coverage', async () => {
    expect(plan('総理は島を訪れた？').alternatives[0]).toEqual(['首相']);
    expect(best('総理が島を訪れたのはいつ？')).toContain('首相が2020年に島を訪れ');
  });

  it('reads a conjugated verb in the question as its dictionary form', () => {
    const groups = parseSynonyms('褒める, ほめる, 称賛');
    expect(findSynonyms('ほめてた', groups)).toEqual([]);
    expect(findSynonyms('ほめてた', groups, ['ほめる'])).toEqual([{ term: 'ほめる', others: ['褒める', '称賛'] }]);
  });

  it('takes the longest term the question uses, so the shorter one inside it still counts as a synonym', () => {
    expect(findSynonyms('お父さんは誰', parseSynonyms('父, お父さん, father'))).toEqual([{ term: 'お父さん', others: ['父', 'father'] }]);
  });

  it('drops one-character pieces of a synonym that kuromoji cuts apart', () => {
    const alternatives = plan('自衛隊の役割は？', parseSynonyms('自衛隊, 海自, sdf')).alternatives[0];
    expect(alternatives).toContain('sdf');
    expect(alternatives).not.toContain('海');
  });

  it('does not take the other words of a term holding the question word itself for the word', () => {
    // `白崎灯台` is only written where `灯台` is: its `白崎` says nothing of a lighthouse elsewhere.
    const alternatives = plan('灯台はいつできた？', parseSynonyms('灯台, 白崎灯台, lighthouse')).alternatives[0];
    expect(alternatives).toEqual(['lighthouse']);
  });

  it('lets an English question reach Japanese text through the synonyms file', async () => {
    expect(best('When was the lighthouse built?')).toContain('1923年');
  });
});

describe('thesaurus', () => {
  const item = (midashi: string, expandControl: 0 | 1 | 2 = 0) => ({ midashi, expandControl });
  // Built in each test, not once for the describe: Stryker credits what runs while the file is
  // collected to no test, and would try the compilation's mutants only against other files.
  const thesaurus = () =>
    Thesaurus.fromGroups([
      { items: [item('防衛大臣'), item('防衛相'), item('国防相', 2)] },
      { items: [item('演説'), item('スピーチ'), item('speech', 1)] },
      { items: [item('米'), item('コメ')] },
      { items: [item('ホワイトハウス'), item('White House')] },
    ]);
  const lookup = (question: string) => thesaurus().lookup(analyzer.analyze(question));

  it('finds the groups of single words and of compounds of adjacent words', () => {
    expect(lookup('防衛大臣の演説')).toEqual([
      { term: '防衛大臣', others: ['防衛相'] },
      { term: '演説', others: ['スピーチ', 'speech'] },
    ]);
    expect(lookup('防衛の大臣')).toEqual([]);
    // Compounds of three words, Japanese or English.
    const threeWords = Thesaurus.fromGroups([{ items: [item('国家安全保障'), item('安保')] }, { items: [item('White House press'), item('ホワイトハウス記者団')] }]);
    expect(threeWords.lookup(analyzer.analyze('国家安全保障の話'))).toEqual([{ term: '国家安全保障', others: ['安保'] }]);
    expect(threeWords.lookup(analyzer.analyze('the White House press'))).toEqual([{ term: 'white house press', others: ['ホワイトハウス記者団'] }]);
    // A group reached by two of the question's words is one hit.
    expect(lookup('防衛大臣と防衛相')).toEqual([{ term: '防衛大臣', others: ['防衛相'] }]);
    expect(lookup('a summit at the White House')).toEqual([{ term: 'white house', others: ['ホワイトハウス'] }]);
  });

  it('follows Sudachi\'s expansion flags and leaves out one-character terms', () => {
    expect(lookup('speech')).toEqual([]);
    expect(lookup('国防相')).toEqual([]);
    expect(lookup('米の値段')).toEqual([]);
    // A group left with one term says nothing; a term of two groups finds both.
    expect(Thesaurus.fromGroups([{ items: [item('米'), item('コメ')] }]).lookup(analyzer.analyze('コメの値段'))).toEqual([]);
    const twice = Thesaurus.fromGroups([{ items: [item('演説'), item('スピーチ')] }, { items: [item('演説'), item('講演')] }]);
    expect(twice.lookup(analyzer.analyze('演説'))).toEqual([
      { term: '演説', others: ['スピーチ'] },
      { term: '演説', others: ['講演'] },
    ]);
  });

  it('loads the Sudachi dictionary and credits its paraphrases in coverage', async () => {
    const sudachi = await Thesaurus.load();
    expect(planQuery('演説の内容は？', analyzer, { synonyms: [], thesaurus: sudachi }).alternatives[0]).toEqual(expect.arrayContaining(['スピチ', 'speech']));
    // Without the thesaurus the other sentence wins: it holds more of the question's words (楽しむ).
    expect(best('子どもたちが毎年演説を披露して楽しむのは？')).toBe('島の学校では子どもたちが毎年スピーチを披露する。');
  });
});

describe('English spellings of names', () => {
  it('brings an English spelling and a romanized reading to the same consonants', () => {
    expect(skeleton('Hegseth')).toBe(skeleton(toRomaji('ヘグセス')));
    expect(skeleton('Trump')).toBe(skeleton(toRomaji('トランプ')));
    expect(skeleton('Virginia')).toBe(skeleton(toRomaji('バージニア')));
    expect(skeleton('Washington')).toBe(skeleton(toRomaji('ワシントン')));
    expect(skeleton('Koizumi')).not.toBe(skeleton(toRomaji('タカイチ')));
  });

  it('finds the material\'s words by their sound, and not by keys too short to tell', () => {
    const sounds = soundIndex([['山根', 'ヤマネ'], ['ジョンソン', 'ジョンソン'], ['ベース', 'ベース']]);
    expect(soundsLike(sounds, 'yamane')).toEqual(['山根']);
    expect(soundsLike(sounds, 'Johnson')).toEqual(['ジョンソン']);
    expect(soundsLike(sounds, 'base')).toEqual([]);
  });

  it('spells a reading as English spells Japanese names, when the consonants are too few to tell', () => {
    // The skeletons of these (`tn`, `kr`, `sn`) are under three letters: only the spelling finds them.
    const sounds = soundIndex([['大谷', 'オオタニ'], ['一郎', 'イチロウ'], ['伸弥', 'シンヤ'], ['阿部', 'アベ'], ['ヘグセス', 'ヘグセス']]);
    expect(soundsLike(sounds, 'Otani')).toEqual(['大谷']); // オオ spelled O
    expect(soundsLike(sounds, 'Ichiro')).toEqual(['一郎']); // ロウ spelled ro
    expect(soundsLike(sounds, 'Shinya')).toEqual(['伸弥']); // wanakana writes shin'ya
    // Too short to match by spelling (abe), or matched by three consonants alone (gss).
    expect(soundsLike(sounds, 'Abe')).toEqual([]);
    expect(soundsLike(sounds, 'Hegseth')).toEqual(['ヘグセス']);
  });

  it('counts an English word nothing translates like a verb, not like a noun', () => {
    const english = plan('When was the lighthouse of Yamane expected?', parseSynonyms('灯台, lighthouse'));
    const weightOf = (word: string) => english.wordWeights[english.words.indexOf(word)];
    expect(weightOf('lighthouse')).toBe(1);
    expect(weightOf('expected')).toBeLessThan(weightOf('lighthouse')!);
  });

  it('lets an English question name a person the material writes in kanji', () => {
    expect(best('What did Yamane design?')).toContain('山根一郎');
  });
});

describe('answer types', () => {
  it.each([
    ['灯台はいつ建てられた？', AnswerType.date],
    ['島の人口は何人？', AnswerType.number],
    ['灯台を設計したのは誰？', AnswerType.person],
    ['なぜ防波堤があるのか', AnswerType.reason],
    ['防波堤はなんでできたの？', AnswerType.reason],
    ['防波堤は何のためにあるの？', AnswerType.reason],
    ['防波堤はどういう目的で作られたんですか？', AnswerType.reason],
    ['海亀が産卵するのはどこ？', AnswerType.place],
    ['その祭りは何というか', AnswerType.name],
    ['首相は島をどんな言葉でほめた？', AnswerType.name],
    ['島の産業はどう変わった？', AnswerType.change],
    ['島の名物を全部挙げて', AnswerType.list],
    ['島の名物、全部教えて', AnswerType.list],
    ['島の名物は何と何？', AnswerType.list],
    ['How many people live there?', AnswerType.number],
    ['server.port は何も設定しないとどの値になる？', AnswerType.fallback],
    ['What is the default value of the port option?', AnswerType.fallback],
    ['この機能はどのバージョンから使える？', AnswerType.version],
    ['子の変数を親に公開するにはどうすればいい？', AnswerType.method],
    ['How do I skip compiling an element?', AnswerType.method],
    ['入力中の文字も反映させる方法はありますか？', AnswerType.method],
    ['プレビューサーバーは何番ポートで動く？', AnswerType.number],
    ['警告が出るのは何 kB を超えたとき？', AnswerType.number],
    ['算出プロパティとメソッドの違いは何ですか？', AnswerType.contrast],
  ])('detects what %s asks for', (question, type) => {
    expect(expectedAnswerTypes(normalize(question)) & type).toBe(type);
  });

  it.each(['灯台の高さはいくつなんですか？', '島の名物ってなんでしょう？', 'なんでも聞いていいの？'])('does not take `なんです` of %s for a why', (question) => {
    expect(expectedAnswerTypes(normalize(question)) & AnswerType.reason).toBe(0);
  });

  it.each([
    ['どこからでも使える値を作るには？', AnswerType.place],
    ['どこかに書いてある？', AnswerType.place],
    ['部品を全部グローバル登録するとまずい？', AnswerType.list],
  ])('does not take %s for the kind of question its words can ask', (question, type) => {
    expect(expectedAnswerTypes(normalize(question)) & type).toBe(0);
  });

  it('tags sentences with what they can answer', () => {
    expect(answerTypesIn('灯台は1923年に建てられた。', []) & AnswerType.date).toBe(AnswerType.date);
    expect(answerTypesIn('港は静かだ。', []) & AnswerType.date).toBe(0);
    expect(answerTypesIn('島の人口は1200人だった。', []) & AnswerType.number).toBe(AnswerType.number);
    expect(answerTypesIn('港は静かだ。', []) & AnswerType.number).toBe(0);
    // Every unit a `何…` question counts in (`何メートル`, `何議席`) makes a number of the answer.
    for (const counted of ['防波堤は高さが12メートルある。', '3議席を得た。', '投票は5時間続いた。', '島には600 以上の井戸がある。']) expect(answerTypesIn(counted, []) & AnswerType.number, counted).toBe(AnswerType.number);
    expect(answerTypesIn('役割は「補完」から「自立」へと移る。', []) & AnswerType.change).toBe(AnswerType.change);
    expect(answerTypesIn('役割は補完と自立である。', []) & AnswerType.change).toBe(0);
    expect(answerTypesIn('①AI、②宇宙、③量子技術', []) & AnswerType.list).toBe(AnswerType.list);
    expect(answerTypesIn('海亀、灯台、灯籠祭り、防波堤だ。', []) & AnswerType.list).toBe(AnswerType.list);
    expect(answerTypesIn('島では、毎年八月に、祭りが開かれる。', []) & AnswerType.list).toBe(0);
  });

  it('tags a labelled line whose value is a bare number as a number, as documentation writes ports and sizes', () => {
    expect(answerTypesIn('デフォルト: 4173', []) & AnswerType.number).toBe(AnswerType.number);
    expect(answerTypesIn('デフォルト: dist', []) & AnswerType.number).toBe(0);
    expect(answerTypesIn('型: number', []) & AnswerType.number).toBe(0);
  });

  it('tags documentation units that state a default or a release', () => {
    for (const unit of ['デフォルト: false', "flush?: 'pre' // 初期値: 'pre'", 'デフォルトで 200ms の遅延があります。', 'The port defaults to 5173.']) {
      expect(answerTypesIn(unit, []) & AnswerType.fallback, unit).toBe(AnswerType.fallback);
    }
    expect(answerTypesIn('新しいデフォルトコンテンツを表示します。', []) & AnswerType.fallback).toBe(0);
    for (const unit of ['3.4 以上でのみサポートされています', 'Vue 3.5+ でのみサポートされています', 'v2.6 で導入された。', '3.5 以前のバージョンでは', 'Node.js 18+、20+ が必要です。']) {
      expect(answerTypesIn(unit, []) & AnswerType.version, unit).toBe(AnswerType.version);
    }
    expect(answerTypesIn('値を 2 倍にします。', []) & AnswerType.version).toBe(0);
    for (const unit of ['式 1+1 を評価します。', '100+ のプラグインがあります。']) expect(answerTypesIn(unit, []) & AnswerType.version, unit).toBe(0);
    // A release with 以上 is a version, not a number.
    expect(answerTypesIn('Vue 3.4 以上が必要です。', []) & AnswerType.number).toBe(0);
    for (const unit of ['null を含む配列構文を使用できます:', 'app.config.globalProperties に追加することにより、どこでも利用できます。', '代わりに input イベントを使用してください。']) {
      expect(answerTypesIn(unit, []) & AnswerType.method, unit).toBe(AnswerType.method);
    }
    expect(answerTypesIn('IME による入力中に v-model が更新されないことに気づくでしょう。', []) & AnswerType.method).toBe(0);
    // An instruction to read elsewhere tells no means.
    expect(answerTypesIn('モーダルを作ることができます - サンプルはこちら を参照してください。', []) & AnswerType.method).toBe(0);
    // A bare `例:` introduces an example but says nothing of how.
    for (const label of ['例:', '使用例:', '以下の例：']) expect(answerTypesIn(label, []) & AnswerType.method, label).toBe(0);
    expect(answerTypesIn('v-if は切り替えコストが高いのに対して、v-show は初期コストが高い。', []) & AnswerType.contrast).toBe(AnswerType.contrast);
    expect(answerTypesIn('算出プロパティはキャッシュされる。', []) & AnswerType.contrast).toBe(0);
    expect(answerTypesIn('最低でも 14kb の JavaScript が節約されます。', []) & AnswerType.number).toBe(AnswerType.number);
  });

  it('takes code a sentence puts to use, which the how-question does not name, as the means asked for', () => {
    const unit = (text: string, code: string) => ({ text, code: [[text.indexOf(code), text.indexOf(code) + code.length] as [number, number]] });
    const question = normalize('事前バンドルをやり直させるにはどうすればいい？');
    expect(namesNewMeans(unit('開発サーバーの起動に --force オプションを使用します。', '--force'), question)).toBe(true);
    // Code that is only mentioned, not put to use, is no means; nor is code the question named.
    expect(namesNewMeans(unit('--force は古いオプションです。', '--force'), question)).toBe(false);
    expect(namesNewMeans(unit('開発サーバーの起動に --force オプションを使用します。', '--force'), normalize('--force はどう使う？'))).toBe(false);
    expect(namesNewMeans({ text: 'サーバーを再起動して設定します。' }, question)).toBe(false);
    // A condition (`…が指定されている場合`) is not the means: what applies then is told after it.
    for (const condition of ['起動時に --force が指定されている場合、', '起動に --force オプションを指定した場合、']) {
      expect(namesNewMeans(unit(`${condition}キャッシュは使われません。`, '--force'), question), condition).toBe(false);
    }
  });

  it('tags people, places and names, from kuromoji\'s parts of speech or the words around them', () => {
    const tagged = (type: number, text: string, pos: string[] = []) => answerTypesIn(text, pos) & type;
    expect(tagged(AnswerType.person, '山根が設計した。', ['名詞,一般', '名詞,固有名詞,人名,姓'])).toBe(AnswerType.person);
    expect(tagged(AnswerType.person, '山根が設計した。', ['名詞,一般', '名詞,固有名詞,地域,一般'])).toBe(0);
    expect(tagged(AnswerType.person, '技師の山根氏が設計した。')).toBe(AnswerType.person);
    expect(tagged(AnswerType.person, 'ドナルド・トランプが来た。')).toBe(AnswerType.person);
    // A middle dot between katakana names a foreign person; beside other letters it only lists.
    expect(tagged(AnswerType.person, 'AI・ロボット・3D の分野だ。')).toBe(0);
    expect(tagged(AnswerType.place, '横須賀に着いた。', ['名詞,一般', '名詞,固有名詞,地域,一般'])).toBe(AnswerType.place);
    expect(tagged(AnswerType.place, '横須賀に着いた。', ['名詞,一般', '名詞,固有名詞,人名,姓'])).toBe(0);
    expect(tagged(AnswerType.place, '式典は体育館で開かれた。')).toBe(AnswerType.place);
    expect(tagged(AnswerType.name, 'その船は「黒船」と呼ばれた。')).toBe(AnswerType.name);
    expect(answerTypesIn('港は静かだ。', ['名詞,一般']) & (AnswerType.person | AnswerType.place | AnswerType.name)).toBe(0);
    // Every kind found is kept, not only the last.
    const all = AnswerType.date | AnswerType.person | AnswerType.place | AnswerType.name;
    expect(answerTypesIn('1923年に山根氏が会場で「灯」と名付けた。', []) & all).toBe(all);
  });

  it('takes as the answer to a name question only the name asked for: not one given with another thing, and words quoted as said', () => {
    const SHIP = '港に来た船「白鳥丸」は大きい。';
    const TRAIN = '港には列車「ひかり」で来た。';
    const SAID = '船長は「明日は晴れる」と述べた。';
    const NICKNAME = '船長は通称「白鳥」の船に乗った。';
    const cases: [text: string, question: string, holds: boolean][] = [
      ...['港に来た船の名前は？', '港に来た船はなんて名前？', '港に来た船って何て名前だっけ'].flatMap((q): [string, string, boolean][] => [[SHIP, q, true], [TRAIN, q, false]]),
      // Given with no noun, a naming one, the question's noun after a longer one, or not quoted at all.
      ['「白鳥丸」という船が来た。', '港に来た船の名前は？', true],
      // One quote names the thing asked for, another quotes words about it: the name is given.
      ['港に来た船「白鳥丸」は「海の宝石」と言われる。', '港に来た船の名前は？', true],
      ['艦名「白鳥丸」で知られる。', '港に来た船の名前は？', true],
      ['大型客船「白鳥丸」が来た。', '港に来た大型の客船の名前は？', true],
      ['ポチという犬がいる。', 'その犬の名前は？', true],
      // Written with half-width brackets and katakana.
      ['港にはﾍﾘ｢ひかり｣で来た。', '港に来た船の名前は？', false],
      // Asked for a name without the thing it names, or for another name, any name given answers.
      [TRAIN, 'あの列車は何と呼ばれる？', true],
      [TRAIN, '別の名前にするには？', true],
      // What someone said or wrote: words quoted as said, not a quoted name, nor names side by side.
      ...['船長は何と言った？', '船長はSNSに何て書いた？', '船長はどんな言葉で励ました？'].flatMap((q): [string, string, boolean][] => [[SAID, q, true], [NICKNAME, q, false]]),
      ['船長は「白鳥」と呼ばれる船に乗った。', '船長は何と言った？', false],
      ['船長は「白鳥」と「黒鳥」に乗った。', '船長は何と言った？', false],
      // What something is called, or a word the asker cannot recall: a quoted name answers.
      [NICKNAME, 'その船は何という？', true],
      [NICKNAME, 'あの船、何て言ったっけ', true],
    ];
    for (const [text, question, holds] of cases) {
      const asked = normalize(question);
      expect(expectedAnswerTypes(asked) & AnswerType.name, question).toBe(AnswerType.name);
      expect(holdsExpectedType({ types: answerTypesIn(text, []), people: [], text }, AnswerType.name, asked), `${text} / ${question}`).toBe(holds);
    }
  });

  it('does not take a sentence for an answer to who when its only people are those the question names', () => {
    const sentence = (people: string[]) => ({ types: AnswerType.person, people, text: '' });
    expect(holdsExpectedType(sentence(['山根']), AnswerType.person, '山根は誰？')).toBe(false);
    expect(holdsExpectedType(sentence(['山根', '佐藤']), AnswerType.person, '山根と組んだのは誰？')).toBe(true);
    expect(holdsExpectedType(sentence(['山根']), AnswerType.person, '灯台を設計したのは誰？')).toBe(true);
    // A person told by a title (首相), with no name kuromoji knows, still answers.
    expect(holdsExpectedType(sentence([]), AnswerType.person, '首相は誰？')).toBe(true);
  });

  it('knows a byline: a short line with a writer\'s title, not a sentence', () => {
    expect(looksLikeByline('山根研究員')).toBe(true);
    expect(looksLikeByline('J. Smith 研究員')).toBe(true);
    expect(looksLikeByline(`${'山'.repeat(27)}研究員`)).toBe(true);
    expect(looksLikeByline(`${'山'.repeat(28)}研究員`)).toBe(false);
    expect(looksLikeByline('山根は研究員だ。')).toBe(false);
  });

  it('finds the answer span of a typed question: the number in the unit asked for, the number, the person not named', () => {
    const q = (normalized: string, expects: number, quantity?: RegExp) => ({ normalized, expects, ...(quantity ? { quantity } : {}) });
    const text = '定員は30名で、参加者は1200人だった。';
    const span = (found: [number, number] | undefined, t = text) => (found ? t.slice(...found) : undefined);
    expect(span(answerSpan(text, [], q('参加者は何人？', AnswerType.number, /\d+人/)))).toBe('1200人');
    expect(span(answerSpan(text, [], q('定員は？', AnswerType.number)))).toBe('30名');
    expect(answerSpan(text, [], q('なぜ？', AnswerType.reason))).toBeUndefined();
    const people = '灯台を設計したのは山根一郎で、佐藤と組んだ。';
    expect(span(answerSpan(people, ['山根', '一郎', '佐藤'], q('灯台を設計したのは誰？', AnswerType.person)), people)).toBe('山根一郎');
    expect(span(answerSpan(people, ['山根', '一郎', '佐藤'], q('山根一郎と組んだのは誰？', AnswerType.person)), people)).toBe('佐藤');
    expect(answerSpan(people, ['田中'], q('灯台を設計したのは誰？', AnswerType.person))).toBeUndefined();
    expect(answerSpan(people, ['山根', '一郎'], q('灯台を設計した理由は？', AnswerType.reason))).toBeUndefined();
    // A name kuromoji cut in three: the span takes every part that follows on.
    const three = '灯台を設計したのは佐藤健一郎だった。';
    expect(span(answerSpan(three, ['佐藤', '健', '一郎'], q('灯台を設計したのは誰？', AnswerType.person)), three)).toBe('佐藤健一郎');
  });

  it('takes a new one of what `どの…` names, or a means for a how-question, and nothing else, for the kind asked', () => {
    const sentence = (plain: string, text = plain, code?: [number, number][]) => ({ plain, text, types: 0, people: [], ...(code ? { code } : {}) }) as unknown as IndexedSentence;
    const asked = (normalized: string, expects: number, answerHead?: string) => ({ normalized, expects, answerHead }) as unknown as QueryPlan;
    expect(answersKindAsked(sentence('梅雨気団が来る'), asked('どの気団が来る?', 0, '気団'))).toBe(true);
    expect(answersKindAsked(sentence('その気団が来る'), asked('どの気団が来る?', 0, '気団'))).toBe(true);
    expect(answersKindAsked(sentence('気団が来る'), asked('どの気団が来る?', 0, '気団'))).toBe(false);
    const means = sentence('起動に --force を指定します。', '起動に --force を指定します。', [[4, 11]]);
    expect(answersKindAsked(means, asked('やり直すにはどうすればいい?', AnswerType.method))).toBe(true);
    expect(answersKindAsked(means, asked('やり直すのはいつ?', AnswerType.date))).toBe(false);
    // With no head asked for, a sentence that writes `undefined` (as documentation of code does) names no new one.
    expect(answersKindAsked(sentence('戻り値は undefined になる'), asked('戻り値は?', 0))).toBe(false);
  });

  it('asks a question about percent for a number in percent', () => {
    const percent = expectedQuantity(normalize('支持率は何パーセント？'))!;
    expect(percent.test('支持率は45%だった')).toBe(true);
    expect(percent.test('45人が支持した')).toBe(false);
  });

  it('asks a question about milliseconds for a number in milliseconds', () => {
    expect(expectedQuantity(normalize('遅延は何ミリ秒？'))?.test('デフォルトで 200ms の遅延があります')).toBe(true);
    expect(expectedQuantity(normalize('遅延は何ミリ秒？'))?.test('3 回まで再試行します')).toBe(false);
  });

  it('knows a unit that only points elsewhere, if it is all the unit says', () => {
    expect(pointsElsewhere('参照: ガイド - レンダー関数')).toBe(true);
    expect(pointsElsewhere('詳しくは props のバリデーションを参照してください。')).toBe(true);
    expect(pointsElsewhere('メリットとデメリットは、登録セクションで説明されています。')).toBe(true);
    expect(pointsElsewhere('型を指定します。詳しくは props のバリデーションを参照してください。')).toBe(false);
    expect(pointsElsewhere('key にはプリミティブ型の値を指定します。')).toBe(false);
    // A second sentence after a space, and a dotted name that ends no sentence.
    expect(pointsElsewhere('型を指定します。 詳しくは props のバリデーションを参照してください。')).toBe(false);
    expect(pointsElsewhere('設定は vite.config.js を参照してください。')).toBe(true);
    expect(pointsElsewhere('詳しくは v3.2.1 のリリースノートを参照してください。')).toBe(true);
    // A period after a number still ends a sentence when another follows.
    expect(pointsElsewhere('対応は Node 18. 詳しくは移行ガイドを参照してください。')).toBe(false);
  });

  it('takes a labelled line as the answer when the question asks for its label', () => {
    const question = (text: string) => ({ normalized: normalize(text), expects: expectedAnswerTypes(normalize(text)) });
    expect(labelAnswers('デフォルト: false', question('__FLAG__ は何も設定しなかったらどの値になる？'))).toBe(true);
    expect(labelAnswers('型: string | boolean', question('mode の型は？'))).toBe(true);
    expect(labelAnswers('型: string | boolean', question('mode は何も設定しなかったらどの値になる？'))).toBe(false);
    expect(labelAnswers('デフォルトの値を返します。', question('デフォルトの値は？'))).toBe(false);
    expect(labelAnswers('mode: string', question('What is the mode of a transition?'))).toBe(true);
    expect(labelAnswers("'custom': HTML ミドルウェアを含めない", question("appType を 'custom' にするとどうなる？"))).toBe(true);
    expect(labelAnswers('a: 最初の値', question('What is the transition mode?'))).toBe(false);
    expect(labelAnswers('de: ドイツ語', question('What is the default value?'))).toBe(false);
    // A default's label answers only a question about defaults; a space before the colon is no part of the label.
    expect(labelAnswers('デフォルト: false', question('mode の型は？'))).toBe(false);
    expect(labelAnswers('デフォルト : false', question('__FLAG__ は何も設定しなかったらどの値になる？'))).toBe(true);
    // A label only partly in Latin letters is looked for as written, not as a whole English word.
    expect(labelAnswers('値 x: 1', question('値 xy とは？'))).toBe(true);
    expect(labelAnswers('x 値: 1', question('ax 値 とは？'))).toBe(true);
  });

  it('weighs an English word of an English question as a topic when the material writes it', () => {
    const question = 'What is the default value of the timeout option?';
    const weightOf = (frequency?: Map<string, number>) => {
      const p = planQuery(question, analyzer, { synonyms: [], frequency });
      return p.wordWeights[p.words.indexOf('timeout')];
    };
    expect(weightOf()).toBe(DEFAULT_RANKING_CONFIG.topicWeight.untranslatedEnglish);
    expect(weightOf(new Map([['timeout', 3]]))).toBe(DEFAULT_RANKING_CONFIG.topicWeight.noun);
    expect(weightOf(new Map([['value', 1]]))).toBe(0);
  });

  it('does not count an untranslated English word the material never writes in the coverage an answer needs', () => {
    const question = 'Vite keeps clearing the terminal: how can I turn that off?';
    const p = planQuery(question, analyzer, { synonyms: [], frequency: new Map([['vite', 4], ['off', 1]]) });
    const weightOf = (word: string) => p.wordWeights[p.words.indexOf(word)];
    expect(weightOf('keeps')).toBe(0);
    // A short word the material writes (`off`) is likely a common one: it counts a little.
    expect(weightOf('off')).toBe(DEFAULT_RANKING_CONFIG.topicWeight.untranslatedEnglish);
  });

  it('takes the head of `どの国` as the kind of thing asked for, but not the `言葉` of `どんな言葉`', () => {
    expect(plan('どの国が加盟した？').answerHead).toBe('国');
    expect(plan('首相はどんな言葉でほめた？').answerHead).toBeUndefined();
    expect(plan('首相はどこの学校を訪ねた？').answerHead).toBe('学校');
  });

  it('asks a counting or pricing question for a number in its unit', () => {
    const price = expectedQuantity(normalize('運賃はいくら？'))!;
    expect(price.test('片道3000円である')).toBe(true);
    expect(price.test('人口は1200人')).toBe(false);
    expect(expectedQuantity(normalize('人口は何人？'))!.test('1200人')).toBe(true);
    expect(expectedQuantity(normalize('灯台は白い？'))).toBeUndefined();
  });

  it('prefers the sentence holding the expected kind of answer', async () => {
    expect(best('島の人口は何人？')).toContain('1200人');
    expect(best('定期船の運賃はいくら？')).toContain('3000円');
    expect(best('灯台を設計したのは誰？')).toContain('山根一郎');
    expect(best('島の主な産業はどう変わった？')).toBe('島の主な産業は漁業から観光へと移った。');
    expect(best('島の名物を全部挙げて')).toBe('島の名物は、海亀、灯台、灯籠祭り、防波堤だ。');
  });
});

describe('how much of the question an answer must cover', () => {
  it('is less when every noun of the question is in the material than when one is not', async () => {
    // Both best sentences cover under half of the question; only the second asks about a `夜` the material never has.
    const [allNouns, absentNoun] = ['防波堤の高さと運賃と人口は？', '灯台守の山根一郎は台風の夜に何をした？'];
    for (const question of [allNouns, absentNoun]) expect(kb.search(question)[0]!.coverage).toBeLessThan(0.45);
    expect((await kb.ask(allNouns)).status).toBe('answered');
    expect((await kb.ask(absentNoun)).status).toBe('not_found');
  });
});

describe('what the material never mentions', () => {
  it('is judged on its text, not on how kuromoji happened to cut a word', async () => {
    const docs = await openKnowledgeBaseOver({
      'compiler.md': '# 設定\n\nテンプレートのランタイムコンパイラーオプションを設定します。値は shallowRef で包みます。\n\n## data-allow-mismatch\n\n警告を抑えます。\n',
    });
    const namesAbsent = (question: string) => docs.explain(question).refusal.namesAbsent;
    // The material's one unknown word `ランタイムコンパイラオプション` holds the question's `ランタイムコンパイラ`.
    expect(namesAbsent('ランタイムコンパイラの設定は？')).toBe(false);
    expect(namesAbsent('スマホの設定は？')).toBe(true);
    // A Latin word counts only whole: `shallowRef` does not mention a `shallow`.
    expect(namesAbsent('shallowref の設定は？')).toBe(false);
    expect(namesAbsent('shallow の設定は？')).toBe(true);
    // A heading names what its section is about, though no sentence repeats it.
    expect(namesAbsent('allow の設定は？')).toBe(false);
    expect(namesAbsent('deny の設定は？')).toBe(true);
  });
});

describe('a loanword and the code that spells it in English', () => {
  it('finds the labelled line under `## server.port` for a question about the ポート', async () => {
    const options = ['port', 'host', 'cors'].map((name, i) => `## server.${name}\n\n- **型:** \`number\`\n- **デフォルト:** \`${5173 + i}\`\n\nサーバーの設定です。\n`);
    const docs = await openKnowledgeBaseOver({
      'server.md': `# サーバーオプション\n\n${options.join('\n')}`,
      'modes.md': '# モード\n\nデフォルトで、開発サーバーは development モードで動作します。\n',
    });
    const answer = await docs.ask('開発サーバーのデフォルトのポート番号は？');
    expect(answer.citations[0]?.quote).toBe('デフォルト: 5173');
    expect(answer.citations[0]?.section).toBe('server.port');
  });
});

describe('the option a unit documents', () => {
  it('leads the answer sentence, as code, when the nearest heading names it and the sentence does not', async () => {
    const docs = await openKnowledgeBaseOver({
      'build.md': [
        '# ビルドオプション',
        '## build.copyPublicDir',
        'ビルド時に `publicDir` のファイルを出力先にコピーしないようにするには `false` を設定します。',
        '## build.outDir',
        'build.outDir はビルドの出力先のディレクトリーを指定します。',
        '## envFile',
        'ファイルの読み込みを無効にするには false を指定します。',
        '## 出力の確認',
        'ビルドの出力先のファイルを確認してコピーします。',
      ].join('\n\n'),
    });
    const first = async (question: string) => (await docs.ask(question)).sentences[0]!;
    const copy = await first('publicDir をコピーしないようにする設定は？');
    const option = 'build.copyPublicDir — ';
    expect(copy.text).toBe(`${option}ビルド時に publicDir のファイルを出力先にコピーしないようにするには false を設定します。`);
    const codeIn = (sentence: { text: string; code?: [number, number][] }) => (sentence.code ?? []).map(([start, end]) => sentence.text.slice(start, end));
    expect(codeIn(copy)).toEqual(['build.copyPublicDir', 'publicDir', 'false']);
    expect((await first('ファイルの読み込みを無効にするには？')).text).toBe('envFile — ファイルの読み込みを無効にするには false を指定します。');
    // Named in the sentence already, or a heading in words: the sentence stands as written.
    expect((await first('build.outDir は何を指定する？')).text).toBe('build.outDir はビルドの出力先のディレクトリーを指定します。');
    expect((await first('出力のファイルを確認するには？')).text).toBe('ビルドの出力先のファイルを確認してコピーします。');
  });
});

describe('two alike units about two options', () => {
  it('are one answer when they say the same whole sentence (a hook of the Options and of the Composition API)', async () => {
    const sentence = '関数が false を返すと、エラーはそれ以上伝わりません。';
    const page = (hook: string) => `# フック\n\n## ${hook}\n\n${sentence}\n`;
    const docs = await openKnowledgeBaseOver({ 'options.md': page('errorCaptured'), 'composition.md': page('onErrorCaptured()') });
    const texts = (await docs.ask('エラーをそれ以上伝えないには？')).sentences.map((s) => s.text);
    expect(texts.filter((text) => text.endsWith(sentence))).toHaveLength(1);
  });

  it('are both shown, not dropped as a repeat', async () => {
    const page = (option: string, port: number) => `# ${option}\n\n## ${option}.port\n\n- **デフォルト:** \`${port}\`\n\nサーバーのポートを指定します。\n`;
    const docs = await openKnowledgeBaseOver({ 'server.md': page('server', 5173), 'preview.md': page('preview', 4173) });
    const quotes = (await docs.ask('ポートのデフォルトは？')).citations.map((c) => c.quote);
    expect(quotes).toEqual(expect.arrayContaining(['デフォルト: 5173', 'デフォルト: 4173']));
    // The same labelled line under two options tells each of them.
    const same = await openKnowledgeBaseOver({ 'server.md': page('server', 5173), 'preview.md': page('preview', 5173) });
    expect((await same.ask('ポートのデフォルトは？')).citations.filter((c) => c.quote === 'デフォルト: 5173')).toHaveLength(2);
  });
});

describe('which of two close candidates leads the answer', () => {
  const candidate = (id: number, score: number, answerType: number, text = '') =>
    ({ sentence: { id, text }, score, coverage: 0.5, signals: { answerType } }) as unknown as RankedSentence;
  const lead = (...ranked: RankedSentence[]) => leadOf(ranked);
  const leadOf = (ranked: RankedSentence[], question = '') => {
    const { lead, runnerUp } = leadingPair(ranked, 0.8, question);
    return [lead.sentence.id, runnerUp?.sentence.id];
  };

  it('is the runner-up when only it holds the kind of answer asked for and the ranking cannot tell them apart', () => {
    expect(lead(candidate(1, 1, 0), candidate(2, 0.85, 1))).toEqual([2, 1]);
  });

  it('is the best otherwise, beside the runner-up only when the ranking cannot tell them apart', () => {
    expect(lead(candidate(1, 1, 0), candidate(2, 0.75, 1))).toEqual([1, undefined]);
    // At exactly `supportRatio` of the best, the ranking cannot tell them apart.
    expect(lead(candidate(1, 1, 0), candidate(2, 0.8, 0))).toEqual([1, 2]);
    expect(lead(candidate(1, 1, 1), candidate(2, 0.95, 1))).toEqual([1, 2]);
    expect(lead(candidate(1, 1, 1), candidate(2, 0.95, 0))).toEqual([1, 2]);
    expect(lead(candidate(1, 1, 0))).toEqual([1, undefined]);
  });

  it('is, for a why-question, the one that says why outright when both hold a reason word', () => {
    const purpose = candidate(1, 1, 1, '.passive 修飾子は、パフォーマンスの改善のためのタッチイベントで使用します。');
    const because = candidate(2, 0.85, 1, 'なぜなら、.passive はデフォルト動作を干渉しないことを示しているからです。');
    const why = (ranked: RankedSentence[], question = '一緒に付けてはいけないのはなぜ？') => leadOf(ranked, question);
    expect(why([purpose, because])).toEqual([2, 1]);
    expect(why([purpose, because], '国内では何とぶつかるから？')).toEqual([2, 1]);
    // Not for another kind of question, nor one asking what for, nor when the best says why outright too.
    expect(leadOf([purpose, because], 'どうすれば付けられる？')).toEqual([1, 2]);
    const aim = candidate(1, 1, 1, '目的は操作性の改善です。');
    expect(why([aim, candidate(2, 0.85, 1, 'その理由は後述します。')], '何のために使う？')).toEqual([1, 2]);
    const alsoBecause = candidate(1, 1, 1, '広く使われているためです。');
    expect(why([alsoBecause, because])).toEqual([1, 2]);
    for (const text of ['理由は互換性です。', '古い端末が多いからだ。', '費用がかかるので。', '古いからです」。']) {
      expect(why([purpose, candidate(2, 0.85, 1, text)]), text).toEqual([2, 1]);
    }
    // A purpose said as a sentence's end is not a cause.
    expect(why([purpose, candidate(2, 0.85, 1, '改善のためです。')])).toEqual([1, 2]);
    // Nor when neither holds the kind asked for: the ranking's order stands.
    expect(why([candidate(1, 1, 0, 'ただの文。'), candidate(2, 0.85, 0, 'なぜなら、別の文だからです。')])).toEqual([1, 2]);
  });

  it('is, for a since-when question, the one that gives its date as a start when both hold a date', () => {
    const other = candidate(1, 1, 1, '長官は2025年5月、新たな戦略の策定を指示した。');
    const since = candidate(2, 0.85, 1, '長官は、2025年1月の就任以来、各地を視察してきた。');
    expect(leadOf([other, since], '長官になったのはいつから？')).toEqual([2, 1]);
    expect(leadOf([other, candidate(2, 0.85, 1, 'バージョン 3.2.34 以降、名前は推論されます。')], 'いつからですか')).toEqual([2, 1]);
    expect(leadOf([other, candidate(2, 0.85, 1, '１９９０年度から続く。')], 'いつ頃からですか')).toEqual([2, 1]);
    // Not for a question asking only when, nor a range or a comparison.
    expect(leadOf([other, since], '長官になったのはいつ？')).toEqual([1, 2]);
    for (const text of ['任期は5年から10年だ。', '2019年よりも増えた。', '2020年より前に建てられた。']) {
      expect(leadOf([other, candidate(2, 0.85, 1, text)], 'いつから？'), text).toEqual([1, 2]);
    }
  });
});

describe('the rest of a list', () => {
  it('is the answer to a sentence that introduces it, up to a line that points elsewhere', async () => {
    const page = ['# 部品', '', '部品には 1 つの制限があります:', '', '- **重さ:** 10 kg まで', '- **参照:** 部品の一覧', ''].join('\n');
    const docs = await openKnowledgeBaseOver({ 'parts.md': page });
    const texts = (await docs.ask('部品の制限は？')).sentences.map((s) => s.text);
    expect(texts).toEqual(['重さ: 10 kg まで']);
  });

  it('is the answer without its introduction, nor what the introduction refers to', async () => {
    const page = ['# 部品', '', '部品は軽い。この部品には 3 つの制限があります:', '', '- **重さ:** 10 kg まで', '- **長さ:** 2 m まで', '- **色:** 白のみ', ''].join('\n');
    const docs = await openKnowledgeBaseOver({ 'parts.md': page });
    for (const question of ['部品の制限を全部教えて', '部品にはどんな制限がある？']) {
      const texts = (await docs.ask(question)).sentences.map((s) => s.text);
      expect(texts).toEqual(['重さ: 10 kg まで', '長さ: 2 m まで', '色: 白のみ']);
    }
  });

  it('is not what a sentence followed by code introduces', async () => {
    // The sentence introduces the code; the items after the code are another list's.
    const page = ['# 部品', '', '- 部品の制限は次のように書きます:', '', '  ```js', '  limit(10)', '  ```', '', '- **重さ:** 10 kg まで', ''].join('\n');
    const docs = await openKnowledgeBaseOver({ 'parts.md': page });
    const texts = (await docs.ask('部品の制限はどう書く？')).sentences.map((s) => s.text);
    expect(texts[0]).toBe('部品の制限は次のように書きます:');
    expect(texts).not.toContain('重さ: 10 kg まで');
  });
});

describe('a runner-up the ranking cannot tell from the lead', () => {
  const TOLD = '白塔は1920年に建てられた。';
  const CONTEXT = '白塔が建てられた丘は町の北にある。';
  const texts = async (files: Record<string, string>, question = '白塔はいつ建てられた？') =>
    (await (await openKnowledgeBaseOver(files)).ask(question)).sentences.map((s) => s.text);
  const apart = { 'tower.txt': ['町の記録', TOLD, '春に市が開かれる。'].join('\n'), 'hill.txt': ['丘の記録', CONTEXT, '秋に祭りがある。'].join('\n') };

  it('is left out when it lacks the date the lead holds: the lead\'s context, from its document or another', async () => {
    expect(await texts({ 'tower.txt': ['町の記録', CONTEXT, TOLD, '春に市が開かれる。'].join('\n') })).toEqual([TOLD]);
    expect(await texts(apart)).toEqual([TOLD]);
  });

  it('is shown from another document when the question is not typed, or asks what looser signs tell (a place)', async () => {
    expect(await texts(apart, '白塔について教えて')).toEqual(expect.arrayContaining([TOLD, CONTEXT]));
    const placed = { 'tower.txt': ['町の記録', '白塔は横浜市に建てられた。', '春に市が開かれる。'].join('\n'), 'hill.txt': ['丘の記録', '白塔が建てられたのは古い話だ。', '秋に祭りがある。'].join('\n') };
    expect(await texts(placed, '白塔はどこに建てられた？')).toEqual(['白塔は横浜市に建てられた。', '白塔が建てられたのは古い話だ。']);
  });
});

describe('a runner-up for a question about a difference', () => {
  const DIFFERENCE = '白塔は石造りであるのに対して、黒塔は木造である。';
  const files = { 'towers.txt': ['塔の記録', DIFFERENCE].join('\n'), 'hill.txt': ['丘の記録', '白塔と黒塔は丘の上に並んで建っている。'].join('\n') };

  it('is left out, from any document, when only the lead says how they differ', async () => {
    expect(await tiedAnswer(files, '白塔と黒塔の違いは？', DIFFERENCE)).toEqual([DIFFERENCE]);
  });

  it('is shown when the question does not ask for a difference', async () => {
    const docs = await openKnowledgeBaseOver(files, {}, { supportRatio: 0.3 });
    expect((await docs.ask('白塔と黒塔について教えて')).sentences).toHaveLength(2);
  });
});

/**
 * The answer's sentences, asked of a knowledge base over `files` whose support ratio is lower than
 * the default's, so that the best two are a pair the ranking cannot tell apart; `lead` ranks first.
 */
async function tiedAnswer(files: Record<string, string>, question: string, lead: string): Promise<string[]> {
  const docs = await openKnowledgeBaseOver(files, {}, { supportRatio: 0.3 });
  const [best, second] = docs.explain(question).ranked;
  expect(best!.sentence.text).toBe(lead);
  // There is a runner-up to leave out or show.
  expect(second!.score).toBeGreaterThanOrEqual(0.3 * best!.score);
  return (await docs.ask(question)).sentences.map((s) => s.text);
}

describe('a runner-up from the lead\'s list or table', () => {
  const table = ['# 部品', '', '| 部品 | 色 | 用途 |', '| --- | --- | --- |', '| 鐘 | 金 | 朝を知らせる |', '| 旗 | 赤 | 祭りの日に揚げる |', ''].join('\n');
  const BELL_ROW = '部品: 鐘; 色: 金; 用途: 朝を知らせる';
  const BELL = '鐘の色は金で、朝を知らせる。';
  const FLAG = '旗の色は赤く、祭りの日に揚げる。';

  it('is left out for a question that does not ask for the list: the item it names best is the answer', async () => {
    expect(await tiedAnswer({ 'parts.md': table }, '鐘の色は何？', BELL_ROW)).toEqual([BELL_ROW]);
    expect(await tiedAnswer({ 'parts.md': ['# 部品', '', `- ${BELL}`, `- ${FLAG}`, ''].join('\n') }, '鐘の色は何？', BELL)).toEqual([BELL]);
  });

  it('is shown for a question that asks for the list, though it comes before the lead, or names its item too', async () => {
    const list = ['# 部品', '', `- ${BELL}`, `- ${FLAG}`, ''].join('\n');
    expect(await tiedAnswer({ 'parts.md': list }, '旗の色と、ほかの部品の色を全部教えて', FLAG)).toEqual([FLAG, BELL]);
    expect(await tiedAnswer({ 'parts.md': list }, '旗と鐘の色は？', BELL)).toEqual([BELL, FLAG]);
  });

  it('is shown from a list under another heading, though nothing stands between the two lists', async () => {
    const twoLists = ['# 部品', '', '## 北の塔', '', `- ${BELL}`, '', '## 南の塔', '', `- ${FLAG}`, ''].join('\n');
    expect(await tiedAnswer({ 'parts.md': twoLists }, '鐘の色は何？', BELL)).toEqual([BELL, FLAG]);
  });

  it('is shown from another list of the same section, a paragraph between the two', async () => {
    const nearBell = '旗の色は赤く、鐘の横に揚げる。';
    const twoLists = ['# 部品', '', `- ${nearBell}`, '', '港の北側には防波堤がある。', '', `- ${BELL}`, ''].join('\n');
    expect(await tiedAnswer({ 'parts.md': twoLists }, '鐘の色は何？', BELL)).toEqual([BELL, nearBell]);
  });

  it('is shown when it is another document\'s', async () => {
    const apart = { 'bell.md': ['# 鐘', '', `- ${BELL}`, ''].join('\n'), 'flag.md': ['# 旗', '', `- ${FLAG}`, ''].join('\n') };
    expect(await tiedAnswer(apart, '鐘の色は何？', BELL)).toEqual([BELL, FLAG]);
  });
});

describe('a runner-up that needs the sentence before it', () => {
  it('is shown alone: an alternative, not the answer, whose citation points to its passage', async () => {
    const LEAD_TEXT = '白塔の鐘は毎朝鳴り、町の人を起こす。';
    const files = { 'tower.txt': ['町の記録', LEAD_TEXT, '秋に祭りがある。'].join('\n'), 'sound.txt': ['音の記録', '丘の上に古い塔がある。', 'その白塔の鐘の音は遠くでも聞こえる。', '冬は雪が多い。'].join('\n') };
    expect(await tiedAnswer(files, '白塔の鐘はいつ鳴る？', LEAD_TEXT)).toEqual([LEAD_TEXT, 'その白塔の鐘の音は遠くでも聞こえる。']);
  });
});

describe('a question word that names the kind of answer', () => {
  it('is held by a sentence holding an answer of that kind', async () => {
    expect(typesNamedBy('バジョン')).toBe(AnswerType.version);
    expect(typesNamedBy('理由')).toBe(AnswerType.reason);
    expect(typesNamedBy('場所')).toBe(AnswerType.place);
    expect(typesNamedBy('会議')).toBe(0);
    const docs = await openKnowledgeBaseOver({ 'watchers.md': '# ウォッチャー\n\nonWatcherCleanup は Vue 3.5+ でのみサポートされています。\n\n別の機能もあります。\n' });
    const coverage = (question: string) => docs.explain(question).ranked[0]!.coverage;
    // `3.5+` answers `何のバージョン`; asked for a reason, the same sentence lacks what `理由` names.
    expect(coverage('onWatcherCleanup は何のバージョンから使える？')).toBeGreaterThan(0.85);
    expect(coverage('onWatcherCleanup の理由は？')).toBeLessThan(0.6);
  });

  it('is held by a place for `場所` (`場所は？` after a question on the ceremony)', async () => {
    const docs = await openKnowledgeBaseOver({ 'ceremony.txt': ['式典の記録', '式典は市民ホールで開かれた。', '式典には多くの人が来た。'].join('\n') });
    const coverageOf = (text: string) => docs.explain('式典の場所は？').ranked.find((r) => r.sentence.text === text)!.coverage;
    expect(coverageOf('式典は市民ホールで開かれた。')).toBeGreaterThan(0.9);
    expect(coverageOf('式典には多くの人が来た。')).toBeLessThan(0.7);
  });
});

describe('a labelled line under a heading', () => {
  it('covers the question as well as the best sentence of its section when its label is what is asked', async () => {
    const docs = await openKnowledgeBaseOver({
      'build.md': [
        '# ビルドオプション',
        '## build.minify',
        "- **型:** `boolean | 'terser' | 'esbuild'`",
        "- **デフォルト:** `'esbuild'`",
        'ミニファイを無効にするには false を設定するか、使用するミニファイツールを指定します。',
        '## build.outDir',
        '- **デフォルト:** `dist`',
        '出力先のディレクトリーを指定します。',
      ].join('\n\n'),
    });
    const firstQuote = async (question: string) => (await docs.ask(question)).citations[0]?.quote;
    expect(await firstQuote('ミニファイのツールは何も設定しないと何になる？')).toBe("デフォルト: 'esbuild'");
    expect(await firstQuote('出力先のディレクトリーは何も設定しないとどこ？')).toBe('デフォルト: dist');
    // Asked for its type, the default is no answer: its label is not what is asked.
    expect(await firstQuote('ミニファイのツールの型は？')).toBe("型: boolean | 'terser' | 'esbuild'");
  });
});

describe('what technical documentation never mentions', () => {
  it('is a name in katakana or Latin letters (capitalized, in English), not a common word the asker paraphrased with', async () => {
    const page = '# プラグイン\n\nプラグインは `plugins` で指定します。\n\n`apply` を `build` にするとビルド時だけ動きます。\n';
    const technical = await openKnowledgeBaseOver({ 'plugins.md': page });
    const namesAbsent = (docs: KnowledgeBase, question: string) => docs.explain(question).refusal.namesAbsent;
    expect(namesAbsent(technical, '自作プラグインをビルド時だけ動かすには？')).toBe(false);
    expect(namesAbsent(technical, 'tailwind のプラグインは？')).toBe(true);
    expect(namesAbsent(technical, 'ストーリーブックのプラグインは？')).toBe(true);
    // In English, a name is capitalized: `stuff` is an ordinary word, `Docker` a product.
    expect(namesAbsent(technical, 'How do I apply some stuff only at build time?')).toBe(false);
    expect(namesAbsent(technical, 'How do I apply Docker only at build time?')).toBe(true);
    // The same words without inline code: plain material, where a missing word may be what is asked.
    const plain = await openKnowledgeBaseOver({ 'plugins.md': page.replaceAll('`', '') });
    expect(namesAbsent(plain, '自作プラグインをビルド時だけ動かすには？')).toBe(true);
  });
});

describe('a count or price the material does not give', () => {
  it('is not found, though the material talks about the thing counted', async () => {
    expect((await kb.ask('灯台は何回建て直された？')).status).toBe('not_found');
    expect((await kb.ask('定期船の運賃はいくら？')).status).toBe('answered');
  });

  it('is asked for only by a counting or pricing question, not by one that names a cost', () => {
    expect(asksHowMany(normalize('運賃はいくら？'))).toBe(true);
    expect(asksHowMany(normalize('自民党は何議席を取った？'))).toBe(true);
    expect(asksHowMany(normalize('運賃の費用について何と言った？'))).toBe(false);
  });
});

describe('the context field', () => {
  it('holds the title and the words of the units right before and after, and no further', async () => {
    const title = '灯台の話';
    const lines = ['灯台は古い。', '設計は山根一郎である。', '彼は技師だった。', '港は北にある。'];
    const { units } = await analyzeDocument({ id: 'c.txt', ...parseText(lines.join('\n')), title }, analyzer, 300);
    expect(units.map((u) => u.sentence.text)).toEqual(lines);
    const words = (...texts: string[]) => texts.flatMap((text) => analyzer.analyze(text).words).join(' ');
    expect(units.map((u) => u.fields.context)).toEqual([
      words(title, lines[1]!),
      words(title, lines[0]!, lines[2]!),
      words(title, lines[1]!, lines[3]!),
      words(title, lines[2]!),
    ]);
  });
});

describe('sentences that lean on the one before', () => {
  it('recognises demonstrative openers', () => {
    expect(leansOnPrevious('この防波堤は高い。')).toBe(true);
    expect(leansOnPrevious('防波堤は高い。')).toBe(false);
    expect(leansOnPrevious('島民が灯台を自ら守ってきた背景だ。')).toBe(true);
    expect(leansOnPrevious('背景には台風の多さがある。')).toBe(false);
  });

  it('leads with the answering sentence and brings in the one it refers to right after', async () => {
    const answer = await kb.ask('防波堤の高さは何メートル？');
    const texts = answer.sentences.map((s) => s.text);
    expect(texts[0]).toMatch(/^この防波堤は高さが12メートル/);
    expect(texts[1]).toBe('港の北側には大きな防波堤がある。');
  });
});

describe('the reason beside the answer', () => {
  const REASON = '下流の町を洪水から守るためである。';
  let dam: KnowledgeBase;
  beforeAll(async () => {
    const corpus = await tempDir();
    await writeFile(path.join(corpus, 'dam.txt'), ['青葉ダムの記録', '青葉ダムは1970年に完成した。', REASON, 'ダム湖では夏にボート大会が開かれる。'].join('\n'));
    dam = await KnowledgeBase.open(testConfig(corpus, await tempDir()));
  });
  const texts = async (question: string) => (await dam.ask(question)).sentences.map((s) => s.text);

  it('joins the answer to a why-question when the best sentence gives no reason, and only then, the reason leading', async () => {
    expect(await texts('青葉ダムはなぜ作られた？')).toEqual([REASON, '青葉ダムは1970年に完成した。']);
    expect(await texts('青葉ダムはいつ完成した？')).toEqual(['青葉ダムは1970年に完成した。']);
  });

  it('looks for the reason up to two sentences on, as a paragraph states the fact and then its cause, and no further', async () => {
    const open = (between: string[]) =>
      openKnowledgeBaseOver({ 'bridge.txt': ['白浜橋の記録', '白浜橋は1980年に架け替えられた。', ...between, '古い橋が台風で傷んだためである。', '橋の上では秋に祭りが開かれる。'].join('\n') });
    const near = await open(['工事には二年かかった。']);
    const far = await open(['工事には二年かかった。', '工費は五億円だった。']);
    const texts = async (docs: KnowledgeBase) => (await docs.ask('白浜橋はなぜ架け替えられた？')).sentences.map((s) => s.text);
    expect(await texts(near)).toEqual(['古い橋が台風で傷んだためである。', '白浜橋は1980年に架け替えられた。']);
    expect(await texts(far)).toEqual(['白浜橋は1980年に架け替えられた。']);
  });

  it('keeps a reason that needs the sentence before it after that sentence', async () => {
    // Two on and sharing no word with the question: found beside the best sentence, not ranked close to it.
    const docs = await openKnowledgeBaseOver({ 'gate.txt': ['町の記録', '緑門は1990年に閉ざされた。', '工事は二年かかった。', 'これは柱が傾いたためである。', '春に市が開かれる。'].join('\n') });
    const texts = (await docs.ask('緑門はなぜ閉ざされた？')).sentences.map((s) => s.text);
    expect(texts).toEqual(['緑門は1990年に閉ざされた。', 'これは柱が傾いたためである。']);
  });

  it('leads with a runner-up the ranking cannot tell from the best when only it holds the reason', async () => {
    const docs = await openKnowledgeBaseOver({ 'gate.txt': ['町の記録', '緑門は1990年に閉ざされた。', 'これは柱が傾いたためである。', '春に市が開かれる。'].join('\n') });
    const texts = (await docs.ask('緑門はなぜ閉ざされた？')).sentences.map((s) => s.text);
    expect(texts).toEqual(['これは柱が傾いたためである。', '緑門は1990年に閉ざされた。']);
  });
});

describe('the next sentence of the paragraph', () => {
  it('leads the answer when the best sentence lacks the kind of answer asked for, the best sentence after it', async () => {
    const answer = await kb.ask('赤井川橋の設計を任された森田二郎は誰に学んだ？');
    const texts = answer.sentences.map((s) => s.text);
    expect(texts.slice(0, 2)).toEqual(['師は佐藤健二であった。', '赤井川橋の設計は若い技師の森田二郎が任された。']);
  });

  it('holds the kind of answer asked for when it has its type, a new one of what `どの…` names, or a means for a how-question', () => {
    const unit = (plain: string, code: [number, number][] = []) => ({ plain, text: plain, types: answerTypesIn(plain, []), people: [], code }) as unknown as IndexedSentence;
    expect(answersKindAsked(unit('白塔は1920年に建てられた。'), plan('白塔はいつ建てられた？'))).toBe(true);
    expect(answersKindAsked(unit('手がけたのは北村工房である。'), plan('白塔はどの工房が手がけた？'))).toBe(true);
    expect(answersKindAsked(unit('白塔はどの工房が手がけたのか、記録はない。'), plan('白塔はどの工房が手がけた？'))).toBe(false);
    expect(answersKindAsked(unit('keepLog に true を指定します。', [[0, 7]]), plan('ログを残すにはどうすればいい？'))).toBe(true);
    expect(answersKindAsked(unit('ログは消えてしまう。'), plan('ログを残すにはどうすればいい？'))).toBe(false);
  });

  it('is what a follow-up in the thread knows the asker has read, as it led the answer', async () => {
    const earlier = '赤井川橋の設計を任された森田二郎は誰に学んだ？';
    const read = kb.explain('他には？', { context: [earlier] }).ranked.filter((r) => r.signals.alreadyAnswered === 1);
    expect(read.map((r) => r.sentence.text)).toEqual([(await kb.ask(earlier)).sentences[0]!.text]);
    expect(read[0]!.sentence.text).toBe('師は佐藤健二であった。');
  });

  it('does not count the names the question gave as the person it asks for', () => {
    const sentence = { types: AnswerType.person, people: ['森田', '二郎'], text: '' };
    expect(holdsExpectedType(sentence, AnswerType.person, '森田二郎は誰に学んだ')).toBe(false);
    expect(holdsExpectedType({ ...sentence, people: ['佐藤', '健二'] }, AnswerType.person, '森田二郎は誰に学んだ')).toBe(true);
    expect(holdsExpectedType(sentence, AnswerType.person, '橋を設計したのは誰')).toBe(true);
  });
});

describe('who wrote it', () => {
  it('is asked by questions about the writer, and answered by a byline', () => {
    expect(asksForAuthor(normalize('赤井川橋の記録を書いたのは誰？'))).toBe(true);
    expect(asksForAuthor(normalize('赤井川橋を設計したのは誰？'))).toBe(false);
    expect(looksLikeByline('海野 三郎 編集委員')).toBe(true);
    expect(looksLikeByline('森田二郎は技師である。')).toBe(false);
  });

  it('brings the byline of the best-matching document into the answer', async () => {
    const answer = await kb.ask('赤井川橋の記録を書いたのは誰？');
    expect(answer.sentences.map((s) => s.text)).toContain('海野 三郎 編集委員');
  });
});

describe('headings', () => {
  it('rank below the sentence that answers, also when they end in kana (`…の関わり`)', async () => {
    expect(best('森田二郎と赤井川橋の関わりは？')).toBe('赤井川橋の設計は若い技師の森田二郎が任された。');
  });

  it('are told from sentences by their missing end mark, not by a last character that is not kana', () => {
    const heading = (text: string) => kb.search(text).find((r) => r.sentence.text === text)?.signals.heading;
    expect(heading('技師森田二郎と赤井川橋の関わり')).toBe(1);
    expect(heading('島の灯台は1923年に建てられた。')).toBe(0);
  });

  it('do not end as a sentence ends, not even with an ellipsis (`……`); a bracketed title (`【概要】`) is one', async () => {
    const line = '彼は毎朝この橋を渡っていたんだ……';
    const docs = await openKnowledgeBaseOver({ 'bridge.txt': ['橋の話', '【橋の概要】', line, '橋は古い。'].join('\n') });
    const heading = (text: string) => docs.search('毎朝この橋の概要を渡っていた').find((r) => r.sentence.text === text)?.signals.heading;
    expect(heading(line)).toBe(0);
    expect(heading('【橋の概要】')).toBe(1);
  });
});

describe('a question that restates a sentence', () => {
  it('is answered by the sentence beside it', async () => {
    // The question copies the first sentence; the answer (江戸時代) is in the next one.
    const ranked = kb.search('島では毎年八月に灯籠祭りが開かれるが、その起源はいつ？');
    expect(ranked[0]?.sentence.text).toBe('祭りの起源は江戸時代にさかのぼる。');
  });
});

describe('signals of a candidate', () => {
  const signalsOf = (question: string, containing: string) => kb.search(question).find((r) => r.sentence.text.includes(containing))?.signals;

  it('search is BM25 relative to the best hit, so the best has 1', () => {
    const ranked = kb.search('灯台を設計したのは誰？');
    expect(Math.max(...ranked.map((r) => r.signals.search))).toBe(1);
    expect(Math.min(...ranked.map((r) => r.signals.search))).toBeLessThan(1);
  });

  it('coverage is full for a sentence with every question word, partial for one with some', () => {
    expect(signalsOf('島の灯台は何年に建てられた？', '1923年')!.coverage).toBeCloseTo(1);
    expect(signalsOf('島の灯台は何年に建てられた？', '首相が')!.coverage).toBeLessThan(0.9);
  });

  it('answerType marks the sentence holding the kind of answer asked for', () => {
    expect(signalsOf('灯台はいつ建てられた？', '1923年')!.answerType).toBe(1);
    expect(signalsOf('灯台を設計したのは誰？', '1923年')!.answerType).toBe(0);
  });

  it('quantity marks a number in the unit asked for', () => {
    expect(signalsOf('定期船の運賃はいくら？', '3000円')!.quantity).toBe(1);
    expect(signalsOf('島の人口は何人？', '1200人')!.quantity).toBe(1);
    expect(signalsOf('島の人口は何人？', '3000円')?.quantity ?? 0).toBe(0);
  });

  it('phrase is the share of the question’s character trigrams the sentence holds', () => {
    expect(signalsOf('灯台を設計したのは技師の山根一郎？', '山根一郎')!.phrase).toBeGreaterThan(0.5);
    expect(signalsOf('灯台を設計したのは技師の山根一郎？', '1923年')!.phrase).toBeLessThan(0.3);
  });

  it('heading marks a short line that names a topic', () => {
    expect(signalsOf('森田二郎と赤井川橋の関わりは？', '関わり')!.heading).toBe(1);
    expect(signalsOf('森田二郎と赤井川橋の関わりは？', '三年')!.heading).toBe(0);
  });

  it('restated marks a sentence with no noun the question lacks, and besideRestated its neighbour', () => {
    const question = '島の名物として観光客に最も知られているのは海亀？';
    expect(signalsOf(question, '最も知られている')!.restated).toBe(1);
    expect(signalsOf(question, '名物は、海亀')!.besideRestated).toBe(1);
    expect(signalsOf(question, '名物は、海亀')!.restated).toBe(0);
  });

  it('the score of every candidate is score(signals, weights), and the list is sorted by it', () => {
    const ranked = kb.search('灯台はいつ建てられた？');
    for (const r of ranked) expect(r.score).toBeCloseTo(score(r.signals, DEFAULT_RANKING_CONFIG.weights));
    expect(ranked.map((r) => r.score)).toEqual([...ranked.map((r) => r.score)].sort((a, b) => b - a));
  });
});

describe('score', () => {
  const none: Signals = { search: 0, coverage: 0, phrase: 0, answerType: 0, quantity: 0, code: 0, heading: 0, restated: 0, besideRestated: 0, pointer: 0, label: 0, alreadyAnswered: 0 };
  const weights = DEFAULT_RANKING_CONFIG.weights;

  it('is zero without signals', () => {
    expect(score(none, weights)).toBe(0);
  });

  it('adds each positive signal times its weight and subtracts the penalties', () => {
    for (const name of ['search', 'coverage', 'phrase', 'answerType', 'quantity', 'code', 'besideRestated', 'label'] as const) {
      expect(score({ ...none, [name]: 1 }, { ...weights, [name]: 0.7 }), name).toBeCloseTo(0.7);
    }
    for (const name of ['heading', 'restated', 'pointer', 'alreadyAnswered'] as const) expect(score({ ...none, [name]: 1 }, { ...weights, [name]: 0.7 }), name).toBeCloseTo(-0.7);
  });

  it('follows weights given through KnowledgeBase.open', async () => {
    const question = '灯台はいつ建てられた？';
    const onlyType = await KnowledgeBase.open(testConfig(kbCorpus, await tempDir()), {
      ranking: { weights: { search: 0, coverage: 0, phrase: 0, answerType: 1, quantity: 0, code: 0, heading: 0, restated: 0, besideRestated: 0, pointer: 0, label: 0, alreadyAnswered: 0 } },
    });
    for (const r of onlyType.search(question)) expect(r.score).toBe(r.signals.answerType);
  });
});

describe('rankingConfig', () => {
  it('merges overrides one level deep and leaves the defaults alone', () => {
    const merged = rankingConfig({ weights: { search: 2 }, minCoverage: 0.1 });
    expect(merged.weights.search).toBe(2);
    expect(merged.weights.coverage).toBe(DEFAULT_RANKING_CONFIG.weights.coverage);
    expect(merged.minCoverage).toBe(0.1);
    expect(DEFAULT_RANKING_CONFIG.weights.search).not.toBe(2);
    // An override given as undefined (an optional setting not set) leaves the default.
    expect(rankingConfig({ minCoverage: undefined }).minCoverage).toBe(DEFAULT_RANKING_CONFIG.minCoverage);
  });
});

describe('explainToText', () => {
  it('prints the refusal decision, then every signal and the score of the top candidates, best first', () => {
    const explained = kb.explain('灯台はいつ建てられた？');
    const { ranked } = explained;
    const lines = explainToText(explained, 3).split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^refusal: answered \(best coverage 1\.00/);
    for (const name of Object.keys(ranked[0]!.signals)) expect(lines[1]).toContain(name);
    expect(lines[2]).toContain(ranked[0]!.score.toFixed(3));
    expect(lines[2]).toContain(ranked[0]!.sentence.text);
    expect(lines[2]).toContain(`${ranked[0]!.sentence.docId}:${ranked[0]!.sentence.line}`);
  });

  it('wants more coverage when what the material never mentions is a name in Latin letters', () => {
    const evidence = { coverage: 0.5, namesAbsent: true, namesAbsentName: false, lacksQuantity: false, bestHoldsNamedCode: false };
    expect(refuses(evidence, DEFAULT_RANKING_CONFIG)).toBe(false);
    expect(refuses({ ...evidence, namesAbsentName: true }, DEFAULT_RANKING_CONFIG)).toBe(true);
    expect(kb.explain('Nuxt で灯台の高さを調べるには？').refusal.namesAbsentName).toBe(true);
    expect(kb.explain('灯台の高さを調べるには？').refusal.namesAbsentName).toBe(false);
  });

  it('wants less coverage when the best sentence holds the code the question writes', async () => {
    const evidence = { coverage: 0.4, namesAbsent: true, namesAbsentName: false, lacksQuantity: false, bestHoldsNamedCode: false };
    expect(refuses(evidence, DEFAULT_RANKING_CONFIG)).toBe(true);
    expect(refuses({ ...evidence, bestHoldsNamedCode: true }, DEFAULT_RANKING_CONFIG)).toBe(false);
    const corpus = await tempDir();
    await writeFile(path.join(corpus, 'plugins.md'), '# プラグイン\n\nプラグインは `install()` メソッドを持つオブジェクトで、`app.use()` に渡します。\n\n設定は `pluginOptions` に書きます。\n');
    const docs = await KnowledgeBase.open(testConfig(corpus, await tempDir()));
    const holdsCode = (question: string) => docs.explain(question).refusal.bestHoldsNamedCode;
    expect(holdsCode('自作の部品を app.use() に渡すにはどんな形で書けばいいの？')).toBe(true);
    expect(holdsCode('<Suspense> と install() の関係は？')).toBe(true);
    expect(holdsCode('Where do I write pluginOptions?')).toBe(true);
    expect(holdsCode('Where do I write pluginoptions?')).toBe(false);
    // Words that code could spell but the question writes as words are not code.
    expect(holdsCode('app を install するには？')).toBe(false);
  });

  it('says a question about something the material never mentions is refused', () => {
    const explained = kb.explain('火星の首都の人口は？');
    expect(explained.refused).toBe(true);
    expect(explained.refusal.namesAbsent).toBe(true);
    expect(explainToText(explained).split('\n')[0]).toMatch(/^refusal: refused/);
  });
});

describe('the answer span of a typed question', () => {
  const span = async (question: string) => {
    const first = (await kb.ask(question)).sentences[0]!;
    return first.answer && first.text.slice(...first.answer);
  };

  it('marks the number in the unit asked for, the date, or a person the question did not name', async () => {
    expect(await span('定期船の運賃はいくら？')).toBe('3000円');
    expect(await span('灯台はいつ建てられた？')).toBe('1923年');
    expect(await span('灯台を設計したのは誰？')).toBe('山根一郎');
  });

  it('marks it in the sentence that leads, when the next sentence of the paragraph leads', async () => {
    expect(await span('赤井川橋の設計を任された森田二郎は誰に学んだ？')).toBe('佐藤健二');
  });

  it('marks nothing for a question that asks for no type', async () => {
    expect(await span('防波堤は港のどちら側にある？')).toBeUndefined();
  });
});

describe('near-duplicates', () => {
  it('never puts two almost identical sentences in one answer (a reprinted article)', async () => {
    const corpus = await tempDir();
    await writeFile(path.join(corpus, 'a.txt'), '岬の灯台の記事\n岬の灯台は1890年に英国の技師が設計した。\n岬の灯台は今も漁船の目印になっている。');
    await writeFile(path.join(corpus, 'b.txt'), '岬の灯台の記事(再掲)\n岬の灯台は1890年に、英国の技師が設計した。\n岬の灯台は今も漁船の目印になっている。');
    const reprinted = await KnowledgeBase.open(testConfig(corpus, await tempDir()));
    // Each answer holds its sentence once, though both copies match equally well.
    for (const [question, answer] of [
      ['岬の灯台は誰が設計した？', '英国の技師が設計した'],
      ['岬の灯台は今も何の目印？', '岬の灯台は今も漁船の目印になっている。'],
    ] as const) {
      const texts = (await reprinted.ask(question)).sentences.map((s) => s.text);
      expect(texts.filter((t) => t.includes(answer))).toHaveLength(1);
    }
  });
});
