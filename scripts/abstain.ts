/**
 * Refusal as a calibrated decision (`npm run bench:jsquad -- --abstain <jsquad.json> [<corpus>=<questions.jsonl> …]`):
 * half of JSQuAD's articles are indexed and the other half's questions asked (those whose answer
 * text still occurs in the indexed half are dropped), beside the unanswerable questions of the dev
 * sets. For each coverage threshold (RankingConfig.minCoverage; coverageFloor keeps its ratio to
 * it), the share of present-article questions answered with a gold answer and the share of
 * absent-article questions refused: a risk–coverage table to choose the threshold from.
 */
import path from 'node:path';
import { readEvalFile } from '../src/evaluate.js';
import { DEFAULT_RANKING_CONFIG, KnowledgeBase, loadCoreConfig, rankingConfig, type RefusalEvidence } from '../src/index.js';
import { refuses } from '../src/refusal.js';
import { writeCorpus, type Jsquad } from './jsquad.js';

/** What one question needs to be scored at any threshold. */
interface Asked {
  evidence: RefusalEvidence;
  /** The answer, given whatever the coverage, holds a gold answer. */
  goldHit: boolean;
}

export interface AbstainRow {
  threshold: number;
  /** Present-article questions answered with a gold answer. */
  presentAnswered: number;
  /** Absent-article questions refused. */
  absentRefused: number;
  /** Unanswerable dev questions refused. */
  devRefused: number;
}

export const THRESHOLDS = Array.from({ length: 15 }, (_, i) => Number((0.1 + i * 0.05).toFixed(2)));
const FLOOR_RATIO = DEFAULT_RANKING_CONFIG.coverageFloor / DEFAULT_RANKING_CONFIG.minCoverage;
const NAME_RATIO = DEFAULT_RANKING_CONFIG.minCoverageForName / DEFAULT_RANKING_CONFIG.minCoverage;
/** Asked with no coverage threshold, so the answer is there to score whatever the threshold. */
const NEVER_REFUSE = { minCoverage: 0, minCoverageForName: 0, coverageFloor: 0 };

export async function abstainRun(set: Jsquad, devSets: string[], work: string): Promise<{ present: number; absent: number; dev: number; rows: AbstainRow[] }> {
  const article = (paragraphId: string) => Number(/^a(\d+)/.exec(paragraphId)![1]);
  const indexed = set.paragraphs.filter((p) => article(p.id) % 2 === 0);
  const indexedIds = new Set(indexed.map((p) => p.id));
  const indexedText = indexed.map((p) => `${p.title}\n${p.text}`).join('\n');
  const present = set.questions.filter((q) => indexedIds.has(q.paragraphId));
  const absent = set.questions.filter((q) => !indexedIds.has(q.paragraphId) && !q.answers.some((a) => indexedText.includes(a)));
  const corpusDir = path.join(work, 'abstain-corpus');
  await writeCorpus({ paragraphs: indexed, questions: [] }, corpusDir);
  const kb = await open(corpusDir, path.join(work, 'abstain-index'));
  const presentAsked = await Promise.all(present.map((q) => ask(kb, q.question, q.answers)));
  const absentAsked = await Promise.all(absent.map((q) => ask(kb, q.question, [])));
  const devAsked: Asked[] = [];
  for (const [i, spec] of devSets.entries()) {
    const [corpus, questions] = spec.split('=');
    const devKb = await open(corpus!, path.join(work, `abstain-dev-${i}`));
    for (const item of await readEvalFile(questions!)) if (item.doc === null) devAsked.push(await ask(devKb, item.question, []));
  }
  const rows = THRESHOLDS.map((threshold) => {
    const config = rankingConfig({ minCoverage: threshold, minCoverageForName: threshold * NAME_RATIO, coverageFloor: threshold * FLOOR_RATIO });
    const refused = (a: Asked) => refuses(a.evidence, config);
    const share = (all: Asked[], test: (a: Asked) => boolean) => all.filter(test).length / Math.max(1, all.length);
    return {
      threshold,
      presentAnswered: share(presentAsked, (a) => !refused(a) && a.goldHit),
      absentRefused: share(absentAsked, refused),
      devRefused: share(devAsked, refused),
    };
  });
  return { present: present.length, absent: absent.length, dev: devAsked.length, rows };
}

function open(corpusDir: string, indexDir: string): Promise<KnowledgeBase> {
  return KnowledgeBase.open(loadCoreConfig({ ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: indexDir }), { ranking: NEVER_REFUSE });
}

async function ask(kb: KnowledgeBase, question: string, answers: string[]): Promise<Asked> {
  const answer = await kb.ask(question);
  return { evidence: kb.explain(question).refusal, goldHit: answers.some((a) => answer.text.includes(a)) };
}
