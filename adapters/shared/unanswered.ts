/**
 * The moderators' view: the questions of the last days that the bot could not answer or whose
 * answer was voted down, near-duplicates grouped, most frequent first. It says which document to
 * write next. Shown by `/unanswered` (Discord, Slack), Slack's App Home and `npm run report`.
 */
import { UserFacingError } from '../../src/index.js';
import type { QuestionLog, Unanswered } from './question-log.js';
import { NEAR_DUPLICATE_SIMILARITY, UNANSWERED_DEFAULT_DAYS, UNANSWERED_LISTED, UNANSWERED_MAX_DAYS, UNANSWERED_SCANNED } from './tuning.js';

export interface UnansweredGroup {
  /** The most frequent wording in the group. */
  question: string;
  /** How many times it was asked, all wordings together. */
  count: number;
  /** How many of those found nothing in the material. */
  refused: number;
  /** 👎 votes on its answers. */
  downVotes: number;
  /** Every wording, most frequent first. */
  wordings: string[];
}

export interface UnansweredReport {
  days: number;
  groups: UnansweredGroup[];
  /** Why the list may be empty although questions went unanswered (the log is off or broken). */
  problem?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How many days back, as typed (`/unanswered 7`, `--days 7`); the default when blank. */
export function parseDays(text = ''): number {
  if (!text.trim()) return UNANSWERED_DEFAULT_DAYS;
  const days = Number(text.trim());
  if (!Number.isInteger(days) || days < 1 || days > UNANSWERED_MAX_DAYS) {
    throw new UserFacingError(`日数は 1〜${UNANSWERED_MAX_DAYS} の整数で指定してください。(Days must be a whole number from 1 to ${UNANSWERED_MAX_DAYS}.)`);
  }
  return days;
}

export function unansweredReport(log: QuestionLog, days: number, now = Date.now()): UnansweredReport {
  const groups = groupNearDuplicates(log.unanswered(now - days * DAY_MS, UNANSWERED_SCANNED)).slice(0, UNANSWERED_LISTED);
  return { days, groups, ...(log.problem ? { problem: log.problem } : {}) };
}

/** What is compared: width, case, punctuation and spaces do not make a question different. */
const comparable = (question: string) => question.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}\s]/gu, '');

function bigrams(text: string): Set<string> {
  if (text.length < 2) return new Set([text]);
  const grams = new Set<string>();
  for (let i = 0; i < text.length - 1; i++) grams.add(text.slice(i, i + 2));
  return grams;
}

/** The Dice coefficient: 1 for the same bigrams, 0 for none shared. */
function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/**
 * Groups the questions greedily, most frequent wording first: each joins the first group whose
 * leading wording is similar enough, or starts its own. Linear in the groups per wording, which
 * UNANSWERED_SCANNED keeps small.
 */
export function groupNearDuplicates(rows: Unanswered[]): UnansweredGroup[] {
  const byWording = new Map<string, { rows: Unanswered[]; text: string }>();
  for (const row of rows) {
    const key = comparable(row.question);
    const entry = byWording.get(key) ?? { rows: [], text: row.question.trim() };
    entry.rows.push(row);
    byWording.set(key, entry);
  }
  const groups: (UnansweredGroup & { grams: Set<string> })[] = [];
  for (const [key, { rows: same, text }] of [...byWording].sort((a, b) => b[1].rows.length - a[1].rows.length)) {
    const grams = bigrams(key);
    let group = groups.find((g) => similarity(g.grams, grams) >= NEAR_DUPLICATE_SIMILARITY);
    if (!group) {
      group = { question: text, count: 0, refused: 0, downVotes: 0, wordings: [], grams };
      groups.push(group);
    }
    group.count += same.length;
    group.refused += same.filter((r) => r.status === 'not_found').length;
    group.downVotes += same.reduce((sum, r) => sum + r.downVotes, 0);
    group.wordings.push(text);
  }
  return groups
    .sort((a, b) => b.count - a.count || b.downVotes - a.downVotes)
    .map(({ grams: _grams, ...group }) => group);
}
