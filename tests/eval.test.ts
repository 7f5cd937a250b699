import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EvalFileError, evaluate, readEvalFile, type EvalItem, type EvalReport } from '../src/evaluate.js';
import type { Answer, KnowledgeBase } from '../src/index.js';
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
  let kb: KnowledgeBase;
  let items: EvalItem[];
  beforeAll(async () => {
    kb = await openKnowledgeBase();
    items = await readEvalFile(path.join(FIXTURES, floors.file));
    report = await evaluate(kb, items);
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

  it('never repeats a sentence within one answer (the material repeats some, e.g. an author\'s bio)', async () => {
    for (const item of items) {
      const texts = (await kb.ask(item.question)).sentences.map((s) => s.text);
      expect(texts, item.id).toEqual([...new Set(texts)]);
    }
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
    await writeFile(file, '{"id":"a","question":"q","doc":"a.txt","answer_any":["x"],"kind":"fact","doc_alt":"b.txt"}\n');
    await expect(readEvalFile(file)).rejects.toThrow(/bad\.jsonl:1: field "doc_alt"/);
    // A field inside a list is named by its path.
    await writeFile(file, '{"id":"a","question":"q","doc":"a.txt","answer_any":["x", 5],"kind":"fact"}\n');
    await expect(readEvalFile(file)).rejects.toThrow(/bad\.jsonl:1: field "answer_any\.1"/);
    await expect(readEvalFile(file)).rejects.toMatchObject({ name: 'EvalFileError' });
  });

  it('skips blank lines, keeps line numbers, and refuses a file without questions or that cannot be read', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'q.jsonl');
    const line = (id: string) => JSON.stringify({ id, question: `q${id}`, doc: null, answer_any: [], kind: 'x' });
    await writeFile(file, `\n${line('a')}\n  \n${line('b')}\n`);
    expect((await readEvalFile(file)).map((i) => i.id)).toEqual(['a', 'b']);
    await writeFile(file, `${line('a')}\n\n{`);
    await expect(readEvalFile(file)).rejects.toThrow(/q\.jsonl:3: not valid JSON/);
    await writeFile(file, '\n \n');
    await expect(readEvalFile(file)).rejects.toThrow(EvalFileError);
    await expect(readEvalFile(file)).rejects.toThrow(/q\.jsonl: no questions in the file/);
    await expect(readEvalFile(path.join(dir, 'missing.jsonl'))).rejects.toThrow(/missing\.jsonl: cannot read \(ENOENT/);
  });
});

