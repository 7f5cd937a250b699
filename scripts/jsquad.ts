/**
 * JSQuAD (SQuAD v1.1 JSON) as a retrieval benchmark: parsing, writing the paragraphs as a corpus
 * the bot can load, the MiniSearch baselines, and the one scoring used for every system.
 * Shared by scripts/bench-jsquad.ts and tests/bench-jsquad.test.ts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { z } from 'zod';
import type { CoreConfig } from '../src/index.js';
import { loadCorpus } from '../src/load.js';
import { splitUnits } from '../src/units.js';
import { percentile } from './percentile.js';

export interface JsquadParagraph {
  /** `a003-p012`: article and paragraph ordinals; the corpus file is `a003-p012.txt`. */
  id: string;
  title: string;
  text: string;
}

export interface JsquadQuestion {
  id: string;
  question: string;
  /** Distinct gold answer texts. */
  answers: string[];
  paragraphId: string;
}

export interface Jsquad {
  paragraphs: JsquadParagraph[];
  questions: JsquadQuestion[];
}

const squadSchema = z.object({
  data: z.array(
    z.object({
      title: z.string(),
      paragraphs: z.array(
        z.object({
          context: z.string(),
          qas: z.array(z.object({ id: z.string(), question: z.string(), answers: z.array(z.object({ text: z.string() })) })),
        }),
      ),
    }),
  ),
});

/** Each context is `TITLE [SEP] paragraph`; a context without the separator is all paragraph. */
const SEPARATOR = ' [SEP] ';

export function parseJsquad(json: string): Jsquad {
  const { data } = squadSchema.parse(JSON.parse(json));
  const paragraphs: JsquadParagraph[] = [];
  const questions: JsquadQuestion[] = [];
  const pad = (n: number) => String(n).padStart(3, '0');
  data.forEach((article, a) =>
    article.paragraphs.forEach(({ context, qas }, p) => {
      const id = `a${pad(a)}-p${pad(p)}`;
      const cut = context.indexOf(SEPARATOR);
      const title = cut < 0 ? article.title : context.slice(0, cut).trim();
      paragraphs.push({ id, title, text: context.slice(cut < 0 ? 0 : cut + SEPARATOR.length).trim() });
      for (const qa of qas) {
        const answers = [...new Set(qa.answers.map((x) => x.text).filter((t) => t !== ''))];
        if (answers.length > 0) questions.push({ id: qa.id, question: qa.question, answers, paragraphId: id });
      }
    }),
  );
  return { paragraphs, questions };
}

/** The corpus path (= the bot's docId) of a paragraph; copy n > 0 is a duplicate in `copyN/`. */
export function paragraphFile(paragraphId: string, copy = 0): string {
  return copy === 0 ? `${paragraphId}.txt` : `copy${copy}/${paragraphId}.txt`;
}

/**
 * Writes every paragraph as a `.txt` file (title on the first line, then the text), `copies` times.
 * A copy's title is numbered, so each copy is another document: a build analyzes every copy, as it
 * would that much distinct material, instead of reusing the first one's analyses.
 */
export async function writeCorpus(set: Jsquad, dir: string, copies = 1): Promise<void> {
  for (let copy = 0; copy < copies; copy++) {
    await mkdir(path.join(dir, path.dirname(paragraphFile('', copy))), { recursive: true });
    const title = (p: JsquadParagraph) => (copy === 0 ? p.title : `${p.title} ${copy}`);
    await Promise.all(set.paragraphs.map((p) => writeFile(path.join(dir, paragraphFile(p.id, copy)), `${title(p)}\n${p.text}\n`)));
  }
}

/** A retrieved sentence: where it comes from and what it says. */
export interface Retrieved {
  docId: string;
  text: string;
}

/** Any system under test: a question in, sentences out, best first. */
export type Search = (question: string) => readonly Retrieved[];

/**
 * Scores one ranking. `answerRank` is the 1-based rank of the first sentence within the top
 * `depth` that comes from the gold paragraph and contains a gold answer (0 when none does);
 * `paraHit5` says whether any top-5 sentence comes from the gold paragraph.
 */
