/** The fitting of score's weights (scripts/coordinate-ascent.ts), on questions made up for it. */
import { describe, expect, it } from 'vitest';
import { coordinateAscent, evaluateRankings, goldRank, type FitQuestion } from '../scripts/coordinate-ascent.js';
import { DEFAULT_RANKING_CONFIG, type Signals } from '../src/index.js';

const none: Signals = { search: 0, coverage: 0, phrase: 0, answerType: 0, quantity: 0, code: 0, heading: 0, restated: 0, besideRestated: 0, pointer: 0, label: 0, alreadyAnswered: 0 };
const weights = DEFAULT_RANKING_CONFIG.weights;

/** The gold candidate has the answer type; a decoy covers slightly more of the question. */
const typed = (): FitQuestion => ({
  set: 'made-up',
  candidates: [
    { signals: { ...none, coverage: 0.8, search: 1 }, gold: false },
    { signals: { ...none, coverage: 0.7, search: 0.9, answerType: 1 }, gold: true },
  ],
});

describe('goldRank', () => {
  it('is the rank of the best gold candidate under the weights, 0 when none is gold', () => {
    expect(goldRank(typed(), { ...weights, answerType: 0 })).toBe(2);
    expect(goldRank(typed(), { ...weights, answerType: 0.5 })).toBe(1);
    expect(goldRank({ set: 'x', candidates: [{ signals: none, gold: false }] }, weights)).toBe(0);
  });

  it('breaks ties by the order ranking gave', () => {
    const tie: FitQuestion = { set: 'x', candidates: [{ signals: none, gold: false }, { signals: none, gold: true }] };
    expect(goldRank(tie, weights)).toBe(2);
  });
});

describe('coordinateAscent', () => {
  it('raises a weight until the signal that marks the answers puts them first', () => {
    const questions = Array.from({ length: 5 }, typed);
    const start = { ...weights, answerType: 0 };
    expect(evaluateRankings(questions, start).hit1).toBe(0);
    const fitted = coordinateAscent(questions, start, {});
    expect(fitted.answerType).toBeGreaterThan(0.1);
    expect(evaluateRankings(questions, fitted).hit1).toBe(1);
    expect(fitted.coverage).toBe(weights.coverage);
  });

  it('leaves the weights alone when nothing improves', () => {
    const questions = Array.from({ length: 3 }, typed);
    const good = { ...weights, answerType: 1 };
    expect(coordinateAscent(questions, good, {})).toEqual(good);
  });
});
