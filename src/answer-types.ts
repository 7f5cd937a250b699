/**
 * What kind of answer a question wants (a date, a number, a person, a reason, a place), and which
 * sentences contain one. Sentences are tagged once at index time so ranking stays cheap (so a change
 * to the sentence patterns needs a new ANALYZER_VERSION: snapshots keep the tags).
 */
import type { QueryPlan } from './query.js';
import type { IndexedSentence } from './search-index.js';
import { escapeRegExp } from './synonyms.js';

export const AnswerType = { date: 1, number: 2, person: 4, reason: 8, place: 16, name: 32, change: 64, list: 128, fallback: 256, version: 512, method: 1024, contrast: 2048 } as const;
type AnswerTypeName = keyof typeof AnswerType;

/** `なんで` asking why, not the `なんです` of `いくつなんですか` nor `なんでしょう`, `なんでも`. */
export const WHY_NANDE = /なんで(?!す|しょ|も)/;

// Why, not what for (`目的`, `何のため`): a purpose is not said outright as a cause.
const ASKS_WHY = new RegExp(String.raw`なぜ|何故|${WHY_NANDE.source}|どうして|理由|原因|why\b|(?:ため|から)[?？]?$`);

// Detected on the raw (normalized) question, never on tokens: kuromoji misreads `は、いつ`.
const QUESTION_PATTERNS: [AnswerTypeName, RegExp][] = [
  ['date', /いつ|何日|何月|何年(?!間)|何時(?!間)|何曜|日付|日程|時期|when\b|what (?:year|date|day|month)/],
  ['number', /何歳|何人|何回|何年間|何倍|何割|何個|何件|何機|何%|何パーセント|何\s*(?:番|kb|mb|gb|バイト|ms|px)|いくら|いくつ|どれくらい|どれぐらい|どれだけ|どのくらい|どのぐらい|年齢|金額|規模|how (?:many|much|big|old|long|large)/],
  ['person', /誰|だれ|どなた|何者|どんな人|人物|人は[?？]?$|who\b|whom\b/],
  // Why, or what for (`目的`, `何のため`) and from what (`背景`).
  ['reason', new RegExp(String.raw`${ASKS_WHY.source}|背景|目的|狙い|何のため`)],
  // Not `どこか` (somewhere), `どこでも`, `どこからでも` (anywhere).
  ['place', /どこ(?!か(?!ら)|でも|からでも)|場所|会場|where\b/],
  // `全部` asks for a list when it asks to be told (`全部教えて`), not in `全部グローバル登録するのは`.
  ['list', /(?:全部|全て|すべて)(?:を|は)?(?:教え|あげ|答え|知りた)|挙げ|列挙|一覧|どれとどれ|何と何|what are (?:the|all)|list (?:the|all)/],
  ['change', /どう(?:変わ|変化|変え|移)|どのように(?:変わ|変化|変え|移)|how (?:will|did|has|have|does|is) .{1,60}chang/],
  // Documentation: what applies when nothing is set (`何も設定しなかったら`), and since which release.
  ['fallback', /デフォルト|既定|初期値|何も(?:設定|指定|渡さ)|(?:設定|指定|省略)(?:しな(?:い|かった)|せず)|default/],
  ['version', /バージョン|version/],
  ['contrast', /違い|違う|異なる|差は|比べ|difference|differ\b/],
  ['method', /どうすれば|どうやって|どうやる|どうしたら|どう(?:書け|書く|指定|設定|対処|実装)|方法|やり方|how (?:do|can|should) (?:i|we|you)\b|how to\b/],
  // What something is called, or the words someone used: either way a quoted or named expression.
  ['name', /何と(?:いう|言う|いい|言い|言っ|呼|称|述べ|語っ|書い|表現|評)|何て(?:言っ|書い|呼)|なん(?:という|て言っ|て書い)|どんな(?:言葉|表現)|名前|名称|別名|通称|愛称|called\b|what is the name/],
];

