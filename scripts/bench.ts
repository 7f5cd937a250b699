/**
 * `npm run bench [-- <questions.jsonl>]`: speed and size of the core on CORPUS_DIR (the bundled
 * corpus by default). A script, not a test. Prints dictionary load, index build, snapshot size
 * and load, cold start to first answer in a fresh process, query latency percentiles over the
 * questions (the dev questions unless a file in their format is given), and memory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Analyzer } from '../src/analyze.js';
import { readEvalFile } from '../src/evaluate.js';
import { KnowledgeBase, loadCoreConfig, PROJECT_ROOT } from '../src/index.js';
import { SNAPSHOT_FILE } from '../src/snapshot.js';
import { percentile } from './percentile.js';

const QUERY_ROUNDS = 1000;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}


const indexDir = await mkdtemp(path.join(os.tmpdir(), 'qa-bench-'));
const config = loadCoreConfig({ ...process.env, INDEX_DIR: indexDir });
const ms = (x: number) => `${x.toFixed(1)} ms`;

const questionFile = process.argv[2] ?? path.join(PROJECT_ROOT, 'tests/fixtures/seed-qa.dev.jsonl');
const questions = (await readEvalFile(questionFile)).map((q) => q.question);

const [, dictionaryMs] = await timed(() => Analyzer.load());
const [kb, buildMs] = await timed(() => KnowledgeBase.open(config));
const snapshotBytes = (await stat(path.join(indexDir, SNAPSHOT_FILE))).size;
const [, snapshotLoadMs] = await timed(() => KnowledgeBase.open(config));

// A fresh process: tsx start, dictionary, snapshot, first answer.
const coldStart = performance.now();
execFileSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'ask', questions[0]!], {
  cwd: PROJECT_ROOT,
  env: { ...process.env, INDEX_DIR: indexDir },
  stdio: 'ignore',
});
const coldStartMs = performance.now() - coldStart;

const latencies: number[] = [];
for (let round = 0; latencies.length < QUERY_ROUNDS; round++) {
  for (const question of questions) latencies.push((await timed(() => kb.ask(question)))[1]);
}
latencies.sort((a, b) => a - b);
const memory = process.memoryUsage();
await rm(indexDir, { recursive: true, force: true });

const sources = kb.sources();
console.log(`corpus: ${sources.documents.length} documents, ${sources.documents.reduce((n, d) => n + d.sentences, 0)} sentences`);
console.log(`kuromoji dictionary load   ${ms(dictionaryMs)}`);
console.log(`index build (no snapshot)  ${ms(buildMs)}`);
console.log(`snapshot size              ${(snapshotBytes / 1024).toFixed(0)} KiB`);
console.log(`snapshot load              ${ms(snapshotLoadMs)}`);
console.log(`cold start → first answer  ${ms(coldStartMs)} (fresh process, with snapshot)`);
console.log(`queries                    ${latencies.length}`);
console.log(`query p50 / p95 / p99      ${ms(percentile(latencies, 0.5))} / ${ms(percentile(latencies, 0.95))} / ${ms(percentile(latencies, 0.99))}`);
console.log(`RSS / heap used            ${(memory.rss / 2 ** 20).toFixed(0)} MiB / ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`);