export function scoreRanking(ranked: readonly Retrieved[], goldDocId: string, answers: readonly string[], depth = 10): { answerRank: number; paraHit5: boolean } {
  const top = ranked.slice(0, depth);
  const index = top.findIndex((s) => s.docId === goldDocId && answers.some((a) => s.text.includes(a)));
  return { answerRank: index + 1, paraHit5: top.slice(0, 5).some((s) => s.docId === goldDocId) };
}

export interface Metrics {
  questions: number;
  /** Rates are fractions (0..1). */
  hit1: number;
  hit5: number;
  mrr10: number;
  paraHit5: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** Asks every question through `search`, timing each call, and scores the rankings with `scoreRanking`. */
const WARM_UP = 200;

export function measure(questions: readonly JsquadQuestion[], search: Search): Metrics {
  let hit1 = 0;
  let hit5 = 0;
  let reciprocal = 0;
  let paraHit5 = 0;
  const times: number[] = [];
  // Every system gets the same untimed warm-up, so latency is of compiled code, not of the JIT.
  for (const q of questions.slice(0, WARM_UP)) search(q.question);
  for (const q of questions) {
    const startedAt = performance.now();
    const ranked = search(q.question);
    times.push(performance.now() - startedAt);
    const score = scoreRanking(ranked, paragraphFile(q.paragraphId), q.answers);
    if (score.answerRank === 1) hit1++;
    if (score.answerRank >= 1 && score.answerRank <= 5) hit5++;
    if (score.answerRank >= 1) reciprocal += 1 / score.answerRank;
    if (score.paraHit5) paraHit5++;
  }
  const n = Math.max(1, questions.length);
  times.sort((a, b) => a - b);
  return {
    questions: questions.length,
    hit1: hit1 / n,
    hit5: hit5 / n,
    mrr10: reciprocal / n,
    paraHit5: paraHit5 / n,
    p50Ms: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    p99Ms: percentile(times, 0.99),
  };
}

/** Nearest-rank percentile of ascending `sorted`. */

/** Share of questions whose answer lies inside one sentence of the gold paragraph: no system can beat it. */
export function answerCeiling(questions: readonly JsquadQuestion[], sentences: readonly Retrieved[]): number {
  const byDoc = new Map<string, Retrieved[]>();
  for (const s of sentences) {
    const list = byDoc.get(s.docId);
    if (list) list.push(s);
    else byDoc.set(s.docId, [s]);
  }
  const reachable = questions.filter((q) => (byDoc.get(paragraphFile(q.paragraphId)) ?? []).some((s) => q.answers.some((a) => s.text.includes(a))));
  return reachable.length / Math.max(1, questions.length);
}

/** The sentences the bot indexes, from its own loader and splitter with the bot's settings. */
export async function loadSentences(config: CoreConfig): Promise<Retrieved[]> {
  const { documents } = await loadCorpus(config.corpusDir, config.maxFileBytes);
  return documents.flatMap((doc) => splitUnits(doc, config.maxSentenceChars).map(({ unit: { docId, text } }) => ({ docId, text })));
}

export type Tokenize = (text: string) => string[];

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

/** `Intl.Segmenter('ja')` words: word-like segments only, lower-cased. */
export const segmenterTokenize: Tokenize = (text) =>
  Array.from(segmenter.segment(text))
    .filter((s) => s.isWordLike)
    .map((s) => s.segment.toLowerCase());

/** A MiniSearch baseline over `sentences` (field `text`): default options, or the given tokenizer. */
export function miniSearchBaseline(sentences: readonly Retrieved[], tokenize?: Tokenize, depth = 10): Search {
  const miniSearch = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], ...(tokenize && { tokenize }) });
  miniSearch.addAll(sentences.map(({ text }, id) => ({ id, text })));
  return (question) =>
    miniSearch
      .search(question)
      .slice(0, depth)
      .map((result) => sentences[result.id as number]!);
}
