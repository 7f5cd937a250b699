/** Every tuning number of the question log, the moderators' view and the passage view, in one place. */

/** A follow-up in a thread reads at most this many of its messages: it leans on the last few questions. */
export const THREAD_MESSAGES_READ = 50;

/** `/unanswered`, App Home and `npm run report` look back this many days unless told otherwise. */
export const UNANSWERED_DEFAULT_DAYS = 30;
/** …and at most this many (ten years): longer is surely a typing mistake. */
export const UNANSWERED_MAX_DAYS = 3650;

/** …and list this many groups of questions, most frequent first: a longer list is not read. */
export const UNANSWERED_LISTED = 20;

/** At most this many logged questions are grouped per view, newest first, so a view stays fast. */
export const UNANSWERED_SCANNED = 5000;

/**
 * Two questions are near-duplicates when the Dice coefficient of their character bigrams
 * (after NFKC, lower case, punctuation and spaces dropped) reaches this: 0.6 groups
 * `小泉大臣の年齢は？` with `小泉大臣の年齢は何歳？`, and keeps apart questions about other things.
 */
export const NEAR_DUPLICATE_SIMILARITY = 0.6;

/** Old questions are pruned on start and then at most this often (LOG_RETENTION_DAYS sets how old). */
export const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** A cited line is shown with at most this many lines of its paragraph on each side. */
export const PASSAGE_CONTEXT_LINES = 2;

/**
 * How long SQLite waits for a lock held by another process before the write is reported and
 * skipped. The wait blocks the bot (better-sqlite3 is synchronous), so it is short.
 */
export const DATABASE_BUSY_TIMEOUT_MS = 200;
