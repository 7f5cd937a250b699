/** `npm run report`: the moderators' view in the terminal, read from a real bot.sqlite. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/index.js';
import { tempDir } from './helpers.js';
import { openTestLog } from './support/question-db.js';

let dataDir: string;

beforeAll(async () => {
  dataDir = await tempDir();
  const { questions } = openTestLog(dataDir);
  const base = { platform: 'slack' as const, channel: 'C1', user: 'U1', citations: [], tookMs: 5 };
  for (const question of ['GCAPの開発はどこまで？', 'GCAPの開発はどこまで?', 'GCAPの開発はどこまで進んだ？']) questions.record({ ...base, question, status: 'not_found' });
  const answered = questions.record({ ...base, question: '小泉大臣の年齢は？', status: 'answered' })!;
  questions.vote(answered, 'slack', 'U2', 'down');
  questions.record({ ...base, question: '役に立った質問', status: 'answered' });
  questions.close();
});

async function report(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = path.join(PROJECT_ROOT, 'scripts/report.ts');
  return promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    cwd: PROJECT_ROOT,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
}

describe('npm run report', () => {
  it('prints the unanswered and 👎 questions, near-duplicates grouped, as JSON', async () => {
    const { code, stdout } = await report('--days', '7', '--json');
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.days).toBe(7);
    expect(parsed.groups.map((g: { question: string; count: number }) => [g.count, g.question])).toEqual([
      [3, expect.stringMatching(/^GCAPの開発はどこまで/)],
      [1, '小泉大臣の年齢は？'],
    ]);
    expect(parsed.groups[1]).toMatchObject({ refused: 0, downVotes: 1 });
  });

  it('prints them as text, and names a bad --days', async () => {
    const { stdout } = await report();
    expect(stdout).toMatch(/^Unanswered or 👎 questions, last 30 days:\n {2}1\. 3× GCAPの開発はどこまで/);
    expect(stdout).toContain('2. 1× 小泉大臣の年齢は？  (refused 0, 👎 1)');
    const bad = await report('--days', 'many');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Days must be a whole number from 1 to 3650/);
  });
});
