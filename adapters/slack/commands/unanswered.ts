/** `/unanswered [days]`: moderators see, privately, which questions the material does not answer yet. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { UNANSWERED } from '../../shared/moderators.js';
import { parseDays, unansweredReport } from '../../shared/unanswered.js';
import { requireModerator } from '../moderator.js';
import { renderUnanswered } from '../render.js';
import { commandReply, guarded, type Deps } from '../reply.js';

export const unansweredCommand =
  (deps: Deps) =>
  async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const reply = commandReply(respond, 'ephemeral');
    await guarded(deps, reply, command.user_id, async () => {
      await requireModerator(deps, client, command.user_id, UNANSWERED);
      await reply.answer(renderUnanswered(unansweredReport(deps.questions, parseDays(command.text))));
    });
  };
