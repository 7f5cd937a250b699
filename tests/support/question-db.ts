/** Reads the question log's SQLite file directly, as another process would: what tests check was really stored. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { vi } from 'vitest';
import { DATABASE_FILE, openQuestionLog } from '../../adapters/shared/question-log.js';
import { loadQuestionLogSettings } from '../../adapters/shared/settings.js';

function query<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The votes stored for question `id`: 1 for 👍, -1 for 👎, one per user. */
export const votesOf = (dataDir: string, id: number) =>
  query<{ vote: number; user_hash: string }>(dataDir, 'SELECT vote, user_hash FROM feedback WHERE question_id = ?', id);

export const loggedQuestions = (dataDir: string) =>
  query<{ id: number; platform: string; channel: string; question: string; status: string; citations: string }>(
    dataDir,
    'SELECT id, platform, channel, question, status, citations FROM questions ORDER BY id',
  );

/** Resolves once `check` holds, polling: for what happens without any message to wait for (a silent answer). */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A logger whose calls tests can read. */
const spyLogger = () => ({ error: vi.fn(), warn: vi.fn(), info: vi.fn() });

/** A question log in `dataDir` (more settings in `env`), with a logger whose calls tests can read. */
export function openTestLog(dataDir: string, env: Record<string, string> = {}, now?: () => number) {
  const logger = spyLogger();
  return { questions: openQuestionLog(loadQuestionLogSettings({ DATA_DIR: dataDir, ...env }), logger, now), logger };
}
