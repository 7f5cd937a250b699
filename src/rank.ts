/**
 * Finds and orders the sentences that best answer a question: MiniSearch (BM25) per field, then
 * a re-rank by how much of the question a sentence covers (weighted by how rare each term is),
 * how much of its phrasing it shares, whether it holds the kind of answer the question expects,
 * and whether it merely restates the question (then the sentence beside it likely answers).
 */
import { answersKindAsked, labelAnswers, leansOnPrevious, pointsElsewhere, typesNamedBy } from './answer-types.js';
import { plainText } from './normalize.js';
import type { QueryPlan } from './query.js';
import { DEFAULT_RANKING_CONFIG, type Commonness, type RankingConfig, type SignalWeights } from './ranking-config.js';
import { sentenceById, type IndexedSentence, type SearchField, type SearchIndex } from './search-index.js';
import { scoredPostings, termPostings } from './term-scores.js';

/**
 * What ranking knows about one candidate, each a number (yes/no as 1/0) that `score` weighs with
 * `RankingConfig.weights`.
 */
export interface Signals {
  /** BM25 over the fields, relative to the best hit (0..1). */
  search: number;
  /** 0..1: how much of the question (by rarity of its terms) the sentence and its neighbours hold. */
  coverage: number;
  /** 0..1: share of the question's character trigrams (0 when too far down to be computed). */
  phrase: number;
  /** Holds the kind of answer the question expects. */
  answerType: number;
  /** Holds a number in the unit asked for. */
  quantity: number;
  /** Its code names an identifier as the question wrote it. */
  code: number;
  /** Looks like a heading. */
  heading: number;
  /** Has no noun the question lacks: it restates the question. */
  restated: number;
  /** Next to a sentence that restates the question. */
  besideRestated: number;
  /** Sends the reader elsewhere (`…を参照してください`). */
  pointer: number;
  /** A labelled line whose label is what the question asks for (`デフォルト: false`). */
  label: number;
  /** In a follow-up: the sentence that answered the earlier question, which the asker has read. */
  alreadyAnswered: number;
}

/** The one place signals become a score: a weighted sum, penalties subtracted. */
export function score(s: Signals, w: SignalWeights): number {
  return (
    w.search * s.search +
    w.coverage * s.coverage +
    w.answerType * s.answerType +
    w.quantity * s.quantity +
    w.code * s.code +
    w.label * s.label -
    w.restated * s.restated -
    w.heading * s.heading +
    w.phrase * s.phrase +
    w.besideRestated * s.besideRestated -
    w.pointer * s.pointer -
    w.alreadyAnswered * s.alreadyAnswered
  );
}

export interface RankedSentence {
  sentence: IndexedSentence;
  score: number;
  /** 0..1: how much of the question (by rarity of its terms) the sentence and its neighbours hold. */
  coverage: number;
  signals: Signals;
}

