/**
 * A bot process for tests of replicas sharing one INDEX_DIR: opens the knowledge base from the
 * environment, follows snapshots other processes build, prints `ready`, then answers each line
 * of standard input with the answer's first cited document (or `-`).
 */
import { createInterface } from 'node:readline';
import { KnowledgeBase, loadCoreConfig } from '../../src/index.js';

const config = loadCoreConfig();
const kb = await KnowledgeBase.open(config);
kb.followSnapshots(config.indexFollowMs);
console.log('ready');
for await (const question of createInterface({ input: process.stdin })) {
  console.log((await kb.ask(question)).citations[0]?.docId ?? '-');
}
