/**
 * One fresh process as a user starts it, for `npm run bench`: opens the knowledge base (settings
 * from the environment), answers the first question and says so at once (the parent times that),
 * then asks the questions again and again, and reports latencies and memory as JSON lines.
 * Arguments: the number of questions to ask after the first, then the questions.
 */
import { KnowledgeBase, loadCoreConfig, log } from '../src/index.js';

const [rounds, ...questions] = process.argv.slice(2);
log.level = 'warn';
const kb = await KnowledgeBase.open(loadCoreConfig());
await kb.ask(questions[0]!);
const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
console.log(JSON.stringify({ event: 'first-answer', rssMb: rssMb() }));

const latencies: number[] = [];
for (let i = 0; i < Number(rounds); i++) {
  const started = performance.now();
  await kb.ask(questions[i % questions.length]!);
  latencies.push(performance.now() - started);
}
console.log(JSON.stringify({ event: 'done', rssMb: rssMb(), latencies }));