const NUMBER_BEFORE = String.raw`\d[\d,.]*\s*(?:万|億|兆|千|百)?\s*`;
const UNIT_QUESTIONS: [RegExp, string][] = [
  [/いくら|金額|費用|価格|値段|料金|how much/, '(?:円|ドル|ユーロ|ポンド|元|ウォン)'],
  [/何人|何名|人数|how many people/, '(?:人|名)'],
  [/何歳|年齢|how old/, '歳'],
  [/何年(?![間目])|西暦|what year/, '年(?!間)'],
];
/** The units `何…` counts in (`何メートル`, `何議席`): a number written with one is a count or a measure. */
const COUNTERS = 'ミリ秒|秒|回|倍|割|個|件|機|隻|台|本|冊|枚|社|校|カ国|か国|%|パーセント|キロ|km|メートル|トン|度|階|位|議席|票|種類?|日間|か月|ヶ月|カ月|年間|時間|分';
const COUNTER_QUESTION = new RegExp(`何(${COUNTERS})`);

/**
 * For a question that counts or prices something (`何人`, `いくら`, `何回`), a pattern of the
 * number with the unit the answer needs (`300円`, `2名`).
 */
export function expectedQuantity(normalizedQuestion: string): RegExp | undefined {
  for (const [question, unit] of UNIT_QUESTIONS) if (question.test(normalizedQuestion)) return new RegExp(NUMBER_BEFORE + unit);
  const counter = COUNTER_QUESTION.exec(normalizedQuestion)?.[1];
  return counter ? new RegExp(NUMBER_BEFORE + counter.replace(/%|パーセント/, '(?:%|パーセント)').replace(/^ミリ秒$/, '(?:ミリ秒|ms)')) : undefined;
}

/** The question asks outright for a count or a price (`いくら`, `何人`, `何議席`), not only names a cost (`費用について`). */
export function asksHowMany(normalizedQuestion: string): boolean {
  return /いくら|何(?:人|名|歳|円|ドル)|how (?:many|much|old)/.test(normalizedQuestion) || COUNTER_QUESTION.test(normalizedQuestion);
}

/**
 * Question words that name a kind of answer: a sentence holding that kind holds the word
 * (`場所は？` is answered by a sentence naming a base or a city, not by one saying `場所`).
 */
const TYPE_WORDS: [number, RegExp][] = [
  [AnswerType.version, /^(?:バジョン|ヴァジョン|version|リリス)$/],
  [AnswerType.reason, /^(?:理由|原因|わけ|reason)$/],
  [AnswerType.date, /^(?:日付|時期|日程|date)$/],
  [AnswerType.fallback, /^(?:デフォルト|既定|初期|default)$/],
  [AnswerType.place, /^場所$/],
];

/** The kinds of answer a question word (as analyzed: `バジョン`) names, as AnswerType bits. */
export function typesNamedBy(word: string): number {
  return TYPE_WORDS.reduce((types, [type, words]) => (words.test(word) ? types | type : types), 0);
}

export function expectedAnswerTypes(normalizedQuestion: string): number {
  let types = 0;
  for (const [name, pattern] of QUESTION_PATTERNS) if (pattern.test(normalizedQuestion)) types |= AnswerType[name];
  return types;
}

