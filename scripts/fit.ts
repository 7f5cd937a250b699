/**
 * Fits the weights of `score` (src/ranking-config.ts) instead of tuning them by hand:
 *
 *   npm run fit -- [--folds 5] <jsquad.json> [<corpus-dir>=<questions.jsonl> …]
 *
 * Each question is ranked once, with phrase scores for every candidate so its signals do not
 * depend on the weights; coordinate ascent (scripts/coordinate-ascent.ts) then re-ranks the
 * candidates under trial weights. The objective is MRR@10, half JSQuAD and half the dev sets
 * (each dev set an equal share), so 4,442 reading-comprehension questions do not drown the
 * documentation ones. JSQuAD is cut by article into k folds: each fold is ranked with weights
 * fitted on the others plus the dev sets, and the held-out figures are printed. Last, the fit on
 * everything: those are the weights to commit.
 */
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_RANKING_CONFIG, KnowledgeBase, loadCoreConfig, rankingConfig, type SignalWeights } from '../src/index.js';
import { readEvalFile } from '../src/evaluate.js';
import { coordinateAscent, evaluateRankings, objective, type FitQuestion } from './coordinate-ascent.js';
import { table } from './table.js';
import { paragraphFile, parseJsquad, writeCorpus } from './jsquad.js';

const { values, positionals } = parseArgs({ options: { folds: { type: 'string', default: '5' } }, allowPositionals: true });
const [jsquadFile, ...devSets] = positionals;
if (!jsquadFile) {
  console.error('Usage: npm run fit -- [--folds 5] <jsquad.json> [<corpus-dir>=<questions.jsonl> …]');
  process.exit(2);
}
const folds = Number(values.folds);
// Every candidate gets its phrase signal, so a candidate's signals do not depend on the weights.
const RANKING = rankingConfig({ phraseDepth: Number.MAX_SAFE_INTEGER });

const work = await mkdtemp(path.join(tmpdir(), 'fit-'));
try {
  const set = parseJsquad(await readFile(jsquadFile, 'utf8'));
  const corpusDir = path.join(work, 'jsquad');
  await writeCorpus(set, corpusDir);
  const jsquadKb = await KnowledgeBase.open(loadCoreConfig({ ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: path.join(work, 'index') }), { ranking: RANKING });
  const article = (paragraphId: string) => Number(/^a(\d+)/.exec(paragraphId)![1]);
  const jsquad = set.questions.map((q) => ({
    fold: article(q.paragraphId) % folds,
    question: rankedQuestion(jsquadKb, 'jsquad', q.question, (docId, text) => docId === paragraphFile(q.paragraphId) && q.answers.some((a) => text.includes(a))),
  }));
  progress(`JSQuAD: ${jsquad.length} questions ranked`);
  const dev: FitQuestion[] = [];
  for (const [i, spec] of devSets.entries()) {
    const [corpus, questions] = spec.split('=');
    const kb = await KnowledgeBase.open(loadCoreConfig({ ...process.env, CORPUS_DIR: corpus, INDEX_DIR: path.join(work, `dev-${i}`) }), { ranking: RANKING });
    for (const item of await readEvalFile(questions!)) {
      if (item.doc === null) continue;
      const docs = [item.doc, ...(item.doc_alt ?? [])];
      dev.push(rankedQuestion(kb, path.basename(questions!), item.question, (docId, text) => docs.includes(docId) && item.answer_any.some((a) => text.includes(a))));
    }
    progress(`${questions}: ranked`);
  }
  const devSetNames = [...new Set(dev.map((q) => q.set))];
  // Half the objective is JSQuAD, the other half the dev sets in equal shares.
  const setWeights = Object.fromEntries([['jsquad', 1], ...devSetNames.map((name) => [name, 1 / Math.max(1, devSetNames.length)])]);
  const start = DEFAULT_RANKING_CONFIG.weights;

  const rows: string[][] = [];
  for (let fold = 0; fold < folds; fold++) {
    const train = [...jsquad.filter((q) => q.fold !== fold).map((q) => q.question), ...dev];
    const test = jsquad.filter((q) => q.fold === fold).map((q) => q.question);
    const fitted = coordinateAscent(train, start, setWeights);
    const before = evaluateRankings(test, start);
    const after = evaluateRankings(test, fitted);
    rows.push([String(fold), String(test.length), pct(before.hit1), pct(after.hit1), pct(before.hit5), pct(after.hit5), after.mrr.toFixed(3)]);
    progress(`fold ${fold} done`);
  }
  console.log('JSQuAD held-out folds (by article): weights fitted on the other folds and the dev sets\n');
  console.log(table(['fold', 'questions', 'hit@1 default', 'hit@1 fitted', 'hit@5 default', 'hit@5 fitted', 'MRR@10 fitted'], rows));
  const all = [...jsquad.map((q) => q.question), ...dev];
  const fitted = coordinateAscent(all, start, setWeights);
  console.log(`\nObjective (MRR@10, half JSQuAD, half dev sets): default ${objective(all, start, setWeights).toFixed(4)}, fitted ${objective(all, fitted, setWeights).toFixed(4)}`);
  for (const name of devSetNames) {
    const questions = dev.filter((q) => q.set === name);
    const [a, b] = [evaluateRankings(questions, start), evaluateRankings(questions, fitted)];
    console.log(`${name}: top sentence holds the answer ${pct(a.hit1)} → ${pct(b.hit1)}, first five ${pct(a.hit5)} → ${pct(b.hit5)} (fitted on it)`);
  }
  console.log(`\nWeights fitted on everything (put them in DEFAULT_RANKING_CONFIG.weights):\n${JSON.stringify(fitted satisfies SignalWeights)}`);
} finally {
  await rm(work, { recursive: true, force: true });
}

/** The candidates `kb` ranks for `question`, with which of them answer it. */
function rankedQuestion(kb: KnowledgeBase, set: string, question: string, isGold: (docId: string, text: string) => boolean): FitQuestion {
  return { set, candidates: kb.search(question).map((r) => ({ signals: r.signals, gold: isGold(r.sentence.docId, r.sentence.text) })) };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function progress(message: string): void {
  console.error(`[fit ${(performance.now() / 1000).toFixed(1)} s] ${message}`);
}