/** `earlierAnswer`: in a follow-up, the sentence that answered the thread's earlier question. */
export function rankSentences(
  index: SearchIndex,
  plan: QueryPlan,
  limit: number,
  config: RankingConfig = DEFAULT_RANKING_CONFIG,
  earlierAnswer?: IndexedSentence,
): RankedSentence[] {
  const { top, matches } = withWorkspace(index, (workspace) => {
    const found = searchFields(index, plan, config, workspace);
    const hits = bestHits(found.scores, limit);
    for (const id of found.scores.ids) {
      workspace.byId[id] = 0;
      workspace.scored[id] = 0;
    }
    return { top: hits, matches: found.matches };
  });
  const best = top[0]?.score ?? 0;
  const total = index.miniSearch.documentCount;
  const isCommon = commonTest(index, config.commonWord);
  // How much each question word counts: rarer words and nouns more; common ones are not searched.
  const weights = plan.words.map((word, i) =>
    isCommon(word) ? 0 : Math.log(1 + total / ((index.sentenceFrequency.get(word) ?? 0) + 1)) * plan.wordWeights[i]!,
  );
  const asked = new Set([...plan.words, ...plan.alternatives.flat()]);
  const wordTests = questionWordTests(plan, matches);
  // Its code (inline, in its headings or in the code beside it) names an identifier as the question wrote it.
  const namesCode = (id: number) => plan.namedCode.some((identifier) => matches.code.get(identifier)?.has(id));
  const candidates = top.map((hit) => {
    const sentence = sentenceById(index, hit.id)!;
    const text = sentence.plain;
    // A sentence whose every noun is already in the question restates it; the answer is elsewhere.
    const newNouns = sentence.nouns.filter((n) => !asked.has(n)).length;
    // A sentence that opens with `この…` continues the one before: its words count in full.
    const coverage = questionCoverage(wordTests, weights, [sentence], leansOnPrevious(sentence.text) ? 1 : config.neighbourCredit);
    const answersType = answersKindAsked(sentence, plan);
    const pointer = pointsElsewhere(sentence.text);
    const signals: Signals = {
      search: hit.score / best,
      coverage,
      phrase: 0,
      answerType: answersType ? 1 : 0,
      quantity: plan.quantity?.test(text) ? 1 : 0,
      code: namesCode(hit.id) ? 1 : 0,
      heading: sentence.kind === 'sentence' && looksLikeHeading(sentence) ? 1 : 0,
      restated: newNouns === 0 ? 1 : 0,
      besideRestated: 0,
      pointer: pointer ? 1 : 0,
      label: sentence.kind === 'definition' && !pointer && labelAnswers(text, plan) ? 1 : 0,
      alreadyAnswered: sentence.id === earlierAnswer?.id ? 1 : 0,
    };
    return { sentence, text, signals, restates: newNouns === 0 && coverage >= config.restatesCoverage };
  });
  // A labelled line that answers (`デフォルト: 'esbuild'`) is about its section: what the question
  // asks of it may be said by the section's sentences (`使用するミニファイツールを指定します`).
  const sectionOf = (s: IndexedSentence) => `${s.docId}\n${s.anchor ?? ''}\n${s.section.join('\n')}`;
  for (const { sentence, signals } of candidates) {
    if (!signals.label) continue;
    const section = candidates.filter((c) => sectionOf(c.sentence) === sectionOf(sentence)).map((c) => c.sentence);
    signals.coverage = Math.max(signals.coverage, questionCoverage(wordTests, weights, section, config.neighbourCredit));
  }
  addPhraseSignals(candidates, plan, config);
  // When the question restates one sentence, the answer is usually in the sentence beside it.
  const restating = new Set(candidates.filter((c) => c.restates).map((c) => c.sentence.id));
  const besideRestating = (s: IndexedSentence) =>
    [s.id - 1, s.id + 1].some((id) => restating.has(id) && sentenceById(index, id)!.docId === s.docId);
  return candidates
    .map(({ sentence, signals, restates }) => {
      if (!restates && besideRestating(sentence)) signals.besideRestated = 1;
      return { sentence, coverage: signals.coverage, signals, score: score(signals, config.weights) };
    })
    .sort((a, b) => b.score - a.score);
}

/**
 * Short, unpunctuated and ending in a noun rather than a predicate (a predicate ends in kana, but
 * so does `関わり`): a heading (`…の現状`, `…との関わり`), which names a topic but answers nothing.
 */
function looksLikeHeading(sentence: IndexedSentence): boolean {
  // A unit ending as a sentence ends (`。`, `……`, `:` introducing an example) is one; `【概要】` is not.
  if (sentence.text.length >= 45 || /[。．.!?！？」』)）:：…‥]$/.test(sentence.text)) return false;
  return !/[\u3041-\u3096]$/.test(sentence.text) || sentence.nouns.some((noun) => sentence.plain.endsWith(noun));
}

/**
 * Sets the share of the question's character trigrams each sentence holds (phrases copied from
 * the material). Trigrams cost the most of the re-rank, so only for the sentences that could
 * still reach the first `phraseDepth` places with a full phrase score.
 */
function addPhraseSignals(candidates: { text: string; signals: Signals }[], plan: QueryPlan, config: RankingConfig): void {
  const questionGrams = charTrigrams(plainText(plan.normalized));
  const partial = candidates.map((c) => score(c.signals, config.weights));
  const sorted = [...partial].sort((a, b) => b - a);
  const reachable = (sorted[config.phraseDepth - 1] ?? -Infinity) - config.weights.phrase;
  candidates.forEach((candidate, i) => {
    if (partial[i]! >= reachable) candidate.signals.phrase = phraseShare(questionGrams, candidate.text);
  });
}

/** The `limit` best hits, best first, without sorting the thousands a query can match. */
function bestHits({ ids, byId }: Scores, limit: number): Hit[] {
  const threshold = Float64Array.from(ids, (id) => byId[id]!).sort()[Math.max(0, ids.length - limit)] ?? 0;
  const top: Hit[] = [];
  for (const id of ids) if (byId[id]! >= threshold) top.push({ id, score: byId[id]! });
  return top.sort((a, b) => b.score - a.score).slice(0, limit);
}