const DATE = /\d+年|\d+月|\d+日|年度|昨年|今年|来年|先月|今月|来月|午前|午後|\d+時|曜日|以来/;
const NUMBER = new RegExp(
  String.raw`\d[\d,.]*\s*(?:${COUNTERS}|歳|人|円|ドル|億|兆|万|千|百|両|基|発|ヵ国|分野|つ|名|[kKmMgG][bB]\b|ms\b|バイト)|(?<![\d.])\d[\d,]*\s*(?:以上|以下|未満|近く|余り)|[一二三四五六七八九十百千万億兆]+(?:歳|人|円|ドル|年間|回|倍|割|件|分野|つ|か国|カ国)`,
);
// A labelled line whose value is a bare number (`デフォルト: 5173`, `デフォルト: 500`): documentation states sizes and ports so.
const LABELLED_NUMBER = /^[^:：]{1,20}[:：]\s*\d[\d,._]*\s*$/;
const REASON = /ため|から|ので|理由|背景|により|によって|狙い|目的|懸念|依存|おかげ|せい/;
const PERSON_WORDS = /氏|さん|首相|大統領|長官|大臣|相[はがのと、]|総統|議員|知事|次官|司令官|教授|研究員/;
const NAMING = /という|と言う|といい|と言い|と呼|と称|と名付|の名で|「[^」]+」|通称|別名|愛称/;
// `AからBへ`, `…へと移行`: Japanese states a change as where it goes from and to.
const CHANGE = /から[^。、]{1,30}へ|へと(?:シフト|移行|転換|変化|変わ|移)|に(?:変わ|転換|移行)/;
// Numbered items, or three or more short items in a row (`AI、宇宙、量子技術、`).
const LIST = /[①-⑳]|(?:[^、。]{1,12}[、・]){3,}/;
// A default stated as a labelled line (`デフォルト: false`, a code comment's `初期値: 'pre'`) or with
// its value (`デフォルトで 200ms`, `defaults to 5173`).
const FALLBACK = /^(?:デフォルト値?|既定値?|初期値|default(?: value)?)\s*[:：]|(?:デフォルト|既定値?|初期値)(?:で|は)\s*\d|初期値\s*[:：]|defaults? (?:to|is)\b/i;
// A release: `3.4+`, `Node.js 18+` (after a name: not `100+ のプラグイン`, `1+1`), `3.4 以上`, `3.5 以降`, `v2.6`, `バージョン 3.3`.
const VERSION = /\d+\.\d+(?:\.\d+)?\s*(?:\+|以上|以降|以前|未満|から|で(?:追加|導入))|(?<=[a-z][\w.]*\s?)\d+\+(?![\s\d]*\d)|\bv\d+\.\d+|(?:バージョン|version)\s*\d+\.\d+/i;
// How to do it: an example's introduction (`…を使用できます:`; not a bare label such as `例:`,
// `使用例:`, which says nothing of how), a means (`…を追加することにより`), an instruction (not
// one to read elsewhere: `…を参照してください`, `…を参考にしてください`).
const METHOD = /^(?![^:：]{0,4}例[:：]$).+[:：]$|(?:ことで|により|によって)[^。]*(?:でき|ます)|を使(?:って|用して)[^。]*(?:でき|ます)|(?<!参照し|参考にし)てください[。.]?$/;
// How two things differ: `…という違いがあります`, `A は…に対して、B は…`.
const CONTRAST = /違い|異な|に対して|一方(?:で|、)|ではなく|とは(?:違|異)/;
const PLACE_WORDS = /で開催|で行われ|会場|舞台|基地|[州県市]|ホテル|空港|駅|港で|館で|宮で/;

/** kuromoji's part of speech of person names. */
export const PERSON_NAME = '名詞,固有名詞,人名';

/** `pos`: kuromoji parts of speech of the sentence's content words (see Analysis.pos). */
export function answerTypesIn(text: string, pos: readonly string[]): number {
  let types = 0;
  if (DATE.test(text)) types |= AnswerType.date;
  if (NUMBER.test(text) || LABELLED_NUMBER.test(text)) types |= AnswerType.number;
  if (pos.some((p) => p.startsWith(PERSON_NAME)) || PERSON_WORDS.test(text) || /[ァ-ヶー]+・[ァ-ヶー]+/.test(text)) {
    types |= AnswerType.person;
  }
  if (REASON.test(text)) types |= AnswerType.reason;
  if (pos.some((p) => p.startsWith('名詞,固有名詞,地域')) || PLACE_WORDS.test(text)) types |= AnswerType.place;
  if (NAMING.test(text)) types |= AnswerType.name;
  if (CHANGE.test(text)) types |= AnswerType.change;
  if (LIST.test(text)) types |= AnswerType.list;
  if (FALLBACK.test(text)) types |= AnswerType.fallback;
  if (VERSION.test(text)) types |= AnswerType.version;
  if (METHOD.test(text)) types |= AnswerType.method;
  if (CONTRAST.test(text)) types |= AnswerType.contrast;
  return types;
}

