/**
 * Every weight and threshold of ranking, answer composition and refusal, in one documented object
 * (as MiniSearch documents `BM25Params`). `rankingConfig(overrides)` merges a partial override
 * into the defaults; `KnowledgeBase.open(config, { ranking })` takes one.
 */
import type { Signals } from './rank.js';
import type { SearchField } from './search-index.js';

/** A share of the sentences: terms in more than `share` of them (and more than `min`) are common. */
export interface Commonness {
  min: number;
  share: number;
}

/** The weight `score` gives each signal of a candidate (see `Signals` in rank.ts; `heading`, `restated`, `pointer` and `alreadyAnswered` are subtracted). */
export type SignalWeights = Record<keyof Signals, number>;

export interface RankingConfig {
  /** BM25 of each field, relative to the sentence's own words. */
  fieldBoost: Record<SearchField, number>;
  /** Terms reached only through a synonym count this much. */
  synonymWeight: number;
  /** Bigrams, readings and context skip terms this common (they cost the most and tell the least). */
  common: Commonness;
  /** Words this common are not searched and do not count in coverage. */
  commonWord: Commonness;
  /** Credit for a question word found only around a sentence (title, neighbours, headings), not in it. */
  neighbourCredit: number;
  /** How much a question word says what it is about, by part of speech. */
  topicWeight: { noun: number; numberOrSuffix: number; other: number; untranslatedEnglish: number };
  weights: SignalWeights;
  /** A sentence this close to the whole question, with no noun of its own, restates it. */
  restatesCoverage: number;
  /** Phrase scores are computed for the sentences that can still reach these first places. */
  phraseDepth: number;
  /**
   * Below this coverage the best sentence does not answer a question that names something the
   * material never mentions.
   */
  minCoverage: number;
  /**
   * The same when what it never mentions is a name written in Latin letters in a Japanese question
   * (`Nuxt`, `Pinia`): a product or feature the material does not cover, not a paraphrase of its words.
   */
  minCoverageForName: number;
  /** A question whose every noun is in the material needs only this coverage. */
  coverageFloor: number;
  /**
   * Material where at least this share of units holds inline code is technical documentation:
   * what it does not cover shows as names (`Tailwind`, `ストーリーブック`), and a common Japanese word
   * it lacks (`自作`, `手元`, `既定`) is the asker's paraphrase, so it does not raise the coverage needed.
   */
  technicalCodeShare: number;
  /**
   * The share of the coverage it would need that suffices when the best sentence holds the code
   * the question writes (`app.use()`, `<Suspense>`): the material is about that code.
   */
  namedCodeCoverageShare: number;
  /** The runner-up joins the answer when it scores at least this share of the best one (the ranking cannot tell them apart). */
  supportRatio: number;
  /**
   * A why-question whose best sentence gives no reason takes the nearest that does among the
   * sentence before it and this many after it (a paragraph states the fact, then its cause).
   */
  reasonReach: number;
  /** How many of the best sentences may hold the number a counting question asks for. */
  quantityDepth: number;
  /** Sentences sharing this share of their character bigrams say the same thing. */
  nearDuplicate: number;
  /**
   * A follow-up in a thread that names at most `maxOwnTopics` things (nouns) of its own, or points
   * back (`それ`, `彼`), is searched with the earlier question's words at `weight`.
   */
  followUp: { weight: number; maxOwnTopics: number };
}

/**
 * Tuned by hand on JSQuAD v1.3 validation and the dev questions with `npm run bench:jsquad` and
 * `npm run eval` (see README, "Measuring").
 */
export const DEFAULT_RANKING_CONFIG: RankingConfig = {
  fieldBoost: { words: 1, bigrams: 0.6, readings: 0.3, context: 0.3, section: 0.6, code: 0.5 },
  synonymWeight: 0.5,
  common: { min: 100, share: 0.02 },
  commonWord: { min: 400, share: 0.08 },
  neighbourCredit: 0.9,
  topicWeight: { noun: 1, numberOrSuffix: 0.5, other: 0.2, untranslatedEnglish: 0.2 },
  weights: { search: 0.4, coverage: 1, phrase: 0.3, answerType: 0.25, quantity: 0.3, code: 0.3, heading: 0.5, restated: 0.6, besideRestated: 0.5, pointer: 0.3, label: 0.3, alreadyAnswered: 0.3 },
  restatesCoverage: 0.9,
  phraseDepth: 30,
  minCoverage: 0.45,
  minCoverageForName: 0.6,
  coverageFloor: 0.225,
  technicalCodeShare: 0.1,
  namedCodeCoverageShare: 0.7,
  supportRatio: 0.8,
  reasonReach: 2,
  quantityDepth: 10,
  nearDuplicate: 0.6,
  followUp: { weight: 0.5, maxOwnTopics: 1 },
};

/** What a caller may override: any field, and any part of the nested ones. */
export type RankingOverrides = { [K in keyof RankingConfig]?: RankingConfig[K] extends number ? number : Partial<RankingConfig[K]> };

/** The defaults with `overrides` merged in, one level deep (like MiniSearch's `defaultSearchOptions`). */
export function rankingConfig(overrides: RankingOverrides = {}, base: RankingConfig = DEFAULT_RANKING_CONFIG): RankingConfig {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const current = base[key as keyof RankingConfig];
    merged[key] = typeof current === 'object' ? { ...current, ...(value as object) } : value;
  }
  return merged as unknown as RankingConfig;
}