interface Hit {
  id: number;
  score: number;
}

/** For each field, the sentences each searched term matched (their ids are the keys). */
type Matches = Record<SearchField, Map<string, ReadonlyMap<number, unknown>>>;
const NONE: ReadonlyMap<number, number> = new Map();

/**
 * The summed BM25 of the units a question matched, by unit id, and their ids in the order first
 * matched (ties keep that order). Arrays over every unit, not maps of the matched ones: a question
 * at JSQuAD ×16 adds up some ten thousand postings.
 */
interface Scores {
  byId: Float64Array;
  ids: number[];
}

/**
 * The arrays over every unit a question fills: `byId` (see Scores), whether a unit is in `ids`,
 * and one field's sums and matched-term counts. Kept per index and handed back all zero, not
 * allocated per question: over a large corpus they are megabytes of garbage a question.
 */
interface Workspace {
  byId: Float64Array;
  scored: Uint8Array;
  fieldSums: Float64Array;
  fieldTerms: Uint16Array;
}
const workspaces = new WeakMap<SearchIndex, Workspace>();

/** Runs `use` with the index's workspace, which `use` leaves all zero; one that throws (or a nested use) gets fresh arrays. */
function withWorkspace<T>(index: SearchIndex, use: (workspace: Workspace) => T): T {
  const units = index.sentences.length;
  const workspace = workspaces.get(index) ?? { byId: new Float64Array(units), scored: new Uint8Array(units), fieldSums: new Float64Array(units), fieldTerms: new Uint16Array(units) };
  workspaces.delete(index);
  const result = use(workspace);
  workspaces.set(index, workspace);
  return result;
}

/**
 * BM25 per field, summed with the field's weight, and which sentences each term matched.
 * Searched term by term, not as one OR query: a query's partial results stay alive until it
 * ends, and a young-generation GC that finds megabytes of them alive costs milliseconds.
 */
function searchFields(index: SearchIndex, plan: QueryPlan, config: RankingConfig, { byId, scored, fieldSums, fieldTerms }: Workspace): { scores: Scores; matches: Matches } {
  const scores: Scores = { byId, ids: [] };
  const fieldIds: number[] = [];
  const matches: Matches = { words: new Map(), bigrams: new Map(), readings: new Map(), context: new Map(), section: new Map(), code: new Map() };
  // Terms reached only through a synonym are searched with the others, at their lower weight.
  // A loanword's English spelling (`ポート` → `port`) is how headings name it (`## server.port`); not
  // searched in code, whose class names and variables (`modal`) say little of what a unit is about.
  const spelledInHeadings = [...new Set(plan.alternatives.flat())].filter(
    (alternative) => /^[a-z][a-z0-9]*$/.test(alternative) && !plan.words.includes(alternative) && !plan.code.includes(alternative),
  );
  const synonyms = new Set([...plan.synonymWords, ...plan.synonymBigrams, ...spelledInHeadings]);
  const fromThread = new Set(plan.fromThread);
  const search = (terms: string[], field: SearchField) => {
    for (const term of terms) {
      const weight = synonyms.has(term) ? config.synonymWeight : fromThread.has(term) ? config.followUp.weight : 1;
      const postings = termPostings(index.miniSearch, term, field) ?? NONE;
      const { ids, scores: termScores } = scoredPostings(index.miniSearch, field, postings);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        if (fieldTerms[id] === 0) fieldIds.push(id);
        fieldTerms[id] = fieldTerms[id]! + 1;
        fieldSums[id] = fieldSums[id]! + termScores[i]! * weight;
      }
      matches[field].set(term, postings);
    }
    // As MiniSearch scores an OR query: the BM25 sum times the number of terms matched.
    for (const id of fieldIds) {
      if (scored[id] === 0) {
        scored[id] = 1;
        scores.ids.push(id);
      }
      scores.byId[id] = scores.byId[id]! + fieldSums[id]! * fieldTerms[id]! * config.fieldBoost[field];
      fieldSums[id] = 0;
      fieldTerms[id] = 0;
    }
    fieldIds.length = 0;
  };
  const common = commonTest(index, config.common);
  const commonWord = commonTest(index, config.commonWord);
  search([...plan.words, ...plan.synonymWords].filter((t) => !commonWord(t)), 'words');
  search([...plan.bigrams, ...plan.synonymBigrams].filter((t) => !common(t)), 'bigrams');
  // Reading bigrams of grammar spelled in kana (`ばれている`) are in thousands of sentences.
  const commonReading = commonTest(index, config.common, index.readingFrequency);
  search(plan.readings.filter((t) => !commonReading(t)), 'readings');
  search(plan.words.filter((t) => !common(t)), 'context');
  search(plan.words.concat(spelledInHeadings).filter((t) => !common(t)), 'section');
  search(plan.code, 'code');
  return { scores, matches };
}

