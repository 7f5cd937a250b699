/**
 * Question validation and answer composition: picks the 1–N best sentences that together answer,
 * in reading order, without near-duplicates, each cited; or says plainly that nothing answers.
 */
import { asksForAuthor, asksHowMany, holdsExpectedType, leansOnPrevious, looksLikeByline } from './answer-types.js';
import { InvalidQuestionError } from './errors.js';
import { dropInvisible } from './normalize.js';
import type { QueryPlan } from './query.js';
import type { RankedSentence } from './rank.js';
import type { RankingConfig } from './ranking-config.js';
import { sentenceById, type IndexedSentence, type SearchIndex } from './search-index.js';
import { sourceUrl } from './source-url.js';
import type { Answer, Citation, ClosestDocument } from './types.js';

export const NOT_FOUND_MESSAGE = '資料の中に該当する情報が見つかりませんでした。';
const NOT_FOUND_MESSAGE_EN =
  'Nothing in the material answers this. The material is in Japanese: asking in Japanese usually finds more.';
export const MAX_QUESTION_CHARS = 500;
/** Between the headings of a section path, as citations show it. */
export const SECTION_SEPARATOR = ' › ';

/**
 * Trims the question and checks its length as typed and as normalized (NFKC expands some
 * characters many times: one U+FDFA is 18), so analysis work stays bounded; the error message is meant for the asker.
 */
