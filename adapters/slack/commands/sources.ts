/** `/sources`: the documents the bot answers from (same as `/ask sources`). */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { renderSources } from '../render.js';
import { commandReply, guarded, type Deps } from '../reply.js';

export const sourcesCommand =
  (deps: Deps) =>
  async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const reply = commandReply(respond, deps.settings.SLACK_RESPONSE_TYPE);
    await guarded(deps, reply, command.user_id, async () => {
      await reply.answer(renderSources(deps.kb.sources()));
    });
  };