describe('evaluate (the scorer itself)', () => {
  const answered = (text: string, docIds: string[]): Answer => ({
    status: 'answered',
    text,
    // As the core writes them: one sentence a line, each followed by its marker.
    sentences: text.split('\n').map((line) => ({ text: line.replace(/ \[\d+\]$/, ''), cite: Number(/\[(\d+)\]$/.exec(line)![1]) })),
    citations: docIds.map((docId, i) => ({ n: i + 1, docId, title: docId, line: 1, quote: text })),
    closest: [],
    tookMs: 0,
  });
  const refused: Answer = { status: 'not_found', text: '資料の中に該当する情報が見つかりませんでした。', sentences: [], citations: [], closest: [], tookMs: 0 };
  const item = (id: string, kind: string, doc: string | null, answer_any: string[], doc_alt?: string[]): EvalItem => ({ id, question: id, doc, answer_any, kind, ...(doc_alt && { doc_alt }) });

  // Each question is answered by canned text, so every rate below is known exactly.
  const cases: [EvalItem, Answer][] = [
    [item('hit', 'fact', 'a.txt', ['44歳']), answered('現在44歳。 [1]\n次男。 [2]', ['a.txt', 'a.txt'])],
    [item('miss', 'fact', 'a.txt', ['CSIS']), answered('関係のない文。 [1]', ['b.txt'])],
    [item('alt-doc', 'fact', 'a.txt', ['降下訓練', '訓練'], ['c.txt']), answered('陸自の訓練に参加。 [1]', ['c.txt'])],
    [item('right-text-wrong-doc', 'fact', 'a.txt', ['2025年']), answered('2025年に就任。 [1]', ['b.txt'])],
    [item('wrong-refusal', 'number', 'a.txt', ['44歳']), refused],
    [item('right-refusal', 'unanswerable', null, []), refused],
    [item('right-refusal-2', 'unanswerable', null, []), refused],
    [item('answered-unanswerable', 'unanswerable', null, []), answered('それらしい文。 [1]', ['a.txt'])],
  ];
  const stub = { ask: async (question: string) => cases.find(([i]) => i.question === question)![1] } as unknown as KnowledgeBase;

  it('asks a follow-up with its thread, and scores the same question asked in full beside it', async () => {
    const followUp: EvalItem = { ...item('then', 'follow-up', 'a.txt', ['44歳']), context: ['誰が長官？'], full: '長官は何歳？' };
    const other = item('hit', 'fact', 'a.txt', ['44歳']);
    const asked: [string, readonly string[] | undefined][] = [];
    const threaded = {
      ask: async (question: string, options?: { context?: readonly string[] }) => {
        asked.push([question, options?.context]);
        // Only with its thread does the follow-up find the answer; the full question finds it alone.
        if (question === 'then') return options?.context ? answered('現在44歳。 [1]', ['a.txt']) : refused;
        return answered('現在44歳。 [1]', ['a.txt']);
      },
    } as unknown as KnowledgeBase;
    const report = await evaluate(threaded, [followUp, other]);
    expect(asked).toEqual([['then', ['誰が長官？']], ['長官は何歳？', undefined], ['hit', undefined]]);
    expect(report.items.map((r) => [r.id, r.answerHit, r.fullAnswerHit])).toEqual([['then', true, true], ['hit', true, undefined]]);
    expect(report.overall.fullAnswerHit).toBe(1);
    expect(report.byKind['follow-up']!.fullAnswerHit).toBe(1);
    expect('fullAnswerHit' in report.byKind.fact!).toBe(false);
  });

  it('counts a question asked in full that misses against the full-question rate', async () => {
    const found: EvalItem = { ...item('found', 'follow-up', 'a.txt', ['44歳']), context: ['誰が長官？'], full: '長官は何歳？' };
    const lost: EvalItem = { ...item('lost', 'follow-up', 'a.txt', ['44歳']), context: ['誰が長官？'], full: '長官の年齢は？' };
    const kb = { ask: async (question: string) => (question === '長官の年齢は？' ? refused : answered('現在44歳。 [1]', ['a.txt'])) } as unknown as KnowledgeBase;
    const report = await evaluate(kb, [found, lost]);
    expect(report.items.map((r) => [r.id, r.answerHit, r.fullAnswerHit])).toEqual([['found', true, true], ['lost', true, false]]);
    expect(report.overall.fullAnswerHit).toBe(1 / 2);
    expect(report.byKind['follow-up']!.fullAnswerHit).toBe(1 / 2);
  });

  it('scores hits, misses, right and wrong refusals and doc_alt exactly', async () => {
    const report = await evaluate(stub, cases.map(([i]) => i));
    // Answerable: hit, miss, alt-doc, right-text-wrong-doc, wrong-refusal.
    // First sentences: hit, alt-doc and right-text-wrong-doc lead with the gold text; the four answers hold 5 sentences.
    expect(report.overall).toEqual({ n: 8, answerHit: 3 / 5, firstHit: 3 / 5, sentencesPerAnswer: 5 / 4, docHit: 2 / 5, abstention: 2 / 3, falseAbstention: 1 / 5 });
    expect(report.byKind).toEqual({
      fact: { n: 4, answerHit: 3 / 4, firstHit: 3 / 4, sentencesPerAnswer: 5 / 4, docHit: 2 / 4, abstention: 0, falseAbstention: 0 },
      number: { n: 1, answerHit: 0, firstHit: 0, sentencesPerAnswer: 0, docHit: 0, abstention: 0, falseAbstention: 1 },
      unanswerable: { n: 3, answerHit: 0, firstHit: 0, sentencesPerAnswer: 0, docHit: 0, abstention: 2 / 3, falseAbstention: 0 },
    });
    expect(report.items.map((r) => [r.id, r.status, r.answerHit, r.docHit, r.citedDocs])).toEqual([
      ['hit', 'answered', true, true, ['a.txt']],
      ['miss', 'answered', false, false, ['b.txt']],
      ['alt-doc', 'answered', true, true, ['c.txt']],
      ['right-text-wrong-doc', 'answered', true, false, ['b.txt']],
      ['wrong-refusal', 'not_found', false, false, []],
      ['right-refusal', 'not_found', false, false, []],
      ['right-refusal-2', 'not_found', false, false, []],
      ['answered-unanswerable', 'answered', false, false, ['a.txt']],
    ]);
  });
});
