/**
 * Channels that answer by themselves (SLACK_AUTO_ANSWER_CHANNELS): every new top-level message
 * is answered in its thread without a mention. When the material has no answer the bot stays
 * silent, for nobody asked it; the question is logged either way.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { answerQuestion, guarded, type Deps, type Reply } from '../reply.js';

export const autoAnswer =
  (deps: Deps) =>
  async ({ message, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    // Only what a person typed at the top level: no edits, joins, bot posts or replies in threads.
    if (message.subtype !== undefined || message.bot_id || message.thread_ts) return;
    if (!deps.settings.SLACK_AUTO_ANSWER_CHANNELS.includes(message.channel)) return;
    // A mention of the bot is answered by the app_mention listener; answering here too would answer twice.
    if (context.botUserId && message.text?.includes(`<@${context.botUserId}>`)) return;
    const { channel, user, ts } = message;
    const reply: Reply = {
      answer: (m) => client.chat.postMessage({ ...m, channel, thread_ts: ts }),
      notice: (m) => client.chat.postEphemeral({ ...m, channel, user, thread_ts: ts }),
    };
    await guarded(deps, reply, user, () => answerQuestion(deps, reply, { channel, user }, message.text ?? '', { quiet: true }), { channel });
  };
