/** What every listener shares: its dependencies, how it replies, and the question flow. */
import type { RespondFn } from '@slack/bolt';
import type { Logger } from 'pino';
import { askAndLog, type Services } from '../shared/ask.js';
import { handleRequest } from '../shared/handle-request.js';
import type { RateLimiter } from '../shared/rate-limit.js';
import { plain, renderAnswer, renderSources, type SlackMessage } from './render.js';
import type { SlackSettings } from './settings.js';

export interface Deps extends Services {
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

export interface AnswerOptions {
  /** Repeat the question above the answer, for replies that do not show the asker's message (slash commands). */
  echo?: boolean;
  /** Say nothing when the material has no answer (auto-answer channels, where nobody asked the bot). */
  quiet?: boolean;
  /** The thread's earlier questions, oldest first, when this is a follow-up. */
  context?: readonly string[];
}

/** Answers `text` (as Slack sent it) from `user` in `channel`; the question is logged. */
export async function answerQuestion(deps: Deps, reply: Reply, asker: { channel: string; user: string }, text: string, options: AnswerOptions = {}): Promise<void> {
  const question = fromSlack(text).trim();
  if (!question) {
    if (!options.quiet) await reply.notice(plain(USAGE));
    return;
  }
  if (SOURCES_WORDS.has(question.toLowerCase())) {
    await reply.answer(renderSources(deps.kb.sources()));
    return;
  }
  const { answer, id } = await askAndLog(deps, { platform: 'slack', ...asker }, question, options.context);
  if (options.quiet && answer.status !== 'answered') return;
  await reply.answer(renderAnswer(answer, options.echo ? question : undefined, id));
}

/** Runs a listener's work for `user` on the shared request path (rate limit, errors answered privately, log). */
export function guarded(deps: Deps, reply: Reply, user: string, work: () => Promise<void>, meta: Record<string, unknown> = {}): Promise<void> {
  return handleRequest(deps.limiter, deps.log, { user, meta, run: work, replyPrivately: (text) => reply.notice(plain(text)) }, deps.inFlight);
}
