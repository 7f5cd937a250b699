/**
 * Follow-up questions in a thread: `それはいつ？` or `なんで？` after a question about something
 * leans on that question. An elliptical follow-up is searched with the earlier question's words
 * added at a lower weight (RankingConfig.followUpWeight); what kind of answer it wants stays its
 * own. A full question stands alone.
 */
import { WHY_NANDE } from './answer-types.js';
import type { QueryPlan } from './query.js';
import type { RankingConfig } from './ranking-config.js';

/** Words that point back at something said before, in Japanese and English. */
const POINTS_BACK = new RegExp(
  String.raw`それ|その|そこ|前者|後者|そちら|そっち|あれ|あの|あそこ|これ|この|ここ|彼|彼女|他に|ほかに|他は|ほかは|じゃあ|では|だと|${WHY_NANDE.source}|なぜ|どうして|\b(?:it|its|that|this|they|them|their|he|him|his|she|her|there|why|what about)\b`,
);

/** A word that is nothing but a pointer back; `他` / `ほか` as the analyzer splits them from `他には` / `ほかには`. */
const ONLY_POINTS_BACK = new RegExp(`^(?:${POINTS_BACK.source}|他|ほか)$`);

/**
 * Whether `plan` leans on the thread: it points back (`それ`, `彼`, `他には`, a bare `なんで`, `X だと`), or
 * names at most `maxOwnTopics` things of its own (`いつ？`, `場所は？`).
 */
export function isElliptical(plan: QueryPlan, config: RankingConfig): boolean {
  const topics = plan.wordWeights.filter((weight) => weight >= config.topicWeight.noun).length;
  return topics <= config.followUp.maxOwnTopics || POINTS_BACK.test(plan.normalized);
}

/**
 * The plan for the last of `plans` (a thread's questions, oldest first): each elliptical one
 * takes in the one before it as it was itself understood, so `なんで？` after `それはいつ？`
 * after a full question still knows what it is about.
 */
export function inThread(plans: QueryPlan[], config: RankingConfig): QueryPlan {
  return plans.reduce((earlier, plan) => (isElliptical(plan, config) ? withEarlier(plan, earlier, config.followUp.weight) : plan));
}

/**
 * `plan` with the words and bigrams of `earlier` it lacks, weighed by `weight`; its expectations
 * its own. A word that only points back (`後者`) stands for the earlier words and is dropped.
 */
function withEarlier(plan: QueryPlan, earlier: QueryPlan, weight: number): QueryPlan {
  const own = plan.words.map((word, i) => ({ word, i })).filter(({ word }) => !ONLY_POINTS_BACK.test(word));
  const added = earlier.words.map((word, i) => ({ word, i })).filter(({ word }) => !plan.words.includes(word));
  const pointedAt = pairMember(plan.normalized, earlier.normalized);
  // `後者` names one of the pair in full: its words weigh as the earlier question gave them.
  const weightOf = (word: string) => (pointedAt?.includes(word) ? 1 : weight);
  const addedBigrams = earlier.bigrams.filter((bigram) => !plan.bigrams.includes(bigram));
  return {
    ...plan,
    words: [...own.map(({ word }) => word), ...added.map(({ word }) => word)],
    wordWeights: [...own.map(({ i }) => plan.wordWeights[i]!), ...added.map(({ word, i }) => earlier.wordWeights[i]! * weightOf(word))],
    spelledReadings: [...own.map(({ i }) => plan.spelledReadings[i]!), ...added.map(({ i }) => earlier.spelledReadings[i]!)],
    alternatives: [...own.map(({ i }) => plan.alternatives[i]!), ...added.map(({ i }) => earlier.alternatives[i]!)],
    bigrams: [...plan.bigrams, ...addedBigrams],
    readings: [...new Set([...plan.readings, ...earlier.readings])],
    code: [...new Set([...plan.code, ...earlier.code])],
    namedCode: [...new Set([...plan.namedCode, ...earlier.namedCode])],
    fromThread: [...new Set([...plan.fromThread, ...added.map(({ word }) => word), ...addedBigrams])],
  };
}

// Two things named side by side (`v-if と v-show`, `computed とメソッド`, `A or B`): runs without hiragana,
// which in Japanese writes the particles and endings between names.
const NAME = String.raw`[^\s\p{Script=Hiragana}、。，．,.?？!！「」()（）]+`;
const PAIR = new RegExp(`(${NAME})\\s*(?:と|や|か|、|,|\\bor\\b|\\bvs\\.?)\\s*(${NAME})`, 'u');

/** The one of a pair in `earlier` that `前者` (the former) or `後者` (the latter) in `question` names, lowercased. */
function pairMember(question: string, earlier: string): string | undefined {
  const which = /前者|the former/.test(question) ? 1 : /後者|the latter/.test(question) ? 2 : 0;
  if (which === 0) return undefined;
  return PAIR.exec(earlier)?.[which]?.toLowerCase();
}
