/**
 * Scores the bot on a question file (JSON lines in the format of tests/fixtures/seed-qa.dev.jsonl):
 * answer hit, first-sentence hit, sentences per answer, document hit, abstention and false
 * abstention, overall and per kind.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { KnowledgeBase } from './knowledge-base.js';
import type { Answer } from './types.js';

const evalItemSchema = z.object({
  id: z.string(),
  question: z.string(),
  doc: z.string().nullable(),
  doc_alt: z.array(z.string()).optional(),
  answer_any: z.array(z.string()),
  kind: z.string(),
  /** A follow-up's thread: the questions asked before it, oldest first. */
  context: z.array(z.string()).optional(),
  /** The follow-up asked as a full question, to compare with. */
  full: z.string().optional(),
});
export type EvalItem = z.infer<typeof evalItemSchema>;

export interface EvalScores {
  n: number;
  answerHit: number;
  /** The answer's first sentence (what a user reads first) holds a gold answer. */
  firstHit: number;
  /** Mean number of sentences of the answers given to answerable questions. */
  sentencesPerAnswer: number;
  docHit: number;
  abstention: number;
  falseAbstention: number;
  /** Follow-ups only: answer hit of the same questions asked in full, standing alone. */
  fullAnswerHit?: number;
}

export interface EvalItemResult {
  id: string;
  kind: string;
  question: string;
  status: Answer['status'];
  answerHit: boolean;
  firstHit: boolean;
  sentences: number;
  docHit: boolean;
  citedDocs: string[];
  fullAnswerHit?: boolean;
}

export interface EvalReport {
  overall: EvalScores;
  byKind: Record<string, EvalScores>;
  items: EvalItemResult[];
}

/** A question file that cannot be scored; the message names the file, line and problem. */
export class EvalFileError extends Error {
  override name = 'EvalFileError';
}

/** Parses a question file; throws with the line number and problem of the first bad line. */
export async function readEvalFile(file: string): Promise<EvalItem[]> {
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new EvalFileError(`${file}: cannot read (${error.message})`);
  });
  const items: EvalItem[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new EvalFileError(`${file}:${i + 1}: not valid JSON`);
    }
    const parsed = evalItemSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new EvalFileError(`${file}:${i + 1}: field "${issue.path.join('.')}": ${issue.message}`);
    }
    items.push(parsed.data);
  });
  if (items.length === 0) throw new EvalFileError(`${file}: no questions in the file`);
  return items;
}

export async function evaluate(kb: KnowledgeBase, items: EvalItem[]): Promise<EvalReport> {
  const results: EvalItemResult[] = [];
  for (const item of items) {
    const answer = await kb.ask(item.question, { context: item.context });
    const holdsGold = (text: string) => item.answer_any.some((a) => text.includes(a));
    const citedDocs = [...new Set(answer.citations.map((c) => c.docId))];
    const expectedDocs = item.doc ? [item.doc, ...(item.doc_alt ?? [])] : [];
    results.push({
      id: item.id,
      kind: item.kind,
      question: item.question,
      status: answer.status,
      answerHit: holdsGold(answer.text),
      firstHit: holdsGold(answer.sentences[0]?.text ?? ''),
      sentences: answer.sentences.length,
      docHit: citedDocs.some((d) => expectedDocs.includes(d)),
      citedDocs,
      ...(item.full === undefined ? {} : { fullAnswerHit: holdsGold((await kb.ask(item.full)).text) }),
    });
  }
  const byKind: Record<string, EvalScores> = {};
  for (const kind of new Set(results.map((r) => r.kind))) byKind[kind] = score(results.filter((r) => r.kind === kind), items);
  return { overall: score(results, items), byKind, items: results };
}

/** Rates as fractions 0..1; answer and document hits over answerable questions only. */
function score(results: EvalItemResult[], items: EvalItem[]): EvalScores {
  const answerable = results.filter((r) => items.find((i) => i.id === r.id)?.doc !== null);
  const unanswerable = results.filter((r) => !answerable.includes(r));
  const rate = (part: EvalItemResult[], all: EvalItemResult[]) => (all.length === 0 ? 0 : part.length / all.length);
  const answered = answerable.filter((r) => r.status === 'answered');
  const withFull = answerable.filter((r) => r.fullAnswerHit !== undefined);
  return {
    n: results.length,
    answerHit: rate(answerable.filter((r) => r.answerHit), answerable),
    firstHit: rate(answerable.filter((r) => r.firstHit), answerable),
    sentencesPerAnswer: answered.length === 0 ? 0 : answered.reduce((sum, r) => sum + r.sentences, 0) / answered.length,
    docHit: rate(answerable.filter((r) => r.docHit), answerable),
    abstention: rate(unanswerable.filter((r) => r.status === 'not_found'), unanswerable),
    falseAbstention: rate(answerable.filter((r) => r.status === 'not_found'), answerable),
    ...(withFull.length === 0 ? {} : { fullAnswerHit: rate(withFull.filter((r) => r.fullAnswerHit), withFull) }),
  };
}
