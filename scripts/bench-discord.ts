/**
 * `npm run bench:discord`: how fast the Discord adapter acknowledges and answers, measured on the
 * fake Discord from the tests (127.0.0.1) with the real discord.js client, core and corpus. For
 * each injected `/ask`: time until the deferral reaches Discord (the 3-second deadline) and until
 * the final answer does; one question at a time (paced under discord.js's own 50 requests/s
 * limit, which would otherwise be what is measured), in bursts of simultaneous questions, and
 * while reindexes run. A script, not a test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startDiscord } from '../adapters/discord/index.js';
import { KnowledgeBase, loadCoreConfig, log, PROJECT_ROOT } from '../src/index.js';
import { FakeDiscord, IDS, type Injected } from '../tests/discord/fake-discord.js';
import { readEvalFile } from '../src/evaluate.js';
import { percentile } from './percentile.js';

const ROUNDS = 300;
const PACE_MS = 50;
const BURSTS = 5;
const BURST_SIZE = 40;
const REINDEX_RUNS = 10;

// One log line per interaction would bury the table.
if (!process.env.LOG_LEVEL) log.level = 'warn';

const questions = (await readEvalFile(path.join(PROJECT_ROOT, 'tests/fixtures/seed-qa.dev.jsonl'))).map((q) => q.question);

const indexDir = await mkdtemp(path.join(os.tmpdir(), 'qa-bench-discord-'));
const kb = await KnowledgeBase.open(loadCoreConfig({ ...process.env, INDEX_DIR: indexDir }));
const fake = await FakeDiscord.start();
const bot = await startDiscord(kb, {
  DISCORD_TOKEN: fake.token,
  DISCORD_API_URL: fake.apiUrl,
  DISCORD_MODERATOR_ROLE_IDS: IDS.moderatorRole,
  RATE_LIMIT_PER_MINUTE: '0',
});

/** Sends one /ask and waits for its answer; returns [ms to the deferral, ms to the final reply]. */
async function measure(question: string): Promise<[number, number]> {
  const interaction: Injected = fake.injectCommand({ name: 'ask', options: { question } });
  const [deferred, edited] = await Promise.all([interaction.callback(), interaction.edited()]);
  return [deferred.at - interaction.sentAt, edited.at - interaction.sentAt];
}

const question = (i: number) => questions[i % questions.length]!;
const pause = () => new Promise((resolve) => setTimeout(resolve, PACE_MS));

for (let i = 0; i < 10; i++) await measure(question(i)); // warm-up
const oneAtATime: [number, number][] = [];
for (let i = 0; i < ROUNDS; i++) {
  oneAtATime.push(await measure(question(i)));
  await pause();
}

const burst: [number, number][] = [];
for (let b = 0; b < BURSTS; b++) {
  burst.push(...(await Promise.all(Array.from({ length: BURST_SIZE }, (_, i) => measure(question(i))))));
  await new Promise((resolve) => setTimeout(resolve, 1000)); // let discord.js's rate limit window reset
}

// While a reindex runs, keep asking one question after another until its report arrives.
const duringReindex: [number, number][] = [];
const reindexMs: number[] = [];
for (let run = 0; run < REINDEX_RUNS; run++) {
  const reindex = fake.injectCommand({ name: 'reindex', roles: [IDS.moderatorRole] });
  let done = false;
  const report = reindex.edited().then((r) => {
    done = true;
    reindexMs.push(r.at - reindex.sentAt);
  });
  for (let i = 0; !done; i++) {
    duringReindex.push(await measure(question(i)));
    await pause();
  }
  await report;
}

await bot.stop();
await fake.close();
await rm(indexDir, { recursive: true, force: true });

function row(label: string, values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  const cells = [0.5, 0.95, 0.99].map((p) => percentile(s, p).toFixed(1)).concat(s.at(-1)!.toFixed(1));
  return `| ${label} | ${values.length} | ${cells.join(' | ')} |`;
}
console.log(`Discord adapter on the fake Discord (${os.cpus().length} CPUs, Node ${process.version}), ms from the injected interaction:\n`);
console.log('| | n | p50 | p95 | p99 | max |\n| --- | ---: | ---: | ---: | ---: | ---: |');
console.log(row(`one at a time, every ${PACE_MS} ms: → deferred reply`, oneAtATime.map(([d]) => d)));
console.log(row(`one at a time, every ${PACE_MS} ms: → final reply`, oneAtATime.map(([, f]) => f)));
console.log(row(`${BURST_SIZE} at once: → deferred reply`, burst.map(([d]) => d)));
console.log(row(`${BURST_SIZE} at once: → final reply`, burst.map(([, f]) => f)));
console.log(row('during reindex: → deferred reply', duringReindex.map(([d]) => d)));
console.log(row('during reindex: → final reply', duringReindex.map(([, f]) => f)));
console.log(row('/reindex → report', reindexMs));
