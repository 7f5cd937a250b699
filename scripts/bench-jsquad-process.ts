/**
 * One fresh process for `npm run bench:jsquad -- --scale`: what a bot serving that corpus holds.
 * Opens the knowledge base whose snapshot the parent built (settings from the environment), asks
 * the questions of the JSON file given as the argument through `kb.search`, and prints one JSON
 * line: snapshot load time (the dictionaries loaded before it), p50/p99, memory once settled and
 * the peak RSS (the load's). In the parent's process the memory would include the 1×
 * index and what the builds before it left behind.
 */
import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Analyzer } from '../src/analyze.js';
import { KnowledgeBase, loadCoreConfig, log } from '../src/index.js';
import { Thesaurus } from '../src/thesaurus.js';
import { measure, type JsquadQuestion } from './jsquad.js';

// Memory is read after a full collection, as the parent reads it: the live data, not garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** At most SETTLE_READS readings SETTLE_PAUSE_MS apart: ~550 MB settled in under a second at ×16. */
const SETTLE_READS = 20;
const SETTLE_PAUSE_MS = 200;

log.level = 'warn';
const questions = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as JsquadQuestion[];
const config = loadCoreConfig();
// Load time is the snapshot's, as it was timed in one process: the dictionaries are loaded first.
await Promise.all([Analyzer.load(config.dictionaryCacheDir), Thesaurus.load(config.dictionaryCacheDir)]);
const startedAt = performance.now();
const kb = await KnowledgeBase.open(config);
const loadMs = performance.now() - startedAt;
const { p50Ms, p99Ms } = measure(questions, (q) => kb.search(q).map((r) => r.sentence));
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const peakRssMb = mb(process.resourceUsage().maxRSS * 1024);
console.log(JSON.stringify({ loadMs, p50Ms, p99Ms, ...(await settledMemory()), peakRssMb }));

/**
 * Memory once the process has given back what it freed. V8 returns the pages a collection
 * emptied from a background thread, after `gc()` returns: read at once, RSS at JSQuAD ×16 was
 * ~700 MB, and ~550 MB half a second later with nothing else run. Read until it stops falling.
 */
async function settledMemory(): Promise<{ heapUsedMb: number; rssMb: number }> {
  let rss = Infinity;
  for (let reads = 0; reads < SETTLE_READS; reads++) {
    gc();
    const now = process.memoryUsage();
    if (now.rss > rss - 2 ** 20) return { heapUsedMb: mb(now.heapUsed), rssMb: mb(now.rss) };
    rss = now.rss;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_PAUSE_MS));
  }
  const { heapUsed } = process.memoryUsage();
  return { heapUsedMb: mb(heapUsed), rssMb: mb(rss) };
}
