import { execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../adapters/shared/question-log.js';
import { PROJECT_ROOT } from '../src/index.js';
import { tempDir } from './helpers.js';
import { socketDriver, startFakeSlack, type SlackRecord } from './slack/fake-slack.js';

const START_SCRIPT = path.join(PROJECT_ROOT, 'adapters/start.ts');

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
