/**
 * Finds and orders the sentences that best answer a question: MiniSearch (BM25) per field, then
 * a re-rank by how much of the question a sentence covers, weighted by how rare each term is,
 * and whether it holds the kind of answer the question expects.
 */
import { leansOnPrevious } from './answer-types.js';
import { normalize } from './normalize.js';
import type { QueryPlan } from './query.js';
import { sentenceById, type IndexedSentence, type SearchField, type SearchIndex } from './search-index.js';

/** Field weights; tuned on held-out data (see README, "Measuring"). */
export const FIELD_BOOST: Record<SearchField, number> = { words: 1, bigrams: 0.6, readings: 0.3, context: 0.3 };
const SYNONYM_WEIGHT = 0.5;
export const COMMON = { min: 100, share: 0.02 };
/** Credit for a question word found only around a sentence (title, neighbours), not in it. */
export const NEIGHBOUR_CREDIT = { value: 0.9 };
export const WEIGHT = { search: 0.4, coverage: 1, answerType: 0.25, heading: 0.5, phrase: 0.3, quantity: 0.3, restated: 0.6, besideRestated: 0.5 };
/** A sentence this close to the whole question, with no noun of its own, restates it. */
const RESTATES_COVERAGE = 0.9;

export interface RankedSentence {
  sentence: IndexedSentence;
  score: number;
  /** 0..1: how much of the question (by rarity of its terms) the sentence and its neighbours hold. */
  coverage: number;
}

export function rankSentences(index: SearchIndex, plan: QueryPlan, limit: number): RankedSentence[] {
  const hits = searchFields(index, plan);
  const top = [...hits.values()].sort((a, b) => b.score - a.score).slice(0, limit);
  const best = top[0]?.score ?? 0;
  const total = index.miniSearch.documentCount;
  const rarity = (term: string) => Math.log(1 + total / ((index.sentenceFrequency.get(term) ?? 0) + 1));
  const questionGrams = charTrigrams(plan.normalized);
  const asked = new Set([...plan.words, ...plan.alternatives.flat()]);
  const ranked = top.map((hit) => {
    const sentence = sentenceById(index, hit.id)!;
    const text = normalize(sentence.text);
    const phrase = sharedShare(questionGrams, charTrigrams(text));
    // A sentence whose every noun is already in the question restates it; the answer is elsewhere.
    const newNouns = sentence.nouns.filter((n) => !asked.has(n)).length;
    const givesQuantity = plan.quantity?.test(text) ?? false;
    // A sentence that opens with `この…` continues the one before: its words count in full.
    const coverage = questionCoverage(plan, hit, rarity, leansOnPrevious(sentence.text) ? 1 : NEIGHBOUR_CREDIT.value);
    const answersType =
      (plan.expects !== 0 && (sentence.types & plan.expects) !== 0) ||
      (plan.answerHead !== undefined && namesNewOne(sentence.text, plan.answerHead, plan.normalized));
    // Short, unpunctuated and not ending in a predicate (hiragana): a heading, which names a topic but answers nothing.
    const looksLikeHeading = !/[。」\u3041-\u3096]$/.test(sentence.text) && sentence.text.length < 45;
    const score =
      WEIGHT.search * (hit.score / best) +
      WEIGHT.coverage * coverage +
      WEIGHT.phrase * phrase +
      (answersType ? WEIGHT.answerType : 0) +
      (givesQuantity ? WEIGHT.quantity : 0) -
      (newNouns === 0 ? WEIGHT.restated : 0) -
      (looksLikeHeading ? WEIGHT.heading : 0);
    return { sentence, score, coverage, restates: newNouns === 0 && coverage >= RESTATES_COVERAGE };
  });
  // When the question restates one sentence, the answer is usually in the sentence beside it.
  const restating = new Set(ranked.filter((r) => r.restates).map((r) => r.sentence.id));
  const besideRestating = (s: IndexedSentence) =>
    [s.id - 1, s.id + 1].some((id) => restating.has(id) && sentenceById(index, id)!.docId === s.docId);
  return ranked
    .map(({ sentence, score, coverage, restates }) => ({
      sentence,
      coverage,
      score: score + (!restates && besideRestating(sentence) ? WEIGHT.besideRestated : 0),
    }))
    .sort((a, b) => b.score - a.score);
}

