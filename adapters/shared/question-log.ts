/**
 * The question log: each question asked in chat, what became of it and the votes on its answer,
 * in SQLite at DATA_DIR/bot.sqlite (WAL mode, schema migrated on open). Logging is a side job:
 * a database that cannot be opened or written is reported and the bot goes on answering without it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { PROJECT_ROOT, type AnswerStatus, type Citation } from '../../src/index.js';
import type { QuestionLogSettings } from './settings.js';
import { DATABASE_BUSY_TIMEOUT_MS, PRUNE_EVERY_MS } from './tuning.js';

export type Platform = 'discord' | 'slack';
export type Vote = 'up' | 'down';

export interface AskedQuestion {
  platform: Platform;
  channel: string;
  /** The platform's user id; only its salted hash is stored. */
  user: string;
  question: string;
  status: AnswerStatus;
  citations: Citation[];
  tookMs: number;
}

/** A logged question that went unanswered or was voted down, as the moderators' view reads it. */
export interface Unanswered {
  question: string;
  status: AnswerStatus;
  downVotes: number;
}

export interface QuestionLog {
  /** Why the log is not in use (off by setting, or the database failed); undefined while it works. */
  readonly problem: string | undefined;
  /** Stores a question; its id, or undefined when nothing was stored. */
  record(question: AskedQuestion): number | undefined;
  /** Stores `user`'s vote on the answer to question `id`, replacing their earlier one; false when there is no such question. */
  vote(id: number, platform: Platform, user: string, vote: Vote): boolean;
  /** The sources cited in the answer to question `id`; undefined when there is no such question. */
  citations(id: number): Citation[] | undefined;
  /** Questions since `since` (ms) that were refused or voted down, newest first, at most `limit`. */
  unanswered(since: number, limit: number): Unanswered[];
  close(): void;
}

type Log = Pick<Logger, 'error' | 'warn' | 'info'>;

/** Each entry moves the schema one version up (PRAGMA user_version counts them); never edit one, add one. */
const MIGRATIONS = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE questions (
     id INTEGER PRIMARY KEY,
     asked_at INTEGER NOT NULL,          -- ms since the epoch
     platform TEXT NOT NULL,
     channel TEXT NOT NULL,
     user_hash TEXT NOT NULL,
     question TEXT NOT NULL,
     status TEXT NOT NULL,               -- answered | not_found
     citations TEXT NOT NULL,            -- JSON: the Citation[] of the answer
     took_ms INTEGER NOT NULL
   );
   CREATE INDEX questions_asked_at ON questions (asked_at);
   CREATE TABLE feedback (
     question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
     user_hash TEXT NOT NULL,
     vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
     voted_at INTEGER NOT NULL,
     PRIMARY KEY (question_id, user_hash)
   );`,
];

const DAY_MS = 24 * 60 * 60 * 1000;

export const DATABASE_FILE = 'bot.sqlite';

/** Opens (creating and migrating) the log; when it is off or the file is unusable, a log that stores nothing and says why. */
export function openQuestionLog(settings: QuestionLogSettings, logger: Log, now: () => number = Date.now): QuestionLog {
  if (!settings.LOG_QUESTIONS) return noLog('LOG_QUESTIONS=false');
  const file = path.resolve(PROJECT_ROOT, settings.DATA_DIR, DATABASE_FILE);
  let db: Database.Database | undefined;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file, { timeout: DATABASE_BUSY_TIMEOUT_MS });
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return new SqliteQuestionLog(db, file, saltFor(db, settings.USER_ID_SALT), settings.LOG_RETENTION_DAYS, logger, now);
  } catch (err) {
    db?.close();
    const problem = `the question log ${file} cannot be used (${(err as Error).message}); answering without logging`;
    logger.error({ err, file }, problem);
    return noLog(problem);
  }
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) throw new Error(`schema version ${version} is newer than this bot knows (${MIGRATIONS.length}); update the bot`);
  db.transaction(() => {
    for (const sql of MIGRATIONS.slice(version)) db.exec(sql);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}

/** USER_ID_SALT, or else a random salt kept in the database, so that hashes stay the same across restarts. */
function saltFor(db: Database.Database, configured: string | undefined): string {
  if (configured) return configured;
  db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)`).run(randomBytes(32).toString('hex'));
  return (db.prepare(`SELECT value FROM meta WHERE key = 'salt'`).get() as { value: string }).value;
}

