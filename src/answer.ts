/**
 * Question validation and answer composition: leads with the sentence that holds the kind of
 * answer asked for (of the two the ranking cannot tell apart, or the reason or next sentence beside
 * the best; a list's items in place of the sentence that introduces them) and adds only what it lacks (what `この…`
 * refers to, the rest of a list, a reason, a runner-up), each cited; or says plainly that nothing answers.
 */
import { answersKindAsked, answersOutright, AnswerType, answerSpan, asksForAuthor, holdsExpectedType, leansOnPrevious, looksLikeByline, pointsElsewhere } from './answer-types.js';
import { InvalidQuestionError } from './errors.js';
import { dropInvisible } from './normalize.js';
import type { QueryPlan } from './query.js';
import type { RankedSentence } from './rank.js';
import type { RankingConfig } from './ranking-config.js';
import { refusalEvidence, refuses } from './refusal.js';
import { sentenceById, type IndexedSentence, type SearchIndex } from './search-index.js';
import { sourceUrl } from './source-url.js';
import type { Answer, Citation, ClosestDocument, Span, UnitKind } from './types.js';

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

export function composeAnswer(index: SearchIndex, plan: QueryPlan, ranked: RankedSentence[], options: ComposeOptions, startedAt: number): Answer {
  const chosen = answerSentences(index, plan, ranked, options);
  if (chosen.length === 0) return notFound(plan, ranked, startedAt);
  const lead = chosen[0]!;
  return cite(index, chosen, options.sourceUrlTemplate, startedAt, answerSpan(lead.text, lead.people, plan));
}

/**
 * The sentences an answer shows, in order (none when the material does not answer): the one that
 * leads, then only what it lacks.
 */
export function answerSentences(index: SearchIndex, plan: QueryPlan, ranked: RankedSentence[], { maxSentences, ranking }: ComposeOptions): IndexedSentence[] {
  if (ranked.length === 0 || refuses(refusalEvidence(index, plan, ranked, ranking), ranking)) return [];
  const { lead, runnerUp } = leadingPair(ranked, ranking.supportRatio, plan.normalized);

  const chosen: IndexedSentence[] = [];
  const add = (sentence: IndexedSentence | undefined) => {
    if (!sentence || chosen.length >= maxSentences) return;
    // Alike, but about two options (`デフォルト: 4173` of `preview.port`, `デフォルト: 5173` of `server.port`):
    // both say something. Not a whole sentence said of each (the Options and the Composition API's hook).
    const repeats = (c: IndexedSentence) =>
      similarity(c.text, sentence.text) >= ranking.nearDuplicate && (optionNamed(c) === optionNamed(sentence) || (c.text === sentence.text && !LABELLED.test(c.text)));
    if (!chosen.some((c) => c.id === sentence.id || repeats(c))) chosen.push(sentence);
  };
  // Who wrote it: the byline of the document that best matches, which shares no word with the question.
  if (asksForAuthor(plan.normalized)) add(index.sentences.find((s) => s.docId === lead.sentence.docId && looksLikeByline(s.text)));
  // Found beside the lead, what holds the kind of answer asked for goes first: a why-question's
  // reason (found by position only, not if it needs the sentence before it read first), the next
  // sentence of the paragraph.
  const reason = plan.expects & AnswerType.reason ? reasonBeside(index, plan, lead.sentence, ranking.reasonReach) : undefined;
  if (reason && !leansOnPrevious(reason.text)) add(reason);
  add(continuation(index, plan, lead.sentence));
  // A list question wants the rest of the list; a sentence that only introduces one (`…3 つの欠点があります:`) says nothing without it.
  const asksForList = (plan.expects & AnswerType.list) !== 0;
  const introduces = introducesList(lead.sentence);
  const items = asksForList || introduces ? restOfList(index, lead.sentence) : [];
  // The items are the answer: their introduction (and what it refers to) would only take an item's place.
  if (!(introduces && items.length > 0)) {
    add(lead.sentence);
    add(antecedent(index, lead.sentence));
  }
  for (const item of items) add(item);
  add(reason);
  // The ranking cannot tell the runner-up from the lead, so both are shown, unless the runner-up is
  // only the lead's context or the answer to a thread's earlier question, or another item of the
  // lead's list or row of its table, whose shared context ties them, when the question names the
  // lead's item best: it does not ask for the list, a comparison, or a thing only the runner-up
  // names (`鐘と旗の色`).
  const itemBeside =
    runnerUp !== undefined &&
    !(plan.expects & (AnswerType.list | AnswerType.contrast)) &&
    !plan.words.some((word) => runnerUp.sentence.nouns.includes(word) && !lead.sentence.nouns.includes(word)) &&
    ofOneList(index, lead.sentence, runnerUp.sentence);
  // Not what a runner-up opening with `この…` refers to: it is an alternative, and its citation points to its passage.
  if (runnerUp && !itemBeside && !onlyLeadAnswers(plan, lead.sentence, runnerUp.sentence) && !answersEarlierQuestion(plan, lead.sentence, runnerUp.sentence)) {
    add(runnerUp.sentence);
  }
  return chosen;
}

