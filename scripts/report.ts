/**
 * `npm run report -- [--days N] [--json]`: the moderators' view in the terminal: the most
 * frequent unanswered or 👎 questions of the last N days, near-duplicates grouped, from the
 * question log (DATA_DIR/bot.sqlite).
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadDotEnv, log, UserFacingError } from '../src/index.js';
import { openQuestionLog } from '../adapters/shared/question-log.js';
import { loadQuestionLogSettings } from '../adapters/shared/settings.js';
import { parseDays, unansweredReport, type UnansweredReport } from '../adapters/shared/unanswered.js';

export function formatReport(report: UnansweredReport): string {
  const head = `Unanswered or 👎 questions, last ${report.days} days`;
  if (report.groups.length === 0) return `${head}: none.${report.problem ? `\n(${report.problem})` : ''}`;
  const lines = report.groups.map((g, i) => {
    const others = g.wordings.slice(1).map((w) => `\n      also: ${w}`).join('');
    return `${String(i + 1).padStart(3)}. ${g.count}× ${g.question}  (refused ${g.refused}, 👎 ${g.downVotes})${others}`;
  });
  return [`${head}:`, ...lines].join('\n');
}

function main(): void {
  loadDotEnv();
  const { values } = parseArgs({ options: { days: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const days = parseDays(values.days);
  const settings = loadQuestionLogSettings();
  // A report reads a log others write: turning logging off for the bot must not hide what is there.
  const questions = openQuestionLog({ ...settings, LOG_QUESTIONS: true }, log);
  try {
    const report = unansweredReport(questions, days);
    console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    if (report.problem) process.exitCode = 1;
  } finally {
    questions.close();
  }
}

/** Bad settings, a bad --days, an unknown option: the message says what to fix; anything else in full. */
const explained = (err: unknown) =>
  err instanceof ConfigError || err instanceof UserFacingError || String((err as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (err) {
    console.error(explained(err) ? (err as Error).message : err);
    process.exitCode = 1;
  }
}
