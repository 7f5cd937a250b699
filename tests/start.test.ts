import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../adapters/shared/question-log.js';
import { PROJECT_ROOT } from '../src/index.js';
import { tempDir } from './helpers.js';
import { SLOW, socketDriver, startFakeSlack, type SlackRecord } from './slack/fake-slack.js';

const START_SCRIPT = path.join(PROJECT_ROOT, 'adapters/start.ts');
const BUILT_START_SCRIPT = path.join(PROJECT_ROOT, 'dist/adapters/start.js');

/** Runs `npm start`'s script with `env` added; resolves with how it failed (it must not start). */
async function startFailure(env: Record<string, string>): Promise<{ code: number; stderr: string } | undefined> {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', START_SCRIPT], { env: { ...process.env, ...env }, cwd: PROJECT_ROOT }).then(
    () => undefined,
    (error: { code: number; stderr: string }) => error,
  );
}

describe('npm start', () => {
  it('with no platform configured, says how to set one up and exits non-zero', async () => {
    const failure = await startFailure({ DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' });
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/DISCORD_TOKEN/);
    expect(failure?.stderr).toMatch(/SLACK_BOT_TOKEN/);
    expect(failure?.stderr).toMatch(/\.env\.example/);
  });

  it('with a bad setting, names the variable instead of starting', async () => {
    // Discord is pointed at a closed local port, so nothing could leave this machine even if start-up went on.
    const failure = await startFailure({ DISCORD_TOKEN: 'x', DISCORD_API_URL: 'http://127.0.0.1:9/api', MAX_SENTENCE_CHARS: 'lots', SLACK_BOT_TOKEN: '' });
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/MAX_SENTENCE_CHARS is "lots"/);
  });
});

describe('npm start with a corrupt bot.sqlite', () => {
  it('reports the problem, starts, and answers without logging', async () => {
    const [dataDir, indexDir] = [await tempDir(), await tempDir()];
    await writeFile(path.join(dataDir, DATABASE_FILE), Buffer.alloc(8192, 0xa5));
    const fake = await startFakeSlack();
    const env = { DATA_DIR: dataDir, INDEX_DIR: indexDir, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_APP_TOKEN: 'xapp-test', SLACK_API_URL: fake.apiUrl, DISCORD_TOKEN: '', LOG_LEVEL: 'error' };
    const bot = spawn(process.execPath, ['--import', 'tsx', START_SCRIPT], { env: { ...process.env, ...env }, cwd: PROJECT_ROOT });
    let stderr = '';
    bot.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await fake.waitFor((r): r is SlackRecord => r.kind === 'connected', 'the bot connecting', 50_000);
      await socketDriver(fake).command('/ask', '小泉防衛大臣の年齢は？', 'U1', 'start');
      const answer = await fake.waitFor((r): r is SlackRecord & { kind: 'response' } => r.kind === 'response' && r.id === 'start', 'the answer');
      expect(JSON.stringify(answer.body)).toContain('44歳');
      expect(stderr).toMatch(/bot\.sqlite cannot be used \(file is not a database\); answering without logging/);
    } finally {
      bot.kill();
      await fake.close();
    }
  }, 60_000);
});

/** A free port on 127.0.0.1 for a process we start, found by letting the system pick one. */
async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm start as a service (the built dist/)', () => {
  it('says 503 on /healthz until the index answers, then 200; counts questions; finishes an answer in flight on SIGTERM', async () => {
    const [dataDir, indexDir, healthPort] = [await tempDir(), await tempDir(), await freePort()];
    const fake = await startFakeSlack();
    const env = { DATA_DIR: dataDir, INDEX_DIR: indexDir, HEALTH_PORT: String(healthPort), HEALTH_HOST: '127.0.0.1', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_APP_TOKEN: 'xapp-test', SLACK_API_URL: fake.apiUrl, DISCORD_TOKEN: '', LOG_LEVEL: 'error' };
    // As production runs it: the bundled JavaScript, no TypeScript at run time.
    await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: PROJECT_ROOT });
    const bot = spawn(process.execPath, [BUILT_START_SCRIPT], { env: { ...process.env, ...env }, cwd: PROJECT_ROOT });
    const exited = once(bot, 'exit');
    const health = () => fetch(`http://127.0.0.1:${healthPort}/healthz`).then(async (r) => ({ status: r.status, body: await r.json() }), () => undefined);
    try {
      // The first answer it gives: the index (a fresh INDEX_DIR, so it builds) is not ready yet.
      let first: Awaited<ReturnType<typeof health>>;
      while (!(first = await health())) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(first.status).toBe(503);
      expect(Object.keys(first.body.problems)).toContain('index');
      await fake.waitFor((r): r is SlackRecord => r.kind === 'connected', 'the bot connecting', 50_000);
      // Connected, and the adapter has finished starting: healthy within moments.
      let ready = await health();
      for (const deadline = Date.now() + 5000; ready?.status !== 200 && Date.now() < deadline; ready = await health()) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(ready).toEqual({ status: 200, body: { ok: true, problems: {} } });

      const slack = socketDriver(fake);
      await slack.command('/ask', '小泉防衛大臣の年齢は？', 'U1', 'counted');
      await fake.waitFor((r): r is SlackRecord => r.kind === 'response' && r.id === 'counted', 'the answer');
      const metrics = await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
      expect(metrics).toContain('qa_questions_total{platform="slack",status="answered"} 1');

      // Slack holds this answer's delivery; SIGTERM arrives meanwhile, and the answer must still be delivered.
      await slack.command('/ask', '小泉防衛大臣の年齢は？', 'U2', `${SLOW}1`);
      await fake.waitFor((r): r is SlackRecord => r.kind === 'held', 'the slow answer arriving');
      bot.kill('SIGTERM');
      const delivered = await fake.waitFor((r): r is SlackRecord & { kind: 'response' } => r.kind === 'response' && r.id === `${SLOW}1`, 'the slow answer delivered');
      expect(JSON.stringify(delivered.body)).toContain('44歳');
      expect(await exited).toEqual([0, null]);
    } finally {
      bot.kill('SIGKILL');
      await fake.close();
    }
  }, 90_000);
});
