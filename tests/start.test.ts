import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/index.js';

/** Runs `npm start`'s script with `env` added; resolves with how it failed (it must not start). */
async function startFailure(env: Record<string, string>): Promise<{ code: number; stderr: string } | undefined> {
  const script = path.join(PROJECT_ROOT, 'adapters/start.ts');
  return promisify(execFile)(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, cwd: PROJECT_ROOT }).then(
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