export function validateQuestion(question: unknown): string {
  if (typeof question !== 'string') throw new InvalidQuestionError('質問を文字で入力してください。(Please type a question.)');
  // Invisible and control characters are noise from copy and paste, not part of the question.
  const trimmed = dropInvisible(question).trim();
  if (trimmed === '') throw new InvalidQuestionError('質問が空です。知りたいことを入力してください。(The question is empty.)');
  const length = Math.max(codePoints(trimmed), codePoints(trimmed.normalize('NFKC')));
  if (length > MAX_QUESTION_CHARS) {
    throw new InvalidQuestionError(
      `質問が長すぎます(${length}文字)。${MAX_QUESTION_CHARS}文字以内にしてください。(Questions are limited to ${MAX_QUESTION_CHARS} characters.)`,
    );
  }
  return trimmed;
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export interface ComposeOptions {
  maxSentences: number;
  sourceUrlTemplate?: string;
  ranking: RankingConfig;
}

export function composeAnswer(index: SearchIndex, plan: QueryPlan, ranked: RankedSentence[], { maxSentences, sourceUrlTemplate, ranking }: ComposeOptions, startedAt: number): Answer {
  const best = ranked[0];
  // A question that names something the material never mentions needs more of it covered.
  const minCoverage = namesSomethingAbsent(index, plan) ? ranking.minCoverage : ranking.coverageFloor;
  if (!best || best.coverage < minCoverage || lacksAskedQuantity(plan, ranked, ranking.quantityDepth)) return notFound(plan, ranked, startedAt);

  const chosen: IndexedSentence[] = [];
  const add = (sentence: IndexedSentence) => {
    if (chosen.length < maxSentences && !chosen.some((c) => c.id === sentence.id || similarity(c.text, sentence.text) >= ranking.nearDuplicate)) {
      chosen.push(sentence);
    }
  };
  // Who wrote it: the byline of the document that best matches, which shares no word with the question.
  const byline = asksForAuthor(plan.normalized) ? index.sentences.find((s) => s.docId === best.sentence.docId && looksLikeByline(s.text)) : undefined;
  if (byline) add(byline);
  for (const candidate of ranked) {
    if (chosen.length > 0 && candidate.score < best.score * ranking.supportRatio) break;
    const previous = leansOnPrevious(candidate.sentence.text) ? sentenceById(index, candidate.sentence.id - 1) : undefined;
    if (previous && previous.docId === candidate.sentence.docId) add(previous);
    add(candidate.sentence);
    const next = candidate === best ? continuation(index, plan, best.sentence) : undefined;
    if (next) add(next);
  }
  return cite(index, readingOrder(chosen), sourceUrlTemplate, startedAt);
}

/** A noun of the question (`総統`, `gcap`) that no sentence has (as a word, or as a character bigram), in any form it was asked in. */
function namesSomethingAbsent(index: SearchIndex, plan: QueryPlan): boolean {
  const inMaterial = (word: string) => index.sentenceFrequency.has(word);
  return plan.words.some(
    (word, i) => plan.wordWeights[i] === 1 && plan.spelledReadings[i]!.length === 0 && !inMaterial(word) && !plan.alternatives[i]!.some(inMaterial),
  );
}

/**
 * A question that counts or prices (`何議席`, `いくら`) is answered by a number in that unit; when
 * none of the best sentences has one, the material does not say (it may still talk about the topic).
 */
function lacksAskedQuantity(plan: QueryPlan, ranked: RankedSentence[], depth: number): boolean {
  const quantity = plan.quantity;
  return quantity !== undefined && asksHowMany(plan.normalized) && !ranked.slice(0, depth).some((r) => quantity.test(r.sentence.plain));
}

/**
 * When the best sentence is about what was asked but lacks the kind of answer wanted, the next
 * sentence of its paragraph often gives it (`…橋の設計は森田二郎が任された。師は佐藤健二であった。` for who taught him).
 */
function continuation(index: SearchIndex, plan: QueryPlan, best: IndexedSentence): IndexedSentence | undefined {
  if (plan.expects === 0 || holdsExpectedType(best, plan.expects, plan.normalized)) return undefined;
  const next = sentenceById(index, best.id + 1);
  return next && next.docId === best.docId && next.line === best.line && holdsExpectedType(next, plan.expects, plan.normalized) ? next : undefined;
}

/** Groups sentences by document (in order of the best one's rank) and keeps each document's order. */
function readingOrder(sentences: IndexedSentence[]): IndexedSentence[] {
  const docRank = new Map<string, number>();
  sentences.forEach((s) => docRank.has(s.docId) || docRank.set(s.docId, docRank.size));
  return [...sentences].sort((a, b) => docRank.get(a.docId)! - docRank.get(b.docId)! || a.n - b.n);
}

function cite(index: SearchIndex, sentences: IndexedSentence[], sourceUrlTemplate: string | undefined, startedAt: number): Answer {
  const citations = sentences.map((s, i): Citation => {
    const url = sourceUrl(sourceUrlTemplate, { docId: s.docId, url: index.documents.find((d) => d.docId === s.docId)?.url }, s.anchor);
    const place = { ...(s.section.length > 0 ? { section: s.section.join(SECTION_SEPARATOR) } : {}), ...(s.anchor ? { anchor: s.anchor } : {}), ...(url ? { url } : {}) };
    return { n: i + 1, docId: s.docId, title: s.title, line: s.line, quote: s.text, ...place };
  });
  const parts = sentences.map((s, i) => ({ text: s.text, cite: i + 1, ...(s.code ? { code: s.code } : {}) }));
  return {
    status: 'answered',
    text: parts.map((p) => `${p.text} [${p.cite}]`).join('\n'),
    sentences: parts,
    citations,
    closest: [],
    tookMs: elapsed(startedAt),
  };
}

function notFound(plan: QueryPlan, ranked: RankedSentence[], startedAt: number): Answer {
  const closest: ClosestDocument[] = [];
  for (const { sentence } of ranked) {
    if (closest.length === 3) break;
    if (!closest.some((d) => d.docId === sentence.docId)) closest.push({ docId: sentence.docId, title: sentence.title });
  }
  return {
    status: 'not_found',
    text: plan.isEnglish ? `${NOT_FOUND_MESSAGE}\n${NOT_FOUND_MESSAGE_EN}` : NOT_FOUND_MESSAGE,
    sentences: [],
    citations: [],
    closest,
    tookMs: elapsed(startedAt),
  };
}

function similarity(a: string, b: string): number {
  const x = bigramSet(a);
  const y = bigramSet(b);
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return shared / Math.max(1, Math.min(x.size, y.size));
}

function bigramSet(text: string): Set<string> {
  const chars = Array.from(text.replace(/\s+/g, ''));
  return new Set(chars.slice(1).map((ch, i) => chars[i]! + ch));
}

function elapsed(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 100) / 100;
}
