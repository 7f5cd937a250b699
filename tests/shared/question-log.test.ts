/** The question log over a real SQLite file in a temporary folder: stored, voted, kept across restarts, pruned, survived when broken. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, type AskedQuestion } from '../../adapters/shared/question-log.js';
import { loadQuestionLogSettings } from '../../adapters/shared/settings.js';
import { groupNearDuplicates, parseDays, unansweredReport } from '../../adapters/shared/unanswered.js';
import { UserFacingError } from '../../src/index.js';
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
    const { questions, logger } = openTestLog(dir, { LOG_RETENTION_DAYS: '7' }, () => now);
    questions.record(asked('古い質問'));
    now += 8 * 24 * 60 * 60 * 1000;
    questions.record(asked('新しい質問'));
    expect(questions.unanswered(0, 10).map((q) => q.question)).toEqual(['新しい質問']);
    expect(logger.info).toHaveBeenCalledWith({ removed: 1, retentionDays: 7 }, 'Pruned old questions from the log');
    questions.close();
  });

  it('prunes on start and then once an hour (PRUNE_EVERY_MS), not on every question', async () => {
    const HOUR = 60 * 60 * 1000;
    const DAY = 24 * HOUR;
    const start = Date.UTC(2026, 0, 1);
    let now = start;
    const { questions } = openTestLog(await tempDir(), { LOG_RETENTION_DAYS: '7' }, () => now);
    questions.record(asked('一問目'));
    now = start + 30 * 60 * 1000;
    questions.record(asked('二問目'));
    // A week later: this write prunes (an hour has passed), but neither question is a week old yet.
    now = start + 7 * DAY;
    questions.record(asked('三問目'));
    // Both are past the week 31 minutes later, but the next prune is not due for another 29 minutes.
    now = start + 7 * DAY + 31 * 60 * 1000;
    questions.record(asked('四問目'));
    expect(questions.unanswered(0, 10).map((q) => q.question)).toEqual(['四問目', '三問目', '二問目', '一問目']);
    // An hour after the last prune, the next write prunes both.
    now = start + 7 * DAY + HOUR;
    questions.record(asked('五問目'));
    expect(questions.unanswered(0, 10).map((q) => q.question)).toEqual(['五問目', '四問目', '三問目']);
    questions.close();
  });

  it('stores nothing when LOG_QUESTIONS=false', async () => {
    const dir = await tempDir();
    const questions = openTestLog(dir, { LOG_QUESTIONS: 'false' }).questions;
    expect(questions.record(asked('q'))).toBeUndefined();
    expect(questions.problem).toBe('LOG_QUESTIONS=false');
    // No vote is taken and nothing is read back, so no button can act on a question that was never stored.
    expect(questions.vote(1, 'slack', 'U1', 'up')).toBe(false);
    expect(questions.citations(1)).toBeUndefined();
    expect(questions.unanswered(0, 10)).toEqual([]);
  });

  it('reads back the sources an answer cited, and nothing for a question it does not hold', async () => {
    const questions = openTestLog(await tempDir()).questions;
    const citations = [{ n: 1, docId: 'a.txt', title: 'A', line: 3, quote: '引用。' }];
    const id = questions.record(asked('q', { status: 'answered', citations }))!;
    expect(questions.citations(id)).toEqual(citations);
    expect(questions.citations(id + 1)).toBeUndefined();
    questions.close();
  });

  it('keeps every question when LOG_RETENTION_DAYS=0', async () => {
    let now = Date.UTC(2020, 0, 1);
    const { questions, logger } = openTestLog(await tempDir(), { LOG_RETENTION_DAYS: '0' }, () => now);
    questions.record(asked('五年前の質問'));
    now += 5 * 365 * 24 * 60 * 60 * 1000;
    questions.record(asked('今日の質問'));
    expect(questions.unanswered(0, 10).map((q) => q.question)).toEqual(['今日の質問', '五年前の質問']);
    expect(logger.info).not.toHaveBeenCalled();
    questions.close();
  });

  it('reports, and goes on without logging, when its folder cannot be made', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'not-a-folder'), '');
    const { questions, logger } = openTestLog(path.join(dir, 'not-a-folder', 'data'));
    expect(questions.problem).toMatch(/not-a-folder\/data\/bot\.sqlite cannot be used \(.*ENOTDIR.*\); answering without logging$/);
    expect(logger.error).toHaveBeenCalledWith({ err: expect.any(Error), file: path.join(dir, 'not-a-folder', 'data', DATABASE_FILE) }, questions.problem);
  });

  it('reports a corrupt database file and goes on without logging', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, DATABASE_FILE), Buffer.from('this is not a database, only garbage bytes '.repeat(200)));
    const { questions, logger } = openTestLog(dir);
    expect(questions.problem).toMatch(/bot\.sqlite cannot be used \(file is not a database\)/);
    expect(logger.error).toHaveBeenCalledWith({ err: expect.objectContaining({ code: 'SQLITE_NOTADB' }), file: path.join(dir, DATABASE_FILE) }, questions.problem);
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
    expect(questions.vote(1, 'slack', 'U1', 'down')).toBe(false);
    expect(logger.error).toHaveBeenLastCalledWith({ err: expect.objectContaining({ code: 'SQLITE_BUSY' }), file: path.join(dir, DATABASE_FILE) }, 'could not record a vote in the question log');
    other.exec('ROLLBACK');
    other.close();
    expect(questions.record(asked('q'))).toBeTypeOf('number');
    questions.close();
    // A read that fails (here: the database is gone) is logged too, and gives nothing rather than throwing.
    expect(questions.citations(1)).toBeUndefined();
    expect(logger.error).toHaveBeenLastCalledWith(expect.objectContaining({ err: expect.any(Error) }), 'could not read an answer in the question log');
    expect(questions.unanswered(0, 10)).toEqual([]);
    expect(logger.error).toHaveBeenLastCalledWith(expect.objectContaining({ err: expect.any(Error) }), 'could not read unanswered questions in the question log');
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

  it('takes a whole number of days from 1 to 3650, spaces around it allowed, and refuses anything else', () => {
    expect(parseDays()).toBe(30);
    expect(parseDays('   ')).toBe(30);
    expect(parseDays(' 7 ')).toBe(7);
    expect(parseDays('1')).toBe(1);
    expect(parseDays('3650')).toBe(3650);
    for (const typed of ['3651', '-1', '1.5', 'week', '7日']) {
      expect(() => parseDays(typed)).toThrow(UserFacingError);
    }
    expect(() => parseDays('1.5')).toThrow('日数は 1〜3650 の整数で指定してください。(Days must be a whole number from 1 to 3650.)');
  });

  it('says why the list may be empty when the log is not in use', async () => {
    const questions = openTestLog(await tempDir(), { LOG_QUESTIONS: 'false' }).questions;
    expect(unansweredReport(questions, 7)).toEqual({ days: 7, groups: [], problem: 'LOG_QUESTIONS=false' });
    const working = openTestLog(await tempDir()).questions;
    expect(unansweredReport(working, 7)).toEqual({ days: 7, groups: [] });
    working.close();
  });

  const refused = (question: string) => ({ question, status: 'not_found' as const, downVotes: 0 });

  it('counts wordings that differ only in spaces, punctuation, width or case as one, shown trimmed', () => {
    const rows = [' GCAPとは ', 'ＧＣＡＰ とは？', 'gcapとは。'].map(refused);
    expect(groupNearDuplicates(rows)).toEqual([{ question: 'GCAPとは', count: 3, refused: 3, downVotes: 0, wordings: ['GCAPとは'] }]);
  });

  it('groups wordings whose similarity just reaches the threshold, and not those just below', () => {
    // abcdef and abcdxy share 3 of their 5 bigrams each: 2·3 / (5 + 5) = 0.6; abcdef and abcxyz share 2: 0.4.
    expect(groupNearDuplicates(['abcdef', 'abcdef', 'abcdxy'].map(refused)).map((g) => g.wordings)).toEqual([['abcdef', 'abcdxy']]);
    expect(groupNearDuplicates(['abcdef', 'abcdef', 'abcxyz'].map(refused)).map((g) => g.wordings)).toEqual([['abcdef'], ['abcxyz']]);
  });

  it('lists at most the 20 most frequent groups', async () => {
    const questions = openTestLog(await tempDir()).questions;
    // 25 questions about different things (春春の春は何, 夏夏の夏は何…: one bigram in common).
    for (const s of '春夏秋冬東西南北金銀銅鉄山川海空雨雪風雲星月花鳥魚') questions.record(asked(`${s}${s}の${s}は何`));
    expect(groupNearDuplicates(questions.unanswered(0, 100))).toHaveLength(25);
    expect(unansweredReport(questions, 7).groups).toHaveLength(20);
    questions.close();
  });

  it('puts the more voted-down of two equally frequent groups first, and keeps unrelated questions apart', () => {
    const rows = [
      { question: '会議はいつ？', status: 'not_found' as const, downVotes: 0 },
      { question: '予算の総額は？', status: 'answered' as const, downVotes: 3 },
      { question: 'A', status: 'not_found' as const, downVotes: 0 },
    ];
    expect(groupNearDuplicates(rows).map((g) => [g.question, g.count, g.refused, g.downVotes])).toEqual([
      ['予算の総額は？', 1, 0, 3],
      ['会議はいつ？', 1, 1, 0],
      ['A', 1, 1, 0],
    ]);
  });
});
