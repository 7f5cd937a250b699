/**
 * Turns a question into what to search for: its content terms (question words and politeness
 * dropped), synonyms, and the kind of answer it expects.
 */
import { readingBigrams, type Analysis, type Analyzer } from './analyze.js';
import { expectedAnswerTypes, expectedQuantity } from './answer-types.js';
import { isCodeShaped, namedIdentifiers, withParts } from './identifiers.js';
import { normalize } from './normalize.js';
import { findSynonyms, type SynonymGroups, type SynonymHit } from './synonyms.js';
import { DEFAULT_RANKING_CONFIG, type RankingConfig } from './ranking-config.js';
import type { Thesaurus } from './thesaurus.js';
import { soundsLike } from './transliterate.js';

/** Words that shape a question but are never what it is about. */
const QUESTION_WORDS = new Set([
  '何', 'なに', 'なん', 'いつ', 'どこ', '誰', 'だれ', 'どなた', 'どう', 'どの', 'どれ', 'どんな', 'なぜ', '何故',
  'どうして', 'いくら', 'いくつ', 'どれくらい', 'どのくらい', 'どれだけ', '教える', 'くださる', '下さる', 'ください',
  '挙げる', '言う', '書く', '知る', '思う', '全部', '全て', 'すべて', '具体', '的', '結局', 'ちなみに', 'って', 'ねえ',
  'どういう', 'どんなふう', '何と', 'なんと', 'ある', 'いる', '名前', '名称',
  'what', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'which', 'tell', 'me', 'about', 'say', 'said',
  'says', 'mention', 'mentioned', 'article', 'articles', 'commentary', 'please', 'list', 'any', 'anything',
]);

export interface QueryPlan {
  normalized: string;
  words: string[];
  /** How much each word says what the question is about (nouns most), parallel to `words`. */
  wordWeights: number[];
  /**
   * Character bigrams of its content runs and the words of its camel-cased identifiers (not counted
   * in `sentenceFrequency`, so the filter of common terms never skips one: few units hold each).
   */
  bigrams: string[];
  readings: string[];
  /** For each of `words` typed in hiragana, the reading bigrams of what the asker spelled (else empty). */
  spelledReadings: string[][];
  /** For each of `words`, the words its synonyms (file and thesaurus) analyze to (a sentence holding one holds the word). */
  alternatives: string[][];
  /** Terms reached through the synonyms file (searched with a lower weight). */
  synonymWords: string[];
  synonymBigrams: string[];
  /** Identifiers the question names (`server.port`, `defineconfig`, `v-model`) and their parts: searched in code. */
  code: string[];
  /** The identifiers as the question wrote them, without their parts: a unit naming one ranks first. */
  namedCode: string[];
  /** Bit set of AnswerType values the question expects. */
  expects: number;
  /** A number with the unit the answer needs (`300円` for `いくら`), if the question counts or prices. */
  quantity?: RegExp;
  /** `気団` of `何気団`, `国` of `どの国`: the answer is a new one of these. */
  answerHead?: string;
  /** Mostly Latin letters: the asker probably wrote in English. */
  isEnglish: boolean;
  /** Latin words written with a capital where no sentence starts (`Turbopack`, `Next.js`), lowercased: in English, names. */
  capitalized: string[];
  /** Latin words written in camel case (`defineConfig`, `chokidarWatchOptions`), lowercased: code. */
  camelCased: string[];
  /** Words and bigrams taken from earlier questions of the thread (see follow-up.ts): searched at a lower weight. */
  fromThread: string[];
}

/** What else a question's words may be written as. */
export interface Vocabulary {
  /** The moderators' groups (`synonyms.csv`). */
  synonyms: SynonymGroups;
  /** The general thesaurus. */
  thesaurus?: Thesaurus;
  /** The material's words by the skeleton of their sound (SearchIndex.sounds). */
  sounds?: ReadonlyMap<string, readonly string[]>;
  /** How many units hold each word (SearchIndex.sentenceFrequency): an English word the material uses needs no translation. */
  frequency?: ReadonlyMap<string, number>;
}