/**
 * The best two of `ranked` (not empty) in the order an answer shows them; `runnerUp` only when the
 * ranking cannot tell it from the best (it scores at least `supportRatio` of it). Then the one that
 * holds the kind of answer asked for (a reason, a date, a means) leads, even one that opens with
 * `この…`: it was ranked close on its own, and what it refers to follows it. Of two that both hold
 * it, the one that gives it in the form asked (`なぜなら…からです`, `…以来`) leads.
 */
export function leadingPair(
  ranked: readonly RankedSentence[],
  supportRatio: number,
  normalizedQuestion: string,
): { lead: RankedSentence; runnerUp?: RankedSentence } {
  const [best, second] = ranked as [RankedSentence, RankedSentence | undefined];
  if (!second || second.score < best.score * supportRatio) return { lead: best };
  const bothHold = best.signals.answerType > 0 && second.signals.answerType === best.signals.answerType;
  const secondAnswers =
    second.signals.answerType > best.signals.answerType ||
    (bothHold && answersOutright(second.sentence.text, normalizedQuestion) && !answersOutright(best.sentence.text, normalizedQuestion));
  return secondAnswers ? { lead: second, runnerUp: best } : { lead: best, runnerUp: second };
}

/**
 * The lead holds the kind of answer asked for and the runner-up does not: it is the lead's context,
 * not another answer. From any document for what is told exactly (a date, a number, a release, a
 * default, how two things differ: `…に対して`, `…とは異なり`); from the lead's own for what looser
 * signs tell (a person, a place: the runner-up may name one they miss). Not for a reason (`から`,
 * `ため`), the loosest: the lead's may not be the one asked for.
 */
function onlyLeadAnswers(plan: QueryPlan, lead: IndexedSentence, runnerUp: IndexedSentence): boolean {
  const asked = plan.expects & ~AnswerType.reason;
  const toldExactly = (asked & EXACT_TYPES) !== 0;
  return asked !== 0 && (toldExactly || runnerUp.docId === lead.docId) && holdsExpectedType(lead, asked, plan.normalized) && !holdsExpectedType(runnerUp, asked, plan.normalized);
}

/**
 * In a follow-up, a runner-up that holds none of the follow-up's own words the lead holds
 * (`二人は何で競い合ったの？` after a question about their training) is close only through the
 * earlier question's words: it answers that question, which the asker has read the answer to.
 */
function answersEarlierQuestion(plan: QueryPlan, lead: IndexedSentence, runnerUp: IndexedSentence): boolean {
  if (plan.fromThread.length === 0) return false;
  const own = plan.words.filter((word) => !plan.fromThread.includes(word));
  const holds = (sentence: IndexedSentence) => (word: string) => sentence.nouns.includes(word) || sentence.plain.includes(word);
  return own.some(holds(lead)) && !own.some(holds(runnerUp));
}

const EXACT_TYPES = AnswerType.date | AnswerType.number | AnswerType.version | AnswerType.fallback | AnswerType.contrast;

/** The sentence before one that opens with `この…`/`その…`: what it refers to. */
function antecedent(index: SearchIndex, sentence: IndexedSentence): IndexedSentence | undefined {
  if (!leansOnPrevious(sentence.text)) return undefined;
  const previous = sentenceById(index, sentence.id - 1);
  return previous?.docId === sentence.docId ? previous : undefined;
}

/**
 * The items that follow a list item, or a sentence that introduces a list (`…は次のとおりです：`):
 * the rest of the enumeration a list question asks for.
 */
function restOfList(index: SearchIndex, sentence: IndexedSentence): IndexedSentence[] {
  if (!ITEM_KINDS.includes(sentence.kind) && !introducesList(sentence)) return [];
  const items: IndexedSentence[] = [];
  const isItem = listOf(sentence, ITEM_KINDS);
  for (let next = sentenceById(index, sentence.id + 1); isItem(next); next = sentenceById(index, next.id + 1)) items.push(next);
  return items;
}

/** Whether two units and every unit between them are items of one list (or rows of one table). */
function ofOneList(index: SearchIndex, a: IndexedSentence, b: IndexedSentence): boolean {
  const inList = listOf(a, a.kind === 'row' ? ['row'] : ITEM_KINDS);
  for (let id = Math.min(a.id, b.id); id <= Math.max(a.id, b.id); id++) if (!inList(sentenceById(index, id))) return false;
  return true;
}