/**
 * Whether the sentence holds a kind of answer `expects` asks for. A who-question is not answered
 * by a sentence whose only names are those the question gave.
 */
export function holdsExpectedType(sentence: { types: number; people: readonly string[]; text: string }, expects: number, question: string): boolean {
  const onlyNamesAsked = sentence.people.length > 0 && sentence.people.every((name) => question.includes(name));
  let types = onlyNamesAsked ? sentence.types & ~AnswerType.person : sentence.types;
  if (types & expects & AnswerType.name && !namesWhatIsAsked(sentence.text, question)) types &= ~AnswerType.name;
  return (types & expects) !== 0;
}

// What a question asks the name of, its last two characters (`空母` of `空母の名前`, `米海軍原子力空母はなんて名前`,
// `船って何て名前`); not another name (`別の名前`).
const NAME_OF = /([\p{Script=Han}ァ-ヶー]{1,2})(?<![別他])(?:の(?:名前|名称)|(?:は|って)(?:なん|何)(?:て|という|ていう)名前)/u;
// Of the questions the `name` pattern reads: those asking for the words someone said or wrote
// (`何と言った`, `SNSに何て書いた`, `どんな言葉で`), not what something is called (`何という`, `何と言う`)
// or a word the asker cannot recall (`何て言ったっけ`).
const ASKS_WORDS = /(?:何と|何て|なんて|なんと)(?:言っ|言いまし|述べ|語っ|書い)(?![^。？?]*っけ)|どんな(?:言葉|表現)/;
// Words quoted as said (`「…」と投稿し`, `「…」と述べた`, `「…」との考え`), not a quoted name
// (`「…」という`, `「…」と呼ばれる`, `「…」とは`) or one of several (`「風」と「光」`).
const QUOTED_AS_SAID = /[」』]と(?!いう|いった|呼|名付|称する|して|は|な[っるり]|[「『])/;
// A noun that only says a name follows (`通称「PT」`, `艦名「いずも」`, `正式名称「…」`, `名前は「…」`).
const NAMING_NOUN = /(?:名|名前|名称|通称|愛称|別名|呼称)(?:は|が)?$/;

/**
 * For a question asking what was said, the sentence quotes words as said, not a name (`通称「PT」`).
 * For one asking the name of a thing, it gives a name with that thing (`原子力空母「…」`, `「…」という空母`, `ポチという犬`),
 * with a noun that only says a name follows (`艦名「…」`, `名前は「…」`), not only names of other things
 * (`ヘリ「マリーンワン」`) or quoted words that name nothing (`ではなく「動く戦略拠点」`).
 */
function namesWhatIsAsked(sentenceText: string, question: string): boolean {
  // NFKC, as the question is: half-width brackets and katakana (`ﾍﾘ｢…｣`) read as full-width.
  const text = sentenceText.normalize('NFKC');
  if (ASKS_WORDS.test(question)) return QUOTED_AS_SAID.test(text);
  const thing = NAME_OF.exec(question)?.[1];
  if (thing === undefined) return true;
  if (text.includes(`という${thing}`)) return true;
  return [...text.matchAll(/[「『]/g)].some((quote) => {
    const before = text.slice(Math.max(0, quote.index - 4), quote.index);
    return before.endsWith(thing) || NAMING_NOUN.test(before);
  });
}

const ASKS_AUTHOR = /(?:書いた|書いている|執筆した|寄稿した|著者|筆者|書き手)(?:の|は|のは)?(?:誰|だれ|どなた|何者)|(?:誰|だれ|どなた)が(?:書い|執筆)|who (?:wrote|is the author)|author of/;
const BYLINE_TITLES = /研究員|記者|教授|編集委員|論説委員|特派員|所長|理事長|代表|編集部/;

