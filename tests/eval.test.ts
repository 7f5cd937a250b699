import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, readEvalFile, type EvalReport } from '../src/evaluate.js';
import { openKnowledgeBase, tempDir } from './helpers.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');

/**
 * Quality floors, a little under what was measured. `seed-qa.dev.jsonl` is the shared dev set;
 * `heldout-qa.jsonl` was written by three helper sessions from the corpus alone (h: first used to
 * find weaknesses; g and k: measured once before any change they prompted, see README).
 */
/**
 * Answer-hit floors were lowered when answers stopped padding (2.97 sentences an answer before,
 * in reading order, so the first line was the answer 41% of the time on the dev set): the
 * answer now leads with the best sentence, and firstHit and sentencesPerAnswer are floored instead.
 */
describe.each([
  // Measured: answer hit 84.6%, first sentence 66.7%, 1.67 sentences, document hit 100%, abstention 100%, false abstention 0%.
  { file: 'seed-qa.dev.jsonl', n: 44, answerHit: 0.82, firstHit: 0.64, sentencesPerAnswer: 1.8, docHit: 0.95, abstention: 0.8, falseAbstention: 0.05 },
  // Measured: answer hit 78.6%, first sentence 67.5%, 1.59 sentences, document hit 94.9%, abstention 23.1%, false abstention 5.1%.
  { file: 'heldout-qa.jsonl', n: 130, answerHit: 0.77, firstHit: 0.66, sentencesPerAnswer: 1.8, docHit: 0.93, abstention: 0.2, falseAbstention: 0.06 },
])('evaluation on $file (bundled corpus)', (floors) => {
  let report: EvalReport;
  beforeAll(async () => {
    report = await evaluate(await openKnowledgeBase(), await readEvalFile(path.join(FIXTURES, floors.file)));
  });

  it('meets the quality floors', () => {
    const { overall } = report;
    expect(overall.n).toBe(floors.n);
    expect(overall.answerHit).toBeGreaterThanOrEqual(floors.answerHit);
    expect(overall.firstHit).toBeGreaterThanOrEqual(floors.firstHit);
    expect(overall.sentencesPerAnswer).toBeLessThanOrEqual(floors.sentencesPerAnswer);
    expect(overall.docHit).toBeGreaterThanOrEqual(floors.docHit);
    expect(overall.abstention).toBeGreaterThanOrEqual(floors.abstention);
    expect(overall.falseAbstention).toBeLessThanOrEqual(floors.falseAbstention);
  });

  it('reports every kind and every item', () => {
    expect(Object.keys(report.byKind)).toEqual(expect.arrayContaining(['fact', 'english', 'unanswerable']));
    expect(report.items).toHaveLength(floors.n);
  });
});

/**
 * Follow-ups (`followup-seed-qa.jsonl`, written by a helper session from the corpus alone; first
 * measured at 70.6% answer hit against 79.4% for the same questions asked in full, then 64.7%
 * against 67.6% once answers stopped padding the best sentence with two others).
 */
describe('follow-up questions in a thread (bundled corpus)', () => {
  let report: EvalReport;
  beforeAll(async () => {
    report = await evaluate(await openKnowledgeBase(), await readEvalFile(path.join(FIXTURES, 'followup-seed-qa.jsonl')));
  });

  it('are answered within 10 points of the same questions asked in full', () => {
    const { answerHit, fullAnswerHit } = report.overall;
    expect(report.overall.n).toBe(34);
    expect(answerHit).toBeGreaterThanOrEqual(0.6);
    expect(answerHit).toBeGreaterThanOrEqual(fullAnswerHit! - 0.1);
  });
});

describe('readEvalFile', () => {
  it('names the line and field of a malformed file', async () => {
    const file = path.join(await tempDir(), 'bad.jsonl');
    await writeFile(file, '{"id":"a","question":"q","doc":null,"answer_any":[],"kind":"x"}\n{"id":"b","question":3}\n');
    await expect(readEvalFile(file)).rejects.toThrow(/bad\.jsonl:2: field "question"/);
    await writeFile(file, 'not json\n');
    await expect(readEvalFile(file)).rejects.toThrow(/bad\.jsonl:1: not valid JSON/);
  });
});
