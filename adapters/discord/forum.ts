/**
 * Forums that answer by themselves (DISCORD_AUTO_ANSWER_FORUMS): a new post is answered in its
 * thread from its title, and from its first message when the Message Content intent is enabled.
 * When the material has no answer the bot stays silent; the question is logged either way.
 */
import type { AnyThreadChannel } from 'discord.js';
import type { Logger } from 'pino';
import { MAX_QUESTION_CHARS } from '../../src/index.js';
import { askAndLog } from '../shared/ask.js';
import { handleRequest } from '../shared/handle-request.js';
import type { RateLimiter } from '../shared/rate-limit.js';
import type { CommandContext } from './command.js';
import { withoutMentions } from './commands/ask.js';
import { answerButtons, renderAnswer } from './render.js';

export function isNewForumPost(thread: AnyThreadChannel, newlyCreated: boolean, forums: string[]): boolean {
  // Threads the bot opens itself are never questions.
  return newlyCreated && thread.parentId !== null && forums.includes(thread.parentId) && thread.ownerId !== thread.client.user.id;
}

export async function answerForumPost(thread: AnyThreadChannel, ctx: CommandContext, limiter: RateLimiter, logger: Logger): Promise<void> {
  const user = thread.ownerId ?? thread.id;
  await handleRequest(limiter, logger, {
    user,
    meta: { forum: thread.parentId, thread: thread.id },
    run: async () => {
      const question = withoutMentions(await postText(thread, ctx.settings.DISCORD_MESSAGE_CONTENT_INTENT, logger)).slice(0, MAX_QUESTION_CHARS);
      const logged = await askAndLog(ctx, { platform: 'discord', channel: thread.parentId!, user }, question);
      if (logged.answer.status !== 'answered') return;
      await thread.send({ embeds: [renderAnswer(thread.name, logged.answer)], components: answerButtons(logged) });
    },
    // A forum post has no private reply: a refusal or failure is only logged.
    replyPrivately: async () => {},
  }, ctx.inFlight);
}

/**
 * The post's title, then its first message (the thread's starter message, which has the thread's
 * id). Without the Message Content intent Discord sends that message with empty content, so it is
 * not fetched at all.
 */
async function postText(thread: AnyThreadChannel, readContent: boolean, logger: Logger): Promise<string> {
  if (!readContent) return thread.name;
  const starter = await thread.fetchStarterMessage().catch((err: unknown) => {
    logger.warn({ err, thread: thread.id }, 'could not read the first message of a forum post; answering from its title');
    return null;
  });
  return [thread.name, starter?.content].filter(Boolean).join('\n');
}
