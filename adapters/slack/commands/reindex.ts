/** `/reindex`: moderators rebuild the index; everyone keeps getting answers from the old one meanwhile. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { UserFacingError } from '../../../src/index.js';
import { plain, renderReindex } from '../render.js';
import { commandReply, guarded, type Deps } from '../reply.js';

export const reindexCommand =
  (deps: Deps) =>
  async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    // Reindex replies concern only the moderator who asked.
    const reply = commandReply(respond, 'ephemeral');
    await guarded(deps, reply, command.user_id, async () => {
      if (!(await isModerator(deps, client, command.user_id))) {
        throw new UserFacingError('再索引はモデレーターだけが実行できます。(Only moderators can reindex.)');
      }
      await reply.notice(plain('再索引を始めました。その間も今の索引で回答します。(Reindexing; the current index keeps answering meanwhile.)'));
      const report = await deps.kb.reindex({ by: `slack:${command.user_id}` });
      await reply.answer(renderReindex(report));
    });
  };

/** The configured moderators; when none are configured, the workspace's admins and owners. */
async function isModerator(deps: Deps, client: AllMiddlewareArgs['client'], userId: string): Promise<boolean> {
  const moderators = deps.settings.SLACK_MODERATOR_USER_IDS;
  if (moderators.length > 0) return moderators.includes(userId);
  const { user } = await client.users.info({ user: userId });
  return Boolean(user?.is_admin || user?.is_owner);
}