/** The question asks who wrote the piece (`論考を書いたのは誰`). */
export function asksForAuthor(normalizedQuestion: string): boolean {
  return ASKS_AUTHOR.test(normalizedQuestion);
}

/** A byline: a short line, not a sentence, with a writer's title (`小木 洋人 主任研究員`). */
export function looksLikeByline(text: string): boolean {
  return text.length <= 30 && !/[。．.!?！？]$/.test(text) && BYLINE_TITLES.test(text) && /[\p{Script=Han}ァ-ヶ]/u.test(text);
}

// A sentence opening with one of these refers back to the one before it.
const LEANS_ON_PREVIOUS = /^(?:これ|この|その|それ|こうした|こうして|こちら|そうした|そこで|そのため|このため|同(?:氏|長官|大臣|首相)|彼|彼女)/;

// A sentence that closes with `…した背景だ` names what the sentences before it explain.
const CONCLUDES_PREVIOUS = /(?:背景|理由|要因)(?:だ|である|です)[。.]?$/;

// A unit that sends the reader elsewhere (`参照: …`, `詳しくは…を参照してください`, `…で説明されています`, `以下は…の例です:`)
// names the topic without answering it.
// Only a unit of one sentence: a pointer closing a longer unit leaves its answer standing.
const POINTER = /^(?:参照|関連|see also|詳細|詳しく)\s*[:：]|^(?:以下|次)は[^。]*例です[:：]$|を参照(?:してください|ください)?[。.]?$|(?:で|に)(?:説明|解説|記載|紹介)されています[。.]?$|^詳しくは|^詳細(?:について)?は[^。]*(?:参照|ご覧)/i;


const LABEL = /^([^:：]{1,20})[:：]\s*\S/;
const FALLBACK_LABEL = /^(?:デフォルト値?|既定値?|初期値|default(?: value)?)$/i;

/**
 * A labelled line (`デフォルト: false`, `型: string`) whose label is what the question asks for:
 * the label is in the question, or names a default the question wants. Its heading says whose it is.
 */
export function labelAnswers(plain: string, question: { normalized: string; expects: number }): boolean {
  const label = LABEL.exec(plain)?.[1]?.trim();
  if (!label) return false;
  if ((question.expects & AnswerType.fallback) !== 0 && FALLBACK_LABEL.test(label)) return true;
  // A Latin label (`mode`) as a whole word of the question, not inside one (`a` of `what`).
  return /^[\x20-\x7e]+$/.test(label) ? new RegExp(`(?<![\\w-])${escapeRegExp(label)}(?![\\w-])`, 'i').test(question.normalized) : question.normalized.includes(label);
}

// Putting something to use: `--force で起動する`, `server.warmup を使用して`, `apply に 'build' を指定`.
// Not a condition (`--force が指定されている場合`): what applies then is told after it.
const PUTS_TO_USE = /(?:を|に|で)[^。]{0,12}(?:指定|設定|使|追加|渡|実行|有効|無効|変更|付け|呼)(?!(?:され|して|し)(?:ている|た)?場合)/;

/**
 * For a how-question: the sentence puts to use code the question does not name (`--force`,
 * `server.warmup`), which is the means asked for.
 */
export function namesNewMeans(sentence: { text: string; code?: readonly (readonly [number, number])[] }, question: string): boolean {
  if (!PUTS_TO_USE.test(sentence.text)) return false;
  return (sentence.code ?? []).some(([start, end]) => !question.includes(sentence.text.slice(start, end).toLowerCase()));
}

/**
 * The sentence holds the kind of answer the question asks for: its type (a date, a reason), a new
 * one of what `何の…`/`どの…` names, or for a how-question a means it does not name.
 */
export function answersKindAsked(sentence: IndexedSentence, plan: QueryPlan): boolean {
  return (
    (plan.expects !== 0 && holdsExpectedType(sentence, plan.expects, plan.normalized)) ||
    (plan.answerHead !== undefined && namesNewOne(sentence.plain, plan.answerHead, plan.normalized)) ||
    ((plan.expects & AnswerType.method) !== 0 && namesNewMeans(sentence, plan.normalized))
  );
}

