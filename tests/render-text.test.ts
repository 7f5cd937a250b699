/** What the CLI prints for an answer and a reindex, and the pieces adapters share (src/render-text.ts). */
import { describe, expect, it } from 'vitest';
import type { RankedSentence } from '../src/rank.js';
import { answerToText, citationTitle, explainToText, reindexReportToText, sentenceParts } from '../src/render-text.js';
import type { Answer, Citation, ReindexReport } from '../src/types.js';

const citation: Citation = { n: 1, docId: 'guide/server.md', title: 'サーバー', line: 12, quote: 'ポートは 5173 です。' };

describe('citationTitle', () => {
  it('names the section after the title when there is one', () => {
    expect(citationTitle(citation)).toBe('サーバー');
    expect(citationTitle({ ...citation, section: 'オプション › server.port' })).toBe('サーバー › オプション › server.port');
  });
});

describe('sentenceParts', () => {
  it('cuts a sentence into text, code and the answer, in order, and covers it whole', () => {
    const text = '既定では `port` は 5173 です。';
    const parts = sentenceParts({ text, cite: 1, code: [[5, 11]], answer: [14, 18] });
    expect(parts).toEqual([
      { text: '既定では ', code: false, answer: false },
      { text: '`port`', code: true, answer: false },
      { text: ' は ', code: false, answer: false },
      { text: '5173', code: false, answer: true },
      { text: ' です。', code: false, answer: false },
    ]);
  });

  it('orders the spans by where they start, whatever order they are given in', () => {
    const parts = sentenceParts({ text: 'a b c', cite: 1, code: [[4, 5], [0, 1]] });
    expect(parts.map((p) => p.text)).toEqual(['a', ' b ', 'c']);
    expect(parts.map((p) => p.code)).toEqual([true, false, true]);
  });

  it('does not mark an answer that overlaps code, and leaves a sentence with neither whole', () => {
    const overlapping = sentenceParts({ text: 'x = 5173 です', cite: 1, code: [[0, 8]], answer: [4, 8] });
    expect(overlapping.some((p) => p.answer)).toBe(false);
    expect(overlapping.map((p) => p.text).join('')).toBe('x = 5173 です');
    // An answer touching the end of code, not overlapping it, is marked.
    expect(sentenceParts({ text: 'ab12', cite: 1, code: [[0, 2]], answer: [2, 4] }).at(-1)).toEqual({ text: '12', code: false, answer: true });
    expect(sentenceParts({ text: '平文です。', cite: 1 })).toEqual([{ text: '平文です。', code: false, answer: false }]);
  });

  it('marks an answer that code follows or that only one of several code spans overlaps accordingly', () => {
    // Code starting where the answer ends does not overlap it.
    expect(sentenceParts({ text: '12ab', cite: 1, code: [[2, 4]], answer: [0, 2] })[0]).toEqual({ text: '12', code: false, answer: true });
    expect(sentenceParts({ text: '12 ab', cite: 1, code: [[3, 5]], answer: [0, 2] })[0]).toEqual({ text: '12', code: false, answer: true });
    // One span of two overlapping is enough to leave the answer unmarked.
    expect(sentenceParts({ text: 'a b 5173', cite: 1, code: [[0, 1], [4, 8]], answer: [5, 8] }).some((p) => p.answer)).toBe(false);
  });
});

describe('answerToText', () => {
  const answered: Answer = {
    status: 'answered',
    text: 'ポートは 5173 です。[1]',
    sentences: [],
    citations: [citation, { ...citation, n: 2, docId: 'guide/cli.md', title: 'CLI', section: 'オプション', line: 3, url: 'https://example.org/guide/cli#options' }],
    closest: [],
    tookMs: 42,
  };

  it('prints the answer, each source with where it is and its address, then the time taken', () => {
    expect(answerToText(answered).split('\n')).toEqual([
      'ポートは 5173 です。[1]',
      '',
      '出典 (sources):',
      '[1] サーバー — guide/server.md:12',
      '[2] CLI › オプション — guide/cli.md:3',
      '    https://example.org/guide/cli#options',
      '',
      '(42 ms)',
    ]);
  });

  it('prints the closest documents when nothing answers, and neither list when there are none', () => {
    const notFound: Answer = { ...answered, status: 'not_found', text: '見つかりませんでした。', citations: [], closest: [{ docId: 'guide/server.md', title: 'サーバー' }] };
    expect(answerToText(notFound).split('\n')).toEqual(['見つかりませんでした。', '', '近い資料 (closest documents):', '- サーバー — guide/server.md', '', '(42 ms)']);
    expect(answerToText({ ...notFound, closest: [] }).split('\n')).toEqual(['見つかりませんでした。', '', '(42 ms)']);
  });
});

describe('reindexReportToText', () => {
  const report: ReindexReport = { documents: 3, sentences: 40, analyzed: 1, reused: 2, skipped: [], tookMs: 250, builtAt: '2026-01-01T00:00:00.000Z', joined: false };

  it('says what was indexed, and each file skipped with its reason', () => {
    expect(reindexReportToText(report)).toBe('Indexed 3 documents (1 analyzed anew, 2 unchanged), 40 sentences in 250 ms.');
    const skipped = { ...report, skipped: [{ file: 'broken.pdf', reason: 'unsupported type' }, { file: 'big.md', reason: 'too large' }] };
    expect(reindexReportToText(skipped).split('\n')).toEqual([
      'Indexed 3 documents (1 analyzed anew, 2 unchanged), 40 sentences in 250 ms.',
      'Skipped 2 file(s):',
      '- broken.pdf: unsupported type',
      '- big.md: too large',
    ]);
  });
});

describe('explainToText', () => {
  const ranked = [
    { sentence: { docId: 'a.md', line: 3, text: '灯台は1923年に建てられた。' }, score: 1.2345, coverage: 1, signals: { search: 1, code: 0.5 } },
    { sentence: { docId: 'b.md', line: 7, text: '灯台は白い。' }, score: 0.5, coverage: 0.5, signals: { search: 0.25, code: 0 } },
  ] as unknown as RankedSentence[];
  const refusal = { coverage: 0.5, namesAbsent: true, namesAbsentName: true, lacksQuantity: false, bestHoldsNamedCode: false };

  it('prints the decision, then a header of every signal and a numbered line a candidate, in columns', () => {
    expect(explainToText({ ranked, refusal, refused: true }).split('\n')).toEqual([
      'refusal: refused (best coverage 0.50, names something absent: true (a name), lacks the number asked for: false, holds the code asked about: false)',
      '  #  score search  code  sentence',
      '  1  1.234   1.00  0.50  a.md:3 灯台は1923年に建てられた。',
      '  2  0.500   0.25  0.00  b.md:7 灯台は白い。',
    ]);
  });

  it('stops at the limit, and prints no signal columns when there is no candidate', () => {
    expect(explainToText({ ranked, refusal: { ...refusal, namesAbsentName: false }, refused: false }, 1).split('\n')).toEqual([
      'refusal: answered (best coverage 0.50, names something absent: true, lacks the number asked for: false, holds the code asked about: false)',
      '  #  score search  code  sentence',
      '  1  1.234   1.00  0.50  a.md:3 灯台は1923年に建てられた。',
    ]);
    expect(explainToText({ ranked: [], refusal, refused: true }).split('\n')[1]).toBe('  #  score   sentence');
  });
});
