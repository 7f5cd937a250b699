/** `@bot <question>` in a channel: answered in a thread under the message; inside a thread the bot answered in, a follow-up. */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { answerQuestion, guarded, type Deps, type Reply } from '../reply.js';
import { earlierQuestions } from '../thread.js';

export const appMention =
  (deps: Deps) =>
  async ({ event, client, context }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    // Another bot mentioning us could start a loop.
    if (event.bot_id || !event.user) return;
    const { channel, user } = event;
    const thread_ts = event.thread_ts ?? event.ts;
    const reply: Reply = {
      answer: (m) => client.chat.postMessage({ ...m, channel, thread_ts }),
      notice: (m) => client.chat.postEphemeral({ ...m, channel, user, thread_ts }),
    };
    // The mention of the bot itself goes with the rest of Slack's markup.
    await guarded(deps, reply, user, async () => {
      // In a thread the bot answered in, the earlier questions are the context of this one.
      const earlier = event.thread_ts ? await earlierQuestions(client, channel, event.thread_ts, event.ts, context.botUserId, deps.log) : [];
      await answerQuestion(deps, reply, { channel, user }, event.text, { context: earlier });
    });
  };
