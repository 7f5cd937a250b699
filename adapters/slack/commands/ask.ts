/** `/ask <question>`: acknowledged at once, answered through the response_url when the core is done. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { answerQuestion, commandReply, guarded, type Deps } from '../reply.js';

export const askCommand =
  (deps: Deps) =>
  async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    // Ack before any work: Slack's 3-second deadline must hold even while the core is busy.
    await ack();
    const reply = commandReply(respond, deps.settings.SLACK_RESPONSE_TYPE);
    await guarded(deps, reply, command.user_id, () =>
      answerQuestion(deps, reply, { channel: command.channel_id, user: command.user_id }, command.text, { echo: true }),
    );
  };