interface Hit {
  id: number;
  score: number;
  /** Which question terms each field matched. */
  matched: Partial<Record<SearchField, Set<string>>>;
}

/**
 * One BM25 search per field, summed with the field's weight. Searched apart (not as one
 * MiniSearch OR query) because a term shared by two fields would otherwise lose its per-field match.
 */
function searchFields(index: SearchIndex, plan: QueryPlan): Map<number, Hit> {
  const hits = new Map<number, Hit>();
  const search = (terms: string[], field: SearchField, weight = 1) => {
    if (terms.length === 0) return;
    for (const result of index.miniSearch.search(terms.join(' '), { fields: [field], combineWith: 'OR' })) {
      let hit = hits.get(result.id as number);
      if (!hit) {
        hit = { id: result.id as number, score: 0, matched: {} };
        hits.set(hit.id, hit);
      }
      hit.score += result.score * FIELD_BOOST[field] * weight;
      const matched = (hit.matched[field] ??= new Set());
      for (const term of result.terms) matched.add(term);
    }
  };
  // Terms in a large share of all sentences cost the most to search and tell the least.
  const cap = Math.max(COMMON.min, COMMON.share * index.miniSearch.documentCount);
  const uncommon = (terms: string[]) => terms.filter((t) => (index.sentenceFrequency.get(t) ?? 0) <= cap);
  search(plan.words, 'words');
  search(uncommon(plan.bigrams), 'bigrams');
  search(plan.readings, 'readings');
  search(uncommon(plan.words), 'context');
  search(plan.synonymWords, 'words', SYNONYM_WEIGHT);
  search(plan.synonymBigrams, 'bigrams', SYNONYM_WEIGHT);
  return hits;
}

/**
 * Share of the question's words, weighted by rarity and topic weight, that the sentence holds
 * (full credit), or holds as character bigrams (a compound cut differently: `マシン` in
 * `ローイングマシン`), or only its neighbours hold (partial credit). A rare noun no sentence has
 * drags it down: that is how a question about something the material never mentions shows.
 */
function questionCoverage(plan: QueryPlan, hit: Hit, rarity: (term: string) => number, neighbourCredit: number): number {
  let found = 0;
  let all = 0;
  plan.words.forEach((word, i) => {
    const weight = rarity(word) * plan.wordWeights[i]!;
    all += weight;
    const holds = (w: string) => hit.matched.words?.has(w) || containsBigramsOf(w, hit.matched.bigrams);
    if (holds(word) || plan.alternatives[i]!.some(holds) || readsAs(plan.spelledReadings[i]!, hit.matched.readings)) found += weight;
    else if (hit.matched.context?.has(word)) found += weight * neighbourCredit;
  });
  return all === 0 ? 0 : found / all;
}

/**
 * Whether `text` names a `head` (`揚子江気団` for `気団`) that the question did not: the two
 * characters before the head are not in the question.
 */
function namesNewOne(text: string, head: string, question: string): boolean {
  const normalized = normalize(text);
  for (let at = normalized.indexOf(head); at !== -1; at = normalized.indexOf(head, at + 1)) {
    if (at >= 2 && !question.includes(normalized.slice(at - 2, at))) return true;
  }
  return false;
}

function charTrigrams(text: string): Set<string> {
  const chars = Array.from(text.replace(/[\s\p{P}]/gu, ''));
  const grams = new Set<string>();
  for (let i = 0; i + 2 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  return grams;
}

function sharedShare(of: Set<string>, within: Set<string>): number {
  let shared = 0;
  for (const gram of of) if (within.has(gram)) shared++;
  return of.size === 0 ? 0 : shared / of.size;
}

/** Whether most (two thirds) of a kana spelling's reading bigrams matched the sentence's readings. */
function readsAs(spelled: string[], matched: Set<string> | undefined): boolean {
  if (spelled.length === 0 || !matched) return false;
  return spelled.filter((bigram) => matched.has(bigram)).length >= (spelled.length * 2) / 3;
}

function containsBigramsOf(word: string, bigrams: Set<string> | undefined): boolean {
  const chars = Array.from(word);
  if (!bigrams || chars.length < 2 || /^[a-z0-9]/.test(word)) return false;
  for (let i = 0; i + 1 < chars.length; i++) if (!bigrams.has(chars[i]! + chars[i + 1]!)) return false;
  return true;
}
