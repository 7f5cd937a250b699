/**
 * `npm run bench [-- --json] [--queries N] [questions.jsonl]`: speed and size of the core on the
 * corpus of CORPUS_DIR (the bundled one by default), asked the questions of the file (the seed
 * dev questions by default). A script, not a test. Prints index
 * build, snapshot size and load, cold start to the first answer (median of fresh processes), RSS
 * after start and after the queries, and query latency percentiles.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { readEvalFile } from '../src/evaluate.js';
import { KnowledgeBase, loadCoreConfig, log, PROJECT_ROOT } from '../src/index.js';
import { SNAPSHOT_FILE } from '../src/snapshot.js';
import { percentile } from './percentile.js';
import { startNodeFlags } from './start-flags.js';

const COLD_STARTS = 5;

const { values, positionals } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    queries: { type: 'string', default: '10000' },
  },
  allowPositionals: true,
});
const questionFile = positionals[0] ?? path.join(PROJECT_ROOT, 'tests/fixtures/seed-qa.dev.jsonl');

interface ProcessRun {
  coldStartMs: number;
  rssAfterStartMb: number;
  rssAfterQueriesMb: number;
  latencies: number[];
}

/** A fresh `bench-process` over `indexDir`: when its first answer came, and what it reported. */
async function freshProcess(indexDir: string, queries: number, questions: string[]): Promise<ProcessRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [...startNodeFlags(), path.join(PROJECT_ROOT, 'dist/scripts/bench-process.js'), String(queries), ...questions], {
    env: { ...process.env, INDEX_DIR: indexDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  let coldStartMs = 0;
  const run = { rssAfterStartMb: 0, rssAfterQueriesMb: 0, latencies: [] as number[] };
  for await (const line of createInterface({ input: child.stdout })) {
    const report = JSON.parse(line) as { event: string; rssMb: number; latencies?: number[] };
    if (report.event === 'first-answer') {
      coldStartMs = performance.now() - started;
      run.rssAfterStartMb = report.rssMb;
    } else {
      run.rssAfterQueriesMb = report.rssMb;
      run.latencies = report.latencies!;
    }
  }
  const [code] = (await exited) as [number];
  if (code !== 0) throw new Error(`bench-process exited with ${code}`);
  return { coldStartMs, ...run };
}

async function main(): Promise<void> {
  log.level = 'warn';
  const indexDir = await mkdtemp(path.join(os.tmpdir(), 'qa-bench-'));
  try {
    const config = loadCoreConfig({ ...process.env, INDEX_DIR: indexDir });
    const buildStarted = performance.now();
    const kb = await KnowledgeBase.open(config);
    const buildMs = performance.now() - buildStarted;
    const snapshotBytes = (await stat(path.join(indexDir, SNAPSHOT_FILE))).size;
    const loadStarted = performance.now();
    await KnowledgeBase.open(config);
    const snapshotLoadMs = performance.now() - loadStarted;

    const questions = (await readEvalFile(questionFile)).map((q) => q.question);
    const starts: ProcessRun[] = [];
    for (let i = 0; i < COLD_STARTS; i++) starts.push(await freshProcess(indexDir, 0, questions.slice(0, 1)));
    const long = await freshProcess(indexDir, Number(values.queries), questions);
    const latencies = [...long.latencies].sort((a, b) => a - b);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const { documents } = kb.sources();

    const result = {
      corpusDir: config.corpusDir,
      documents: documents.length,
      sentences: documents.reduce((n, d) => n + d.sentences, 0),
      buildMs: round(buildMs),
      snapshotKb: Math.round(snapshotBytes / 1024),
      snapshotLoadMs: round(snapshotLoadMs),
      coldStartMs: round(median(starts.map((s) => s.coldStartMs))),
      coldStartsMs: starts.map((s) => round(s.coldStartMs)),
      rssAfterStartMb: median(starts.map((s) => s.rssAfterStartMb)),
      queries: latencies.length,
      rssAfterQueriesMb: long.rssAfterQueriesMb,
      queryP50Ms: round(percentile(latencies, 0.5)),
      queryP95Ms: round(percentile(latencies, 0.95)),
      queryP99Ms: round(percentile(latencies, 0.99)),
    };
    if (values.json) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    const ms = (x: number) => `${x} ms`;
    console.log(`corpus: ${result.documents} documents, ${result.sentences} sentences (${result.corpusDir})`);
    console.log(`index build (no snapshot)  ${ms(result.buildMs)}`);
    console.log(`snapshot size / load       ${result.snapshotKb} KiB / ${ms(result.snapshotLoadMs)}`);
    console.log(`cold start → first answer  ${ms(result.coldStartMs)} (median of ${COLD_STARTS} fresh processes: ${result.coldStartsMs.join(', ')})`);
    console.log(`RSS after start            ${result.rssAfterStartMb} MiB`);
    console.log(`RSS after ${result.queries} questions  ${result.rssAfterQueriesMb} MiB`);
    console.log(`query p50 / p95 / p99      ${ms(result.queryP50Ms)} / ${ms(result.queryP95Ms)} / ${ms(result.queryP99Ms)}`);
  } finally {
    await rm(indexDir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 10) / 10;

await main();