export function planQuery(
  question: string,
  analyzer: Analyzer,
  { synonyms, thesaurus, sounds, frequency }: Vocabulary,
  { topicWeight: weightOf }: RankingConfig = DEFAULT_RANKING_CONFIG,
): QueryPlan {
  const normalized = normalize(question);
  const analysis = analyzer.analyze(question, QUESTION_WORDS);
  const synonymHits = findSynonyms(normalized, synonyms, analysis.words).concat(sounds ? englishSpellings(analysis.words, sounds) : []);
  // The thesaurus's terms only count in coverage: searched like synonyms, its many loose
  // paraphrases outranked the question's own words (JSQuAD v1.3 hit@1 −0.8 points).
  const thesaurusHits = thesaurus?.lookup(analysis) ?? [];
  // Each hit analyzed once: the question's words it stands for, and the words of its other terms.
  const paraphrases = synonymHits.concat(thesaurusHits).map((hit) => ({
    forWords: analyzeTerm(analyzer, hit.term).words,
    otherTerms: hit.others.map((other) => meaningfulWords(analyzeTerm(analyzer, other).words)),
  }));
  const expanded = synonymHits.flatMap((hit) => hit.others).map((term) => analyzeTerm(analyzer, term));
  const words = unique(analysis.words);
  const bigrams = unique(analysis.bigrams.concat(analysis.identifierWords));
  const spellings = kanaSpellings(normalized);
  const surfaceOf = (word: string) => analysis.surfaces[analysis.words.indexOf(word)]!;
  const letters = normalized.replace(/[^\p{L}]/gu, '');
  const isEnglish = letters.length > 0 && (letters.match(/[a-z]/g)?.length ?? 0) / letters.length > 0.6;
  const named = namedIdentifiers(normalized);
  // Other Latin words count when they are content words.
  const isAsked = (identifier: string) => isCodeShaped(identifier) || words.includes(identifier);
  // Not the words of a term that holds the word itself (`日本共産党` for `共産党`): it is only written where the word is.
  const alternatives = words.map((word) =>
    unique(paraphrases.filter((p) => p.forWords.includes(word)).flatMap((p) => p.otherTerms.filter((term) => !term.includes(word)).flat())),
  );
  return {
    normalized,
    words,
    wordWeights: words.map((word, i) =>
      // kuromoji tags every English word a noun; one nothing translates (`expected`) cannot be
      // in Japanese material and says little of what is asked, so it counts like a verb. Unless
      // the material writes it as it is (`timeout`, `whitespace` in documentation; not `i` or `so`).
      isEnglish && /^[a-z]+$/.test(word) && alternatives[i]!.length === 0 && !(word.length >= 4 && frequency?.get(word))
        ? untranslatedWeight(word, frequency, weightOf.untranslatedEnglish)
        : weightOf[topicKind(analysis.pos[analysis.words.indexOf(word)]!)],
    ),
    spelledReadings: words.map((word) => {
      // kuromoji cuts a name spelled in kana into odd words (`やまねいちろう` → やむ, いちろう).
      const piece = /^[\u3041-\u3096ー]+$/.test(surfaceOf(word)) ? spellings.find((p) => p.includes(surfaceOf(word))) : undefined;
      return piece ? readingBigrams(piece) : [];
    }),
    alternatives,
    bigrams,
    readings: unique(spellings.flatMap((piece) => readingBigrams(piece))),
    synonymWords: unique(expanded.flatMap((e) => e.words)).filter((w) => !analysis.words.includes(w)),
    synonymBigrams: unique(expanded.flatMap((e) => e.bigrams)).filter((b) => !bigrams.includes(b)),
    code: withParts(named).filter(isAsked),
    namedCode: named.filter(isAsked),
    expects: expectedAnswerTypes(normalized),
    quantity: expectedQuantity(normalized),
    answerHead: answerHead(normalized),
    isEnglish,
    capitalized: capitalizedWords(question),
    camelCased: camelCasedWords(question),
    fromThread: [],
  };
}

