/**
 * Ack time and answer time of the Slack adapter, in both modes, against the fake Slack of the
 * tests (tests/slack/fake-slack.ts) on 127.0.0.1, with the real core on the real corpus.
 * Ack: from sending `/ask` until Slack has the acknowledgement (3 s allowed).
 * Answer: from sending `/ask` until the answer reaches the response_url.
 * Also the ack while a reindex runs, since the deadline must hold then too.
 *   npm run bench:slack            (BENCH_N=100 for more samples)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSlack, type SlackAdapter } from '../adapters/slack/index.js';
import { KnowledgeBase, loadCoreConfig, log, PROJECT_ROOT } from '../src/index.js';
import { httpDriver, socketDriver, startFakeSlack, type Driver, type SlackRecord } from '../tests/slack/fake-slack.js';
import { readEvalFile } from '../src/evaluate.js';
import { percentile } from './percentile.js';

const N = Number(process.env.BENCH_N ?? 50);
const SECRET = 'bench-signing-secret';
if (!process.env.LOG_LEVEL) log.level = 'warn';

const questions = (await readEvalFile(path.join(PROJECT_ROOT, 'tests/fixtures/seed-qa.dev.jsonl'))).map((q) => q.question);

const indexDir = mkdtempSync(path.join(tmpdir(), 'bench-slack-'));
const kb = await KnowledgeBase.open(loadCoreConfig({ CORPUS_DIR: path.join(PROJECT_ROOT, 'corpus'), INDEX_DIR: indexDir }));
const fake = await startFakeSlack();
const common = { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: fake.apiUrl, RATE_LIMIT_PER_MINUTE: '0' };

let seq = 0;
/** Sends one `/ask`; returns [ack ms, answer ms]. */
async function ask(slack: Driver, question: string): Promise<[number, number]> {
  const id = `bench${++seq}`;
  const t0 = performance.now();
  await slack.command('/ask', question, 'UBENCH', id);
  const acked = performance.now() - t0;
  await fake.waitFor((r): r is SlackRecord => r.kind === 'response' && r.id === id, `the answer to ${id}`);
  return [acked, performance.now() - t0];
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => percentile(s, q).toFixed(1);
  return `median ${at(0.5)} ms · p95 ${at(0.95)} ms · max ${s.at(-1)!.toFixed(1)} ms`;
};

async function bench(mode: string, adapter: SlackAdapter, slack: Driver): Promise<void> {
  for (const q of questions.slice(0, 3)) await ask(slack, q); // warm-up
  const acks: number[] = [];
  const answers: number[] = [];
  for (let i = 0; i < N; i++) {
    const [a, b] = await ask(slack, questions[i % questions.length]!);
    acks.push(a);
    answers.push(b);
  }
  // Questions one after another for as long as a reindex runs, to catch its longest stall.
  const duringReindex: number[] = [];
  for (let i = 0; i < 3; i++) {
    const reindex = kb.reindex({ by: 'bench' });
    while (kb.reindexing) duringReindex.push((await ask(slack, questions[duringReindex.length % questions.length]!))[0]);
    await reindex;
  }
  console.log(`${mode} (n=${N})`);
  console.log(`  ack                 ${stats(acks)}`);
  console.log(`  answer              ${stats(answers)}`);
  console.log(`  ack during reindex  ${stats(duringReindex)} (n=${duringReindex.length})`);
  await adapter.stop();
}

const http = await startSlack(kb, { ...common, SLACK_SIGNING_SECRET: SECRET, PORT: '0', HOST: '127.0.0.1' });
await bench('HTTP receiver', http, httpDriver(fake, () => `http://127.0.0.1:${http.port}/slack/events`, SECRET));
const socket = await startSlack(kb, { ...common, SLACK_APP_TOKEN: 'xapp-bench' });
await bench('Socket Mode', socket, socketDriver(fake));

await fake.close();
rmSync(indexDir, { recursive: true, force: true });
