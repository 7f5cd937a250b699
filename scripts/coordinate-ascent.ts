/**
 * Fits the signal weights of `score` by coordinate ascent on mean reciprocal rank (Metzler and
 * Croft, "Linear feature-based models for information retrieval", 2007): one weight at a time,
 * try a few values around it, keep the best, until a round changes nothing. `coverage` stays 1,
 * because only the ratios between weights change a ranking.
 */
import { score, type Signals } from '../src/rank.js';
import type { SignalWeights } from '../src/ranking-config.js';

/** One question's candidates as ranking saw them, and which of them hold a gold answer. */
export interface FitQuestion {
  set: string;
  candidates: { signals: Signals; gold: boolean }[];
}

const DEPTH = 10;
const MAX_ROUNDS = 6;
const FREE: (keyof SignalWeights)[] = ['search', 'phrase', 'answerType', 'quantity', 'code', 'heading', 'restated', 'besideRestated'];

/** 1-based rank of the first gold candidate under `weights` within the first DEPTH (0 if none). */
export function goldRank(question: FitQuestion, weights: SignalWeights): number {
  const scores = question.candidates.map((c) => score(c.signals, weights));
  // The best gold candidate (ties: the earlier, as a stable sort keeps them), then how many outrank it.
  let gold = -1;
  question.candidates.forEach((c, i) => {
    if (c.gold && (gold < 0 || scores[i]! > scores[gold]!)) gold = i;
  });
  if (gold < 0) return 0;
  let rank = 1;
  scores.forEach((s, i) => {
    if (s > scores[gold]! || (s === scores[gold]! && i < gold)) rank++;
  });
  return rank <= DEPTH ? rank : 0;
}

/** hit@1, hit@5 and MRR@10 of `questions` ranked under `weights`. */
export function evaluateRankings(questions: FitQuestion[], weights: SignalWeights): { hit1: number; hit5: number; mrr: number } {
  const ranks = questions.map((q) => goldRank(q, weights));
  const n = Math.max(1, ranks.length);
  return {
    hit1: ranks.filter((r) => r === 1).length / n,
    hit5: ranks.filter((r) => r >= 1 && r <= 5).length / n,
    mrr: ranks.reduce((sum, r) => sum + (r > 0 ? 1 / r : 0), 0) / n,
  };
}

/** Mean over sets (weighted by `setWeights`) of each set's MRR@10. */
export function objective(questions: FitQuestion[], weights: SignalWeights, setWeights: Record<string, number>): number {
  const sums = new Map<string, { rr: number; n: number }>();
  for (const q of questions) {
    const rank = goldRank(q, weights);
    const sum = sums.get(q.set) ?? { rr: 0, n: 0 };
    sum.rr += rank > 0 ? 1 / rank : 0;
    sum.n++;
    sums.set(q.set, sum);
  }
  let total = 0;
  let weightSum = 0;
  for (const [set, { rr, n }] of sums) {
    const w = setWeights[set] ?? 1;
    total += (w * rr) / n;
    weightSum += w;
  }
  return weightSum === 0 ? 0 : total / weightSum;
}

export function coordinateAscent(questions: FitQuestion[], start: SignalWeights, setWeights: Record<string, number>): SignalWeights {
  let weights = { ...start };
  let best = objective(questions, weights, setWeights);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let improved = false;
    for (const name of FREE) {
      const w = weights[name];
      const tries = [0, w * 0.5, w * 0.8, w * 1.25, w * 2, w - 0.05, w + 0.05, w - 0.1, w + 0.1, w + 0.25, w + 0.5].filter((v) => v >= 0);
      for (const value of tries) {
        const trial = { ...weights, [name]: Number(value.toFixed(3)) };
        const result = objective(questions, trial, setWeights);
        // Only a real gain moves a weight: ties would let it drift on noise.
        if (result > best + 1e-6) {
          best = result;
          weights = trial;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return weights;
}
