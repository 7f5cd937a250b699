/**
 * Several processes on one INDEX_DIR, as replicas behind a load balancer run: a reindex in one
 * process is served by another within 5 s, and two builds at once leave a snapshot that loads.
 */
import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase, PROJECT_ROOT } from '../src/index.js';
import { readSnapshot, SNAPSHOT_FORMAT } from '../src/snapshot.js';
import { ANALYZER_VERSION } from '../src/analyze.js';
import { tempDir, testConfig } from './helpers.js';

const QUESTION = '火星探査機はどこに着陸した？';

describe('replicas sharing one INDEX_DIR', () => {
  let corpus: string;
  let indexDir: string;
  let replica: ChildProcessWithoutNullStreams;
  let lines: AsyncIterator<string>;
  const env = () => ({ ...process.env, CORPUS_DIR: corpus, INDEX_DIR: indexDir, INDEX_FOLLOW_MS: '100', LOG_LEVEL: 'silent' });
  const reindexProcess = () => promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'reindex'], { cwd: PROJECT_ROOT, env: env() });
  const askReplica = async (question: string) => {
    replica.stdin.write(`${question}\n`);
    return (await lines.next()).value as string;
  };

  beforeAll(async () => {
    corpus = await tempDir();
    indexDir = await tempDir();
    await writeFile(path.join(corpus, 'moon.txt'), '月面基地\n月面基地は南極に建設される。\n');
    await KnowledgeBase.open(testConfig(corpus, indexDir));
    replica = spawn(process.execPath, ['--import', 'tsx', 'tests/support/replica.ts'], { cwd: PROJECT_ROOT, env: env() });
    lines = createInterface({ input: replica.stdout })[Symbol.asyncIterator]();
    expect((await lines.next()).value).toBe('ready');
  });

  afterAll(async () => {
    replica?.kill();
    if (replica) await once(replica, 'exit');
  });

  it('serves, within 5 s, what another process reindexed', async () => {
    expect(await askReplica(QUESTION)).not.toBe('mars.txt');
    await writeFile(path.join(corpus, 'mars.txt'), '火星探査\n火星探査機は北極に着陸した。\n');
    await reindexProcess();
    const deadline = Date.now() + 5000;
    let cited = '';
    while (Date.now() < deadline && cited !== 'mars.txt') cited = await askReplica(QUESTION);
    expect(cited).toBe('mars.txt');
  });

  it('keeps a snapshot that loads when two processes build at once', async () => {
    await writeFile(path.join(corpus, 'venus.txt'), '金星探査\n金星探査機は雲を観測した。\n');
    await Promise.all([reindexProcess(), reindexProcess()]);
    const read = await readSnapshot(indexDir, { format: SNAPSHOT_FORMAT, analyzerVersion: ANALYZER_VERSION });
    if (!('snapshot' in read)) throw new Error(read.problem);
    expect(read.snapshot.index.documents.map((d) => d.docId)).toEqual(['mars.txt', 'moon.txt', 'venus.txt']);
    // Loaded as it is, not rebuilt.
    expect((await KnowledgeBase.open(testConfig(corpus, indexDir))).sources().builtAt).toBe(read.snapshot.builtAt);
  });
});