/**
 * Whether `text` names a `head` (`揚子江気団` for `気団`) that the question did not: the two
 * characters before the head are not in the question.
 */
function namesNewOne(plain: string, head: string, question: string): boolean {
  for (let at = plain.indexOf(head); at !== -1; at = plain.indexOf(head, at + 1)) {
    if (at >= 2 && !question.includes(plain.slice(at - 2, at))) return true;
  }
  return false;
}

export function pointsElsewhere(text: string): boolean {
  // A point inside a name or a version (`vite.config.js`, `v3.2.1`) ends no sentence.
  return !/[。.]\s*\S/.test(text.replace(/(?<=\w)\.(?=\w)/g, '')) && POINTER.test(text);
}

// Why, said outright: `なぜなら`, a sentence closing on its cause (`…からです。`, `…ためだ。`; not a
// purpose, `…のためです`), `理由は…`.
const STATES_REASON = /なぜなら|(?:(?<!の)ため|から|ので)(?:です|だ|である)?[」』)）!！]*[。.]?$|(?:理由|原因)は/;
// Since when: `いつから`, `いつ頃から`, `何年から`, `どのバージョンから`.
const ASKS_SINCE = /(?:いつ(?:頃|ごろ)?|何年|何月|(?:どの|何の?)バージョン)(?:から|以来)|since when/;
// A date or release that starts something: `2025年1月の就任以来`, `1990年から`, `3.2.34 以降`; not a
// range (`5年から10年`) or a comparison (`2019年よりも`, `2020年より前`).
const MARKS_START = /(?:\d+年度?|\d+月|\d+日)(?:の[^。、]{0,4})?(?:から(?!\s*\d)|以来|以降|より(?!も|前|後))|\d+\.\d+(?:\.\d+)?\s*(?:\+|以降|から(?!\s*\d))/;

/**
 * The sentence gives the kind of answer asked for in the form asked: a why-question's reason said
 * outright, not a purpose (`改善のための`); a since-when question's date as a start (`…以来`).
 */
export function answersOutright(text: string, normalizedQuestion: string): boolean {
  const plain = text.normalize('NFKC');
  return (ASKS_WHY.test(normalizedQuestion) && STATES_REASON.test(plain)) || (ASKS_SINCE.test(normalizedQuestion) && MARKS_START.test(plain));
}

export function leansOnPrevious(sentence: string): boolean {
  return LEANS_ON_PREVIOUS.test(sentence) || CONCLUDES_PREVIOUS.test(sentence);
}

// The date itself, as precisely as the sentence gives it (`2025年10月15日`, `10月`, `15日`).
const DATE_SPAN = /\d+年(?:\d+月)?(?:\d+日)?|\d+月(?:\d+日)?|\d+日/;

/**
 * Where a typed question's answer sits in `text`: the number in the unit asked for, the date, the
 * number, or a person the question did not name. Undefined when the question is not typed or the
 * sentence holds no such span.
 */
export function answerSpan(
  text: string,
  people: readonly string[],
  question: { expects: number; quantity?: RegExp; normalized: string },
): [number, number] | undefined {
  const match = (pattern: RegExp) => {
    const found = pattern.exec(text);
    return found ? ([found.index, found.index + found[0].length] as [number, number]) : undefined;
  };
  if (question.quantity) return match(question.quantity);
  if (question.expects & AnswerType.date) return match(DATE_SPAN);
  if (question.expects & AnswerType.number) return match(NUMBER);
  if (question.expects & AnswerType.person) {
    const name = people.find((person) => !question.normalized.includes(person) && text.includes(person));
    if (name === undefined) return undefined;
    // kuromoji tags family and given name apart (`山根`, `一郎`): the span takes the names that follow on.
    const start = text.indexOf(name);
    let end = start + name.length;
    for (let next = people.find((p) => text.startsWith(p, end)); next; next = people.find((p) => text.startsWith(p, end))) end += next.length;
    return [start, end];
  }
  return undefined;
}
