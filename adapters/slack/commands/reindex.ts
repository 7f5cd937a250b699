/** `/reindex`: moderators rebuild the index; everyone keeps getting answers from the old one meanwhile. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { REINDEX } from '../../shared/moderators.js';
import { requireModerator } from '../moderator.js';
import { plain, renderReindex } from '../render.js';
import { commandReply, guarded, type Deps } from '../reply.js';

export const reindexCommand =
  (deps: Deps) =>
  async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    // Reindex replies concern only the moderator who asked.
    const reply = commandReply(respond, 'ephemeral');
    await guarded(deps, reply, command.user_id, async () => {
      await requireModerator(deps, client, command.user_id, REINDEX);
      await reply.notice(plain('再索引を始めました。その間も今の索引で回答します。(Reindexing; the current index keeps answering meanwhile.)'));
      const report = await deps.kb.reindex({ by: `slack:${command.user_id}` });
      await reply.answer(renderReindex(report));
    });
  };
