/**
 * Whether the material answers a question at all: the evidence (how much of the question the best
 * sentence covers, whether the question names something the material never mentions, whether a
 * counting question finds its number) and the one decision made from it with RankingConfig's
 * thresholds. `npm run bench:jsquad -- --abstain` sweeps the threshold (see README).
 */
import { asksHowMany } from './answer-types.js';
import { isCodeShaped } from './identifiers.js';
import { foldLongVowels, normalize } from './normalize.js';
import type { QueryPlan } from './query.js';
import type { RankedSentence } from './rank.js';
import type { RankingConfig } from './ranking-config.js';
import type { SearchIndex } from './search-index.js';
import { escapeRegExp } from './synonyms.js';
import { termPostings } from './term-scores.js';

export interface RefusalEvidence {
  /** 0..1: coverage of the best sentence (0 when nothing matched). */
  coverage: number;
  /** The question names a noun no sentence has (in technical documentation, a name: Latin or katakana). */
  namesAbsent: boolean;
  /** One of those is a name in Latin letters in a question not asked in English. */
  namesAbsentName: boolean;
  /** A counting question none of the best sentences answers with a number in its unit. */
  lacksQuantity: boolean;
  /** The question writes an identifier as code (`app.use()`, `<Suspense>`, `v-model`) and the best sentence has it. */
  bestHoldsNamedCode: boolean;
}

export function refusalEvidence(index: SearchIndex, plan: QueryPlan, ranked: readonly RankedSentence[], ranking: RankingConfig): RefusalEvidence {
  const absent = absentNouns(index, plan, ranking.topicWeight.noun).filter((word) => !isTechnical(index, ranking.technicalCodeShare) || isName(word, plan));
  return {
    coverage: ranked[0]?.coverage ?? 0,
    namesAbsent: absent.length > 0,
    namesAbsentName: !plan.isEnglish && absent.some((word) => /^[a-z]/.test(word)),
    lacksQuantity: lacksAskedQuantity(plan, ranked, ranking.quantityDepth),
    bestHoldsNamedCode: (ranked[0]?.signals.code ?? 0) > 0 && writesCode(plan),
  };
}

/**
 * A question that names something the material never mentions needs more of it covered; one
 * whose best sentence holds the code it names is on a topic the material covers, and needs less.
 */
export function refuses(evidence: RefusalEvidence, ranking: RankingConfig): boolean {
  const needed = evidence.namesAbsentName ? ranking.minCoverageForName : evidence.namesAbsent ? ranking.minCoverage : ranking.coverageFloor;
  return evidence.lacksQuantity || evidence.coverage < needed * (evidence.bestHoldsNamedCode ? ranking.namedCodeCoverageShare : 1);
}

/**
 * An identifier written as only code writes it: dotted or joined (`app.use`, `v-model`, `$attrs`),
 * called (`emit()`), a tag (`<Suspense>`) or camel-cased (`chokidarWatchOptions`).
 */
function writesCode(plan: QueryPlan): boolean {
  const { normalized, camelCased } = plan;
  return plan.namedCode.some((id) => isCodeShaped(id) || normalized.includes(`${id}(`) || normalized.includes(`<${id}`) || camelCased.includes(id));
}

/**
 * The nouns of the question (`総統`, `gcap`) that no sentence has, in any form they were asked
 * in: not as a word, a character bigram, nor anywhere in its text (kuromoji cuts the same
 * katakana differently by what follows: `プラグイン|って` but `プラグ|イン|は`), nor among what
 * frames a unit (its headings' English ids: `computed` of `{#computed-caching}`).
 */
function absentNouns(index: SearchIndex, plan: QueryPlan, nounWeight: number): string[] {
  const inMaterial = (word: string) => index.sentenceFrequency.has(word) || termPostings(index.miniSearch, word, 'section') !== undefined || mentions(index, word);
  return plan.words.filter(
    (word, i) => plan.wordWeights[i] === nounWeight && plan.spelledReadings[i]!.length === 0 && !inMaterial(word) && !plan.alternatives[i]!.some(inMaterial),
  );
}

/**
 * A question that counts or prices (`何議席`, `いくら`) is answered by a number in that unit; when
 * none of the best sentences has one, the material does not say (it may still talk about the topic).
 */
function lacksAskedQuantity(plan: QueryPlan, ranked: readonly RankedSentence[], depth: number): boolean {
  const quantity = plan.quantity;
  return quantity !== undefined && asksHowMany(plan.normalized) && !ranked.slice(0, depth).some((r) => quantity.test(r.sentence.plain));
}

/**
 * How names are spelled: in katakana (`ストーリーブック`), in Latin letters in a Japanese question
 * (`tailwind`), capitalized in an English one (`Turbopack`, not `stuff`).
 */
function isName(word: string, plan: QueryPlan): boolean {
  if (/^[\u30a1-\u30fa][\u30a1-\u30faー]*$/.test(word)) return true;
  return /^[a-z]/.test(word) && (!plan.isEnglish || plan.capitalized.includes(word));
}

const codeShares = new WeakMap<SearchIndex, number>();

/** Whether the material is technical documentation: at least `share` of its units hold inline code. */
function isTechnical(index: SearchIndex, share: number): boolean {
  let coded = codeShares.get(index);
  if (coded === undefined) {
    coded = index.sentences.filter((sentence) => (sentence.code?.length ?? 0) > 0).length / Math.max(1, index.sentences.length);
    codeShares.set(index, coded);
  }
  return coded >= share;
}

const materialTexts = new WeakMap<SearchIndex, string>();

/**
 * Whether the material's text (its sentences, titles and headings: `## data-allow-mismatch` names
 * what its section is about) holds `word`: anywhere, or for a Latin word, as a whole word (`allow`
 * of `data-allow-mismatch`, not of `shallow`).
 */
function mentions(index: SearchIndex, word: string): boolean {
  let text = materialTexts.get(index);
  if (text === undefined) {
    const headings = new Set(index.sentences.flatMap((s) => [s.title, ...s.section]));
    text = [...index.sentences.map((s) => s.text), ...headings].map((t) => foldLongVowels(normalize(t))).join('\n');
    materialTexts.set(index, text);
  }
  return /^[a-z0-9]/.test(word) ? new RegExp(`(?<![a-z0-9])${escapeRegExp(word)}(?![a-z0-9])`).test(text) : text.includes(word);
}