function noLog(problem: string): QuestionLog {
  return { problem, record: () => undefined, vote: () => false, citations: () => undefined, unanswered: () => [], close: () => {} };
}

/** For an adapter started without a log (benchmarks, tests of other things): answers carry no buttons. */
export const LOGGING_OFF: QuestionLog = noLog('no question log was opened');

class SqliteQuestionLog implements QuestionLog {
  readonly problem = undefined;
  private prunedAt = -Infinity;
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    private readonly salt: string,
    private readonly retentionDays: number,
    private readonly logger: Log,
    private readonly now: () => number,
  ) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO questions (asked_at, platform, channel, user_hash, question, status, citations, took_ms)
         VALUES (@askedAt, @platform, @channel, @userHash, @question, @status, @citations, @tookMs)`,
      ),
      vote: db.prepare(
        `INSERT INTO feedback (question_id, user_hash, vote, voted_at) SELECT id, ?, ?, ? FROM questions WHERE id = ?
         ON CONFLICT (question_id, user_hash) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at`,
      ),
      citations: db.prepare(`SELECT citations FROM questions WHERE id = ?`).pluck(),
      unanswered: db.prepare(
        `SELECT q.question, q.status, (SELECT count(*) FROM feedback f WHERE f.question_id = q.id AND f.vote < 0) AS downVotes
         FROM questions q WHERE q.asked_at >= ? AND (q.status = 'not_found' OR downVotes > 0)
         ORDER BY q.asked_at DESC LIMIT ?`,
      ),
      prune: db.prepare(`DELETE FROM questions WHERE asked_at < ?`),
    };
    this.prune();
  }

  record(q: AskedQuestion): number | undefined {
    return this.guard('record a question', () => {
      this.prune();
      const { lastInsertRowid } = this.statements.insert.run({
        askedAt: this.now(),
        platform: q.platform,
        channel: q.channel,
        userHash: this.hash(q.platform, q.user),
        question: q.question,
        status: q.status,
        citations: JSON.stringify(q.citations),
        tookMs: Math.round(q.tookMs),
      });
      return Number(lastInsertRowid);
    });
  }

  vote(id: number, platform: Platform, user: string, vote: Vote): boolean {
    const stored = this.guard('record a vote', () => this.statements.vote.run(this.hash(platform, user), vote === 'up' ? 1 : -1, this.now(), id).changes);
    return (stored ?? 0) > 0;
  }

  citations(id: number): Citation[] | undefined {
    const json = this.guard('read an answer', () => this.statements.citations.get(id) as string | undefined);
    return json === undefined ? undefined : (JSON.parse(json) as Citation[]);
  }

  unanswered(since: number, limit: number): Unanswered[] {
    return this.guard('read unanswered questions', () => this.statements.unanswered.all(since, limit) as Unanswered[]) ?? [];
  }

  close(): void {
    this.db.close();
  }

  /** A user id salted and hashed: the same person gets the same hash, and the id cannot be read back. */
  private hash(platform: Platform, user: string): string {
    return createHash('sha256').update(`${this.salt}\0${platform}\0${user}`).digest('hex').slice(0, 32);
  }

  private prune(): void {
    const now = this.now();
    if (this.retentionDays === 0 || now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    const { changes } = this.statements.prune.run(now - this.retentionDays * DAY_MS);
    if (changes > 0) this.logger.info({ removed: changes, retentionDays: this.retentionDays }, 'Pruned old questions from the log');
  }

  /** A failed write (a lock held too long, a disk full) is logged and skipped: the answer matters more. */
  private guard<T>(what: string, work: () => T): T | undefined {
    try {
      return work();
    } catch (err) {
      this.logger.error({ err, file: this.file }, `could not ${what} in the question log`);
      return undefined;
    }
  }
}