// Labelled items (`- **分割代入できない:** …`) are items of a list too.
const ITEM_KINDS: readonly UnitKind[] = ['item', 'definition'];

/**
 * A test for the units of `unit`'s list: of one of `kinds`, in its document and section (lists under
 * two headings are two lists, though nothing may stand between them), and not a pointer (`参照: …`).
 */
function listOf(unit: IndexedSentence, kinds: readonly UnitKind[]): (other: IndexedSentence | undefined) => other is IndexedSentence {
  const section = unit.section.join(SECTION_SEPARATOR);
  return (other): other is IndexedSentence =>
    other?.docId === unit.docId && kinds.includes(other.kind) && other.section.join(SECTION_SEPARATOR) === section && !pointsElsewhere(other.text);
}

/** A sentence that ends in a colon, with no code after it, introduces the list that follows (`…は次のとおりです：`). */
function introducesList(sentence: IndexedSentence): boolean {
  return /[:：]$/.test(sentence.text) && !sentence.beforeCode;
}

/**
 * For a why-question whose lead gives no reason: the nearest sentence of the same document that
 * does, among the one before it and the `reach` after it.
 */
function reasonBeside(index: SearchIndex, plan: QueryPlan, lead: IndexedSentence, reach: number): IndexedSentence | undefined {
  if (holdsExpectedType(lead, AnswerType.reason, plan.normalized)) return undefined;
  // Nearest first: the sentence after, the one before, then further after (`…を中国に依存している。` two on).
  const ids = [lead.id + 1, lead.id - 1];
  for (let step = 2; step <= reach; step++) ids.push(lead.id + step);
  const near = ids.map((id) => sentenceById(index, id)).filter((s) => s?.docId === lead.docId);
  return near.find((s) => s && holdsExpectedType(s, AnswerType.reason, plan.normalized));
}

/**
 * When the lead is about what was asked but lacks the kind of answer wanted, the next
 * sentence of its paragraph often gives it (`…橋の設計は森田二郎が任された。師は佐藤健二であった。` for who taught him).
 */
function continuation(index: SearchIndex, plan: QueryPlan, lead: IndexedSentence): IndexedSentence | undefined {
  if (answersKindAsked(lead, plan)) return undefined;
  const next = sentenceById(index, lead.id + 1);
  return next && next.docId === lead.docId && next.line === lead.line && answersKindAsked(next, plan) ? next : undefined;
}

/** `answer`: where the answer sits in the first sentence, for a typed question. */
function cite(index: SearchIndex, sentences: IndexedSentence[], sourceUrlTemplate: string | undefined, startedAt: number, answer?: Span): Answer {
  const citations = sentences.map((s, i): Citation => {
    const url = sourceUrl(sourceUrlTemplate, { docId: s.docId, url: index.documents.find((d) => d.docId === s.docId)?.url }, s.anchor);
    const place = { ...(s.section.length > 0 ? { section: s.section.join(SECTION_SEPARATOR) } : {}), ...(s.anchor ? { anchor: s.anchor } : {}), ...(url ? { url } : {}) };
    return { n: i + 1, docId: s.docId, title: s.title, line: s.line, quote: s.text, ...place };
  });
  const parts = sentences.map((s, i) => {
    const option = optionNamed(s);
    if (!option) return { text: s.text, cite: i + 1, ...(s.code ? { code: s.code } : {}), ...(i === 0 && answer ? { answer } : {}) };
    const shift = option.length + OPTION_SEPARATOR.length;
    const moved = (span: Span): Span => [span[0] + shift, span[1] + shift];
    return {
      text: `${option}${OPTION_SEPARATOR}${s.text}`,
      cite: i + 1,
      code: [[0, option.length] as Span, ...(s.code ?? []).map(moved)],
      ...(i === 0 && answer ? { answer: moved(answer) } : {}),
    };
  });
  return {
    status: 'answered',
    text: parts.map((p) => `${p.text} [${p.cite}]`).join('\n'),
    sentences: parts,
    citations,
    closest: [],
    tookMs: elapsed(startedAt),
  };
}

const OPTION_SEPARATOR = ' — ';

// A labelled line (`デフォルト: 5173`, `型: string`): the same line under two options tells each of them.
const LABELLED = /^[^:：。]{1,20}[:：]/;

/**
 * The option a unit documents when its nearest heading names one (`## build.copyPublicDir`,
 * `## envFile`) and the unit does not: `無効にするには false を設定します` says nothing without it.
 */
function optionNamed(sentence: IndexedSentence): string | undefined {
  const heading = sentence.section.at(-1);
  // A heading of one Latin token (`envFile`, `server.fs.allow`, `app.use()`) names code in Japanese documentation.
  if (!heading || !/^[\w$@./:-]+(?:\(\))?$/.test(heading)) return undefined;
  return sentence.text.includes(heading) ? undefined : heading;
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