/** As written, before normalizing lowercases them; a capital after `.`, `?`, `!` or at the start only starts a sentence. */
function capitalizedWords(question: string): string[] {
  return unique([...question.normalize('NFKC').matchAll(/(?<![.?!]\s*|^\s*)\b[A-Z][A-Za-z0-9]*/g)].map((match) => match[0].toLowerCase()));
}

/** An untranslated English word the material never writes (`stuff`, `keeps`) no sentence can hold: it does not count. */
function untranslatedWeight(word: string, frequency: ReadonlyMap<string, number> | undefined, weight: number): number {
  return frequency && !frequency.get(word) ? 0 : weight;
}

/** Product names written so (`iPhone`, `jQuery`) count as code too: harmless, as refusal only asks whether the best sentence holds them. */
function camelCasedWords(question: string): string[] {
  return unique([...question.normalize('NFKC').matchAll(/\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*/g)].map((match) => match[0].toLowerCase()));
}

/**
 * `気団` of `何気団`, `国` of `どの国`. Not `言葉` of `どんな言葉`: the answer is the words
 * themselves (a quote), not a sentence that says `言葉`.
 */
function answerHead(normalized: string): string | undefined {
  const head = /(?:何|どの|どんな|どういう|どこの)([\p{Script=Han}ァ-ヶー]{1,4})/u.exec(normalized)?.[1];
  return head === '言葉' || head === '表現' ? undefined : head;
}

/**
 * The material's words that English words of the question spell (`koizumi` → 小泉): names and
 * loanwords, searched like synonyms. Short words (`base`, `us`) sound like too much.
 */
function englishSpellings(words: string[], sounds: ReadonlyMap<string, readonly string[]>): SynonymHit[] {
  return words
    .filter((word) => /^[a-z]{4,}$/.test(word))
    .map((word) => ({ term: word, others: soundsLike(sounds, word) }))
    .filter((hit) => hit.others.length > 0);
}

/** A one-character piece of a synonym cut apart (`海` of `海自`) would stand for anything. */
function meaningfulWords(words: string[]): string[] {
  return words.length === 1 ? words : words.filter((word) => Array.from(word).length > 1);
}

/**
 * How many analyses of synonym and thesaurus terms are kept (the first met are forgotten first):
 * questions reuse them, but the thesaurus alone holds about 100,000 terms, each analysis about
 * 1 KB. Not moved to the end on every use, as for least-recently-used: that rewrote the map's
 * table in the old generation on every question, which grew until a full collection.
 */
export const ANALYZED_TERMS_KEPT = 5000;
const analyzedTerms = new Map<string, Analysis>();

function analyzeTerm(analyzer: Analyzer, term: string): Analysis {
  const cached = analyzedTerms.get(term);
  if (cached) return cached;
  const analysis = analyzer.analyze(term, QUESTION_WORDS);
  analyzedTerms.set(term, analysis);
  if (analyzedTerms.size > ANALYZED_TERMS_KEPT) analyzedTerms.delete(analyzedTerms.keys().next().value!);
  return analysis;
}

/** How many term analyses are kept now (for tests: the cache stays bounded). */
export function keptTermAnalyses(): number {
  return analyzedTerms.size;
}

/**
 * Things (nouns, names, numbers) are what a question is about; its verbs and adverbs are often
 * paraphrased (`気にかける` for `懸念`), so missing them should count for less.
 */
function topicKind(pos: string): 'noun' | 'numberOrSuffix' | 'other' {
  if (pos.startsWith('名詞,数') || pos.startsWith('名詞,接尾')) return 'numberOrSuffix';
  return pos.startsWith('名詞') ? 'noun' : 'other';
}

/**
 * Words the asker spelled in hiragana (`こいずみ`, `しおみじま`): kuromoji cuts unknown kana
 * badly, so runs are taken as typed, cut at the commonest particles, and matched by their
 * reading bigrams against the readings of the material.
 */
function kanaSpellings(normalized: string): string[] {
  const runs = normalized.match(/[\u3041-\u3096ー]+/g) ?? [];
  return runs.flatMap((run) => run.split(/(?:は|が|を|に|へ|も|って)/)).filter((piece) => piece.length >= 3);
}

function unique(terms: string[]): string[] {
  return [...new Set(terms)];
}
