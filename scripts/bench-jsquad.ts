/**
 * Retrieval benchmark on JSQuAD (issue 5):
 *
 *   npm run bench:jsquad -- [--json] [--scale] <jsquad.json>
 *   npm run bench:jsquad -- --abstain <jsquad.json> [<corpus-dir>=<questions.jsonl> …]
 *
 * Writes every paragraph as a `.txt` file of a temporary corpus and indexes it through this
 * project's own KnowledgeBase (the bot's loader, splitter and analyzer), then asks every question
 * through `kb.search`, the search path behind `ask`. In the same run, two MiniSearch baselines
 * over the same sentences (the project's loader and splitter). Every system is scored by the same
 * `measure` (scripts/jsquad.ts). `--scale` then builds the project's index over the corpus copied
 * 1×, 4× and 16× and prints, at each size, build time, snapshot size, save time, and the load
 * time, query p50 and p99 and memory of a fresh process that serves it. `--abstain` instead
 * prints the risk–coverage table of refusal (scripts/abstain.ts).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ANALYZER_VERSION } from '../src/analyze.js';
import { KnowledgeBase, loadCoreConfig, PROJECT_ROOT, type CoreConfig } from '../src/index.js';
import { deserializeIndex, serializeIndex } from '../src/search-index.js';
import { readSnapshot, SNAPSHOT_FILE, SNAPSHOT_FORMAT, writeSnapshot } from '../src/snapshot.js';
import {
  answerCeiling,
  loadSentences,
  measure,
  miniSearchBaseline,
  parseJsquad,
  segmenterTokenize,
  writeCorpus,
  type Metrics,
  type Search,
  type Tokenize,
} from './jsquad.js';
import { startNodeFlags } from './start-flags.js';
import { table } from './table.js';
import { abstainRun } from './abstain.js';

const PROJECT = 'nihongo-qa-bot';
const BASELINES: [name: string, tokenize: Tokenize | undefined][] = [
  ['MiniSearch default tokenizer', undefined],
  ['MiniSearch + Intl.Segmenter', segmenterTokenize],
];
const SCALE_COPIES = [1, 4, 16];
const SCALE_SAMPLE = 500;

// Memory is read after a full collection, so the figures are the live data, not garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface SystemResult extends Metrics {
  name: string;
  buildMs: number;
  /** heapUsed after minus before building and querying this system. */
  heapGrowthMb: number;
  heapUsedMb: number;
  rssMb: number;
}

interface ScaleResult {
  copies: number;
  sentences: number;
  /** KnowledgeBase.open on an empty INDEX_DIR: load, split, analyze, index, save. */
  buildMs: number;
  snapshotMb: number;
  /** Serializing the index and writing the snapshot (a part of buildMs). */
  saveMs: number;
  /** KnowledgeBase.open in a fresh process, the snapshot present, dictionary loaded: fingerprint, read, check, deserialize. */
  loadMs: number;
  p50Ms: number;
  p99Ms: number;
  /** Memory of that fresh process after the questions, once it has given back what it freed. */
  heapUsedMb: number;
  rssMb: number;
  /** The most RSS that process ever had: while loading. */
  peakRssMb: number;
}

const args = process.argv.slice(2);
const [file, ...devSets] = args.filter((a) => !a.startsWith('--'));
if (!file || args.some((a) => a.startsWith('--') && !['--json', '--scale', '--abstain'].includes(a))) {
  console.error('Usage: npm run bench:jsquad -- [--json] [--scale] <jsquad.json>\n       npm run bench:jsquad -- --abstain <jsquad.json> [<corpus-dir>=<questions.jsonl> …]');
  process.exit(2);
}

