/** The question log over a real SQLite file in a temporary folder: stored, voted, kept across restarts, pruned, survived when broken. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, type AskedQuestion } from '../../adapters/shared/question-log.js';
import { loadQuestionLogSettings } from '../../adapters/shared/settings.js';
import { groupNearDuplicates, parseDays, unansweredReport } from '../../adapters/shared/unanswered.js';
import { tempDir } from '../helpers.js';
import { openTestLog } from '../support/question-db.js';

const asked = (question: string, more: Partial<AskedQuestion> = {}): AskedQuestion => ({
  platform: 'slack',
  channel: 'C1',
  user: 'U1',
  question,
  status: 'not_found',
  citations: [],
  tookMs: 12,
  ...more,
});

describe('question log', () => {
  it('stores questions in WAL mode with hashed user ids, and keeps them across a restart', async () => {
    const dir = await tempDir();
    const first = openTestLog(dir).questions;
    const id = first.record(asked('小泉大臣の年齢は？', { user: 'U12345' }))!;
    first.close();

    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const row = db.prepare('SELECT * FROM questions WHERE id = ?').get(id) as Record<string, unknown>;
    db.close();
    expect(row).toMatchObject({ platform: 'slack', channel: 'C1', question: '小泉大臣の年齢は？', status: 'not_found', took_ms: 12 });
    expect(row.user_hash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(row)).not.toContain('U12345');

    const again = openTestLog(dir).questions;
    expect(again.unanswered(0, 10)).toEqual([{ question: '小泉大臣の年齢は？', status: 'not_found', downVotes: 0 }]);
    // The same salt after a restart: the same user's second vote replaces the first.
    expect(again.vote(id, 'slack', 'U12345', 'up')).toBe(true);
    again.close();
    const reopened = openTestLog(dir).questions;
    expect(reopened.vote(id, 'slack', 'U12345', 'down')).toBe(true);
    expect(reopened.unanswered(0, 10)[0]!.downVotes).toBe(1);
    expect(reopened.vote(id + 1000, 'slack', 'U12345', 'down')).toBe(false);
    reopened.close();
  });

  it('prunes questions older than LOG_RETENTION_DAYS', async () => {
    const dir = await tempDir();
    let now = Date.UTC(2026, 0, 1);
    const questions = openTestLog(dir, { LOG_RETENTION_DAYS: '7' }, () => now).questions;
    questions.record(asked('古い質問'));
    now += 8 * 24 * 60 * 60 * 1000;
    questions.record(asked('新しい質問'));
    expect(questions.unanswered(0, 10).map((q) => q.question)).toEqual(['新しい質問']);
    questions.close();
  });

  it('stores nothing when LOG_QUESTIONS=false', async () => {
    const dir = await tempDir();
    const questions = openTestLog(dir, { LOG_QUESTIONS: 'false' }).questions;
    expect(questions.record(asked('q'))).toBeUndefined();
    expect(questions.problem).toBe('LOG_QUESTIONS=false');
  });

  it('reports a corrupt database file and goes on without logging', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, DATABASE_FILE), Buffer.from('this is not a database, only garbage bytes '.repeat(200)));
    const { questions, logger } = openTestLog(dir);
    expect(questions.problem).toMatch(/bot\.sqlite cannot be used \(file is not a database\)/);
    expect(logger.error).toHaveBeenCalledWith(expect.anything(), questions.problem);
    expect(questions.record(asked('q'))).toBeUndefined();
  });

  it('refuses, and reports, a database whose schema is newer than this bot', async () => {
    const dir = await tempDir();
    openTestLog(dir).questions.close();
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.pragma('user_version = 99');
    db.close();
    const { questions } = openTestLog(dir);
    expect(questions.problem).toMatch(/schema version 99 is newer than this bot knows \(1\); update the bot/);
  });

  it('reports a write to a database locked by another process, and keeps going', async () => {
    const dir = await tempDir();
    const { questions, logger } = openTestLog(dir);
    const other = new Database(path.join(dir, DATABASE_FILE), { timeout: 0 });
    other.exec('BEGIN EXCLUSIVE');
    expect(questions.record(asked('q'))).toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ err: expect.objectContaining({ code: 'SQLITE_BUSY' }) }), expect.stringMatching(/could not record a question/));
    other.exec('ROLLBACK');
    other.close();
    expect(questions.record(asked('q'))).toBeTypeOf('number');
    questions.close();
  }, 15_000);

  it('names the variable of a bad setting', () => {
    expect(() => loadQuestionLogSettings({ LOG_RETENTION_DAYS: 'soon' })).toThrow(/LOG_RETENTION_DAYS is "soon"/);
    expect(() => loadQuestionLogSettings({ USER_ID_SALT: 'short' })).toThrow(/USER_ID_SALT is "short": must be at least 16/);
  });
});

describe('unanswered questions', () => {
  it('groups near-duplicates with their count, most frequent first', () => {
    const rows = [
      ...['小泉大臣の年齢は？', '小泉大臣の年齢は？', '小泉大臣の年齢は何歳？', '小泉大臣の年齢は?'].map((question) => ({ question, status: 'not_found' as const, downVotes: 0 })),
      { question: 'GCAPの開発はどこまで進んでいる？', status: 'answered' as const, downVotes: 2 },
    ];
    expect(groupNearDuplicates(rows)).toEqual([
      { question: '小泉大臣の年齢は？', count: 4, refused: 4, downVotes: 0, wordings: ['小泉大臣の年齢は？', '小泉大臣の年齢は何歳？'] },
      { question: 'GCAPの開発はどこまで進んでいる？', count: 1, refused: 0, downVotes: 2, wordings: ['GCAPの開発はどこまで進んでいる？'] },
    ]);
  });

  it('leads a group with its most frequent wording, though a rarer one was asked first', () => {
    const rows = ['GCAPはいつ完成？', 'GCAPはいつ完成する？', 'GCAPはいつ完成する？'].map((question) => ({ question, status: 'not_found' as const, downVotes: 0 }));
    expect(groupNearDuplicates(rows)).toEqual([
      { question: 'GCAPはいつ完成する？', count: 3, refused: 3, downVotes: 0, wordings: ['GCAPはいつ完成する？', 'GCAPはいつ完成？'] },
    ]);
  });

  it('looks back the days asked for', async () => {
    const dir = await tempDir();
    let now = Date.UTC(2026, 0, 1);
    const questions = openTestLog(dir, {}, () => now).questions;
    questions.record(asked('十日前の質問'));
    now += 10 * 24 * 60 * 60 * 1000;
    questions.record(asked('今日の質問'));
    expect(unansweredReport(questions, 7, now).groups.map((g) => g.question)).toEqual(['今日の質問']);
    expect(unansweredReport(questions, 30, now).groups).toHaveLength(2);
    questions.close();
    expect(parseDays('')).toBe(30);
    expect(() => parseDays('0')).toThrow(/1 to 3650/);
  });
});
