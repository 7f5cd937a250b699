/** What every listener shares: its dependencies, how it replies, and the question flow. */
import type { RespondFn } from '@slack/bolt';
import type { Logger } from 'pino';
import { UserFacingError, type KnowledgeBase } from '../../src/index.js';
import { enforceRateLimit, type RateLimiter } from '../shared/rate-limit.js';
import { userMessage } from '../shared/user-message.js';
import { plain, renderAnswer, renderSources, type SlackMessage } from './render.js';
import type { SlackSettings } from './settings.js';

export interface Deps {
  kb: KnowledgeBase;
  settings: SlackSettings;
  limiter: RateLimiter;
  log: Logger;
}

/** Where a listener's messages go; each listener decides what "answer" and "notice" mean there. */
export interface Reply {
  /** The result: an answer, the sources, a reindex report. */
  answer(message: SlackMessage): Promise<unknown>;
  /** Something only the asker needs to see: a usage hint, a refusal, an error. */
  notice(message: SlackMessage): Promise<unknown>;
}

/** Slash commands reply through their response_url; notices are always ephemeral. */
export function commandReply(respond: RespondFn, responseType: SlackSettings['SLACK_RESPONSE_TYPE']): Reply {
  return {
    answer: (m) => respond({ ...m, response_type: responseType }),
    notice: (m) => respond({ ...m, response_type: 'ephemeral' }),
  };
}

export const USAGE =
  '質問を書いてください。例: `/ask 小泉防衛相の年齢は？` 資料の一覧は `/ask sources`。' +
  '(Usage: `/ask <question>`, or mention me with the question; `/ask sources` lists the documents.)';

const SOURCES_WORDS = new Set(['sources', 'source', '資料', '出典']);

/**
 * What the person typed, from Slack's encoding of it: mentions (`<@U…>`, `<#C…>`, `<!here>`) carry
 * nothing to search for and are dropped, a link becomes its label or address, and `&amp;`, `&lt;`,
 * `&gt;` are decoded (the renderer escapes them again on the way out).
 */
export function fromSlack(text: string): string {
  return text
    .replace(/<([^<>|]*)(?:\|([^<>]*))?>/g, (_, target: string, label?: string) => label ?? (/^[@#!]/.test(target) ? '' : target))
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/**
 * Answers `text` (as Slack sent it) from `user`. `echo` repeats the question above the answer, for replies that do
 * not show the asker's message (slash commands).
 */
export async function answerQuestion(deps: Deps, reply: Reply, user: string, text: string, echo: boolean): Promise<void> {
  const question = fromSlack(text).trim();
  if (!question) {
    await reply.notice(plain(USAGE));
    return;
  }
  if (SOURCES_WORDS.has(question.toLowerCase())) {
    await reply.answer(renderSources(deps.kb.sources()));
    return;
  }
  const answer = await deps.kb.ask(question);
  deps.log.info({ user, status: answer.status, tookMs: answer.tookMs }, 'slack question answered');
  await reply.answer(renderAnswer(answer, echo ? question : undefined));
}

/**
 * Runs a listener's work for `user`, within their rate limit, so that no error escapes: a
 * UserFacingError's message goes to the user as is, anything else gets a short apology and its
 * details go to the log.
 */
export async function guarded(deps: Deps, reply: Reply, user: string, work: () => Promise<void>): Promise<void> {
  try {
    enforceRateLimit(deps.limiter, user);
    await work();
  } catch (err) {
    if (!(err instanceof UserFacingError)) deps.log.error({ err }, 'slack request failed');
    await reply.notice(plain(userMessage(err))).catch((replyErr: unknown) => deps.log.error({ err: replyErr }, 'slack reply failed'));
  }
}