const set = parseJsquad(await readFile(file, 'utf8'));
const work = await mkdtemp(path.join(tmpdir(), 'bench-jsquad-'));
if (args.includes('--abstain')) {
  try {
    const { present, absent, dev, rows } = await abstainRun(set, devSets, work);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(`Refusal on JSQuAD: ${present} questions of the indexed half, ${absent} of the other half (answer text absent), ${dev} unanswerable dev questions.\n`);
    console.log(
      table(
        ['minCoverage', 'present: gold answer', 'absent: refused', 'dev unanswerable: refused'],
        rows.map((r) => [r.threshold.toFixed(2), pct(r.presentAnswered), pct(r.absentRefused), pct(r.devRefused)]),
      ),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  process.exit(0);
}
/** Every system's search stays reachable, so each memory figure includes the indexes built so far. */
const alive: Search[] = [];
try {
  const config = await writeCorpusConfig('main', 1);
  let kb: KnowledgeBase | undefined;
  const systems = [
    await benchSystem(PROJECT, async () => {
      kb = await KnowledgeBase.open(config);
      return (q) => kb!.search(q).map((r) => r.sentence);
    }),
  ];
  const asked = await askAll(kb!);
  for (const [name, tokenize] of BASELINES) {
    systems.push(await benchSystem(name, async () => miniSearchBaseline(await loadSentences(config), tokenize)));
  }
  const sentences = await loadSentences(config);
  const ceiling = answerCeiling(set.questions, sentences);
  alive.length = 0;
  const scale = args.includes('--scale') ? await scaleRun() : undefined;

  if (args.includes('--json')) {
    const round = (x: number, digits: number) => Number(x.toFixed(digits));
    const shown = systems.map((s) => ({
      name: s.name,
      hit1: round(s.hit1, 4),
      hit5: round(s.hit5, 4),
      mrr10: round(s.mrr10, 4),
      paraHit5: round(s.paraHit5, 4),
      p50Ms: round(s.p50Ms, 2),
      p95Ms: round(s.p95Ms, 2),
      p99Ms: round(s.p99Ms, 2),
      buildMs: Math.round(s.buildMs),
      heapGrowthMb: s.heapGrowthMb,
      heapUsedMb: s.heapUsedMb,
      rssMb: s.rssMb,
    }));
    const summary = { questions: set.questions.length, paragraphs: set.paragraphs.length, sentences: sentences.length, ceiling: round(ceiling, 4) };
    const ask = { answerHit: round(asked.answerHit, 4), firstHit: round(asked.firstHit, 4), notFound: round(asked.notFound, 4), sentencesPerAnswer: round(asked.sentencesPerAnswer, 2) };
    console.log(JSON.stringify({ systems: shown, ...summary, ask, ...(scale && { scale }) }, null, 2));
  } else {
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    const ms = (x: number) => x.toFixed(2);
    console.log(
      `JSQuAD: ${set.paragraphs.length} paragraphs, ${sentences.length} sentences (title lines included), ${set.questions.length} questions. ` +
        `Ceiling (an answer lies inside one sentence of the gold paragraph): ${pct(ceiling)}\n`,
    );
    console.log(
      table(
        ['system', 'hit@1', 'hit@5', 'MRR@10', 'para hit@5', 'p50 ms', 'p95 ms', 'p99 ms', 'build ms'],
        systems.map((s) => [s.name, pct(s.hit1), pct(s.hit5), s.mrr10.toFixed(3), pct(s.paraHit5), ms(s.p50Ms), ms(s.p95Ms), ms(s.p99Ms), s.buildMs.toFixed(0)]),
      ),
    );
    console.log(
      `\nbuild ms: ${PROJECT} = KnowledgeBase.open on an empty INDEX_DIR (kuromoji dictionary load, load, split, analyze, index, snapshot write); ` +
        'baselines = load + split + MiniSearch.addAll.',
    );
    console.log(
      `\n${PROJECT} \`ask\` (the composed answer a user sees): a gold answer in the text ${pct(asked.answerHit)}, in its first sentence ${pct(asked.firstHit)}, ` +
        `not_found ${pct(asked.notFound)} (every question is answerable), ${asked.sentencesPerAnswer.toFixed(2)} sentences an answer.`,
    );
    console.log('\nMemory (MB, after a full GC, measured after each system was built and queried; earlier systems stay loaded):\n');
    console.log(
      table(
        ['system', 'heap growth', 'heapUsed', 'RSS'],
        systems.map((s) => [s.name, `+${s.heapGrowthMb}`, String(s.heapUsedMb), String(s.rssMb)]),
      ),
    );
    if (scale) {
      console.log(`\nScale (${PROJECT} only; build, dictionary already loaded, includes the save; load (dictionary already loaded), p50/p99 over ${Math.min(SCALE_SAMPLE, set.questions.length)} questions and memory are of a fresh process that opens the snapshot):\n`);
      console.log(
        table(
          ['copies', 'sentences', 'build ms', 'snapshot MB', 'save ms', 'load ms', 'p50 ms', 'p99 ms', 'heapUsed MB', 'RSS MB', 'peak RSS MB'],
          scale.map((r) => [
            `${r.copies}×`,
            String(r.sentences),
            String(r.buildMs),
            r.snapshotMb.toFixed(1),
            String(r.saveMs),
            String(r.loadMs),
            ms(r.p50Ms),
            ms(r.p99Ms),
            String(r.heapUsedMb),
            String(r.rssMb),
            String(r.peakRssMb),
          ]),
        ),
      );
    }
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

/** Writes the corpus (`copies` times) into a fresh folder and returns the bot's settings for it. */
async function writeCorpusConfig(label: string, copies: number): Promise<CoreConfig> {
  const corpusDir = path.join(work, `corpus-${label}`);
  await writeCorpus(set, corpusDir, copies);
  return loadCoreConfig({ ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: path.join(work, `index-${label}`) });
}

/** Builds one system (timed), asks it every question, and takes the memory with it loaded. */
async function benchSystem(name: string, build: () => Promise<Search>): Promise<SystemResult> {
  const before = memoryMb();
  const startedAt = performance.now();
  const search = await build();
  const buildMs = performance.now() - startedAt;
  alive.push(search);
  progress(`${name}: built in ${seconds(buildMs)}; asking ${set.questions.length} questions`);
  gc(); // the build's garbage is not the queries' to collect
  const asking = performance.now();
  const metrics = measure(set.questions, search);
  progress(`${name}: asked in ${seconds(performance.now() - asking)}`);
  const after = memoryMb();
  return { name, buildMs, ...metrics, heapGrowthMb: after.heapUsedMb - before.heapUsedMb, ...after };
}

/** Asks every question through `ask`: how often the composed answer holds a gold answer, and how often it refuses. */
async function askAll(kb: KnowledgeBase): Promise<{ answerHit: number; firstHit: number; notFound: number; sentencesPerAnswer: number }> {
  let hits = 0;
  let firstHits = 0;
  let refused = 0;
  let sentences = 0;
  for (const question of set.questions) {
    const answer = await kb.ask(question.question);
    if (answer.status === 'not_found') refused++;
    if (question.answers.some((gold) => answer.text.includes(gold))) hits++;
    if (question.answers.some((gold) => answer.sentences[0]?.text.includes(gold))) firstHits++;
    sentences += answer.sentences.length;
  }
  const n = set.questions.length;
  return { answerHit: hits / n, firstHit: firstHits / n, notFound: refused / n, sentencesPerAnswer: sentences / n };
}

/**
 * The project's index over 1×, 4× and 16× the corpus (copies get distinct file names): built and
 * saved here, then loaded and asked in a fresh process (scripts/bench-jsquad-process.ts), so its
 * memory is what a bot serving that corpus holds.
 */
async function scaleRun(): Promise<ScaleResult[]> {
  const size = Math.min(SCALE_SAMPLE, set.questions.length);
  const sample = Array.from({ length: size }, (_, i) => set.questions[Math.floor((i * set.questions.length) / size)]!);
  const sampleFile = path.join(work, 'scale-sample.json');
  await writeFile(sampleFile, JSON.stringify(sample));
  const results: ScaleResult[] = [];
  for (const copies of SCALE_COPIES) {
    const config = await writeCorpusConfig(`x${copies}`, copies);
    const startedAt = performance.now();
    const kb = await KnowledgeBase.open(config);
    const buildMs = performance.now() - startedAt;
    const sentences = kb.sources().documents.reduce((sum, d) => sum + d.sentences, 0);
    const saveMs = await timeSave(config.indexDir, path.join(work, `save-x${copies}`));
    const snapshotMb = (await stat(path.join(config.indexDir, SNAPSHOT_FILE))).size / 2 ** 20;
    progress(`scale ${copies}×: built in ${seconds(buildMs)}, saved in ${seconds(saveMs)}; loading and asking ${sample.length} questions in a fresh process`);
    const served = await servingProcess(config, sampleFile);
    progress(`scale ${copies}×: loaded in ${seconds(served.loadMs)}`);
    const round = (x: number) => Number(x.toFixed(2));
    results.push({ copies, sentences, buildMs: Math.round(buildMs), snapshotMb: round(snapshotMb), saveMs: Math.round(saveMs), loadMs: Math.round(served.loadMs), p50Ms: round(served.p50Ms), p99Ms: round(served.p99Ms), heapUsedMb: served.heapUsedMb, rssMb: served.rssMb, peakRssMb: served.peakRssMb });
    await rm(config.corpusDir, { recursive: true, force: true });
    await rm(config.indexDir, { recursive: true, force: true });
  }
  return results;
}

/** What scripts/bench-jsquad-process.ts reports after loading `config`'s snapshot and asking the sample. */
async function servingProcess(config: CoreConfig, sampleFile: string): Promise<Pick<ScaleResult, 'loadMs' | 'p50Ms' | 'p99Ms' | 'heapUsedMb' | 'rssMb' | 'peakRssMb'>> {
  const child = spawn(process.execPath, [...startNodeFlags(), path.join(PROJECT_ROOT, 'dist/scripts/bench-jsquad-process.js'), sampleFile], {
    env: { ...process.env, CORPUS_DIR: config.corpusDir, INDEX_DIR: config.indexDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  let report = '';
  for await (const chunk of child.stdout) report += String(chunk);
  const [code] = (await exited) as [number];
  if (code !== 0) throw new Error(`bench-jsquad-process exited with ${code}`);
  return JSON.parse(report) as Awaited<ReturnType<typeof servingProcess>>;
}

/** Saves the snapshot in `indexDir` again, into `into`, as a build does (serialize, write, rename): its time. */
async function timeSave(indexDir: string, into: string): Promise<number> {
  const read = await readSnapshot(indexDir, { format: SNAPSHOT_FORMAT, analyzerVersion: ANALYZER_VERSION });
  if ('problem' in read) throw new Error(`the snapshot just built cannot be read: ${read.problem}`);
  const index = deserializeIndex(read.snapshot.index);
  const startedAt = performance.now();
  await writeSnapshot(into, { ...read.snapshot, index: serializeIndex(index) });
  const saveMs = performance.now() - startedAt;
  await rm(into, { recursive: true, force: true });
  return saveMs;
}

/** Where the time goes, on stderr so `--json` output stays clean. */
function progress(message: string): void {
  console.error(`[bench:jsquad ${seconds(performance.now())}] ${message}`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Memory after a full collection (gc is exposed at start-up for exactly this). */
function memoryMb(): { heapUsedMb: number; rssMb: number } {
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsedMb: Math.round(heapUsed / 2 ** 20), rssMb: Math.round(rss / 2 ** 20) };
}
