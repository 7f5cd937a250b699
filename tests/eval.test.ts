import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, readEvalFile, type EvalReport } from '../src/evaluate.js';
import { openKnowledgeBase, tempDir } from './helpers.js';

const DEV_QUESTIONS = path.join(import.meta.dirname, 'fixtures', 'seed-qa.dev.jsonl');

describe('evaluation on the dev questions (bundled corpus)', () => {
  let report: EvalReport;
  beforeAll(async () => {
    report = await evaluate(await openKnowledgeBase(), await readEvalFile(DEV_QUESTIONS));
  });

  it('meets the quality floors', () => {
    const { overall } = report;
    expect(overall.n).toBe(44);
    // Measured: answer hit 92.3%, document hit 100%, abstention 100%, false abstention 0%.
    expect(overall.answerHit).toBeGreaterThanOrEqual(0.9);
    expect(overall.docHit).toBeGreaterThanOrEqual(0.95);
    expect(overall.abstention).toBeGreaterThanOrEqual(0.8);
    expect(overall.falseAbstention).toBeLessThanOrEqual(0.05);
  });

  it('reports every kind and every item', () => {
    expect(Object.keys(report.byKind)).toEqual(expect.arrayContaining(['fact', 'english', 'unanswerable']));
    expect(report.items).toHaveLength(44);
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
