/** A direct message to the bot: answered in the DM. */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { answerQuestion, guarded, type Deps, type Reply } from '../reply.js';

export const directMessage =
  (deps: Deps) =>
  async ({ message, client }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    // Only what a person typed: no edits, joins, bot posts or messages outside DMs.
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id) return;
    const { channel, user } = message;
    const post: Reply['answer'] = (m) => client.chat.postMessage({ ...m, channel, thread_ts: message.thread_ts });
    const reply: Reply = { answer: post, notice: post };
    await guarded(deps, reply, user, () => answerQuestion(deps, reply, { channel, user }, message.text ?? ''));
  };