/** For one question word: whether a sentence holds it, and whether only what surrounds it (title, neighbours, headings) does. */
interface WordTest {
  holds: (sentence: IndexedSentence) => boolean;
  around: (id: number) => boolean;
}

/**
 * The tests coverage makes of every candidate, set up once a question: a sentence holds a word
 * when it matched the word, one of its synonyms (or has it among its nouns), all the word's
 * character bigrams (a compound cut differently: `センター` in `データセンター`), or most of the
 * reading bigrams of what the asker spelled in kana.
 */
function questionWordTests(plan: QueryPlan, matches: Matches): WordTest[] {
  return plan.words.map((word, i) => {
    const holdsWord = matchedTest(matches, word);
    const alternatives = plan.alternatives[i]!.map((alternative) => ({ alternative, matched: matchedTest(matches, alternative) }));
    // Only searched reading bigrams (not the common ones) count: a spelling reads as a word by its rarer sounds.
    const spelled = plan.spelledReadings[i]!.flatMap((bigram) => matches.readings.get(bigram) ?? []);
    const readsAs = (id: number) => spelled.length > 0 && spelled.filter((ids) => ids.has(id)).length >= (spelled.length * 2) / 3;
    const around = [matches.context.get(word), matches.section.get(word), matches.code.get(word)].concat(
      plan.alternatives[i]!.map((alternative) => matches.section.get(alternative)),
    );
    // The word that names the kind of answer (`バージョン` of `何のバージョンから`) is held by an answer of that kind (`3.5+`).
    const namedType = typesNamedBy(word) & plan.expects;
    return {
      holds: (sentence) =>
        holdsWord(sentence.id) ||
        (namedType !== 0 && (sentence.types & namedType) !== 0) ||
        alternatives.some(({ alternative, matched }) => matched(sentence.id) || sentence.nouns.includes(alternative)) ||
        readsAs(sentence.id),
      around: (id) => around.some((ids) => ids?.has(id)),
    };
  });
}

/** Whether the search matched a sentence on the word itself, or on all its character bigrams. */
function matchedTest(matches: Matches, word: string): (id: number) => boolean {
  const asWord = matches.words.get(word);
  const chars = Array.from(word);
  const byBigrams = chars.length < 2 || /^[a-z0-9]/.test(word) ? [] : chars.slice(1).map((char, i) => matches.bigrams.get(chars[i]! + char));
  const allBigrams = byBigrams.length > 0 && byBigrams.every((ids) => ids !== undefined);
  return (id) => asWord?.has(id) || (allBigrams && byBigrams.every((ids) => ids!.has(id)));
}

/**
 * Share of the question's words, weighted by rarity and topic weight, that the sentences hold
 * (any of them: they are read together), or only their neighbours hold (partial credit). A rare
 * noun no sentence has drags it down: that is how a question about something the material never
 * mentions shows.
 */
function questionCoverage(tests: WordTest[], weights: number[], sentences: IndexedSentence[], neighbourCredit: number): number {
  let found = 0;
  let all = 0;
  tests.forEach((test, i) => {
    const weight = weights[i]!;
    if (weight === 0) return;
    all += weight;
    if (sentences.some((sentence) => test.holds(sentence))) found += weight;
    else if (sentences.some((sentence) => test.around(sentence.id))) found += weight * neighbourCredit;
  });
  return all === 0 ? 0 : found / all;
}

function commonTest(index: SearchIndex, limit: Commonness, frequency = index.sentenceFrequency): (term: string) => boolean {
  const cap = Math.max(limit.min, limit.share * index.miniSearch.documentCount);
  return (term) => (frequency.get(term) ?? 0) > cap;
}

/** Character trigrams (of UTF-16 units: both sides are cut the same way). */
function charTrigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= text.length; i++) grams.add(text.slice(i, i + 3));
  return grams;
}

/** Share of `questionGrams` found in `text` (searched in place: slicing the text's own grams makes garbage). */
function phraseShare(questionGrams: Set<string>, text: string): number {
  let found = 0;
  for (const gram of questionGrams) if (text.includes(gram)) found++;
  return questionGrams.size === 0 ? 0 : found / questionGrams.size;
}
