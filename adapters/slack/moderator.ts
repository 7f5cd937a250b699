/** Who is a moderator on Slack: for /reindex, /unanswered and the moderators' App Home. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { UserFacingError } from '../../src/index.js';
import { moderatorsOnly, type ModeratorAction } from '../shared/moderators.js';
import { commandReply, guarded, type Deps, type Reply } from './reply.js';

/** The configured moderators; when none are configured, the workspace's admins and owners (users.info, scope users:read). */
export async function isModerator(deps: Deps, client: AllMiddlewareArgs['client'], userId: string): Promise<boolean> {
  const moderators = deps.settings.SLACK_MODERATOR_USER_IDS;
  if (moderators.length > 0) return moderators.includes(userId);
  const { user } = await client.users.info({ user: userId });
  return Boolean(user?.is_admin || user?.is_owner);
}

export async function requireModerator(deps: Deps, client: AllMiddlewareArgs['client'], userId: string, action: ModeratorAction): Promise<void> {
  if (!(await isModerator(deps, client, userId))) throw new UserFacingError(moderatorsOnly(action));
}

/**
 * A slash command only moderators may run: acknowledged at once, answered privately (it concerns
 * only the moderator who asked), refused with the reason for anyone else.
 */
export const moderatorCommand =
  (action: ModeratorAction, work: (deps: Deps, command: SlackCommandMiddlewareArgs['command'], reply: Reply) => Promise<void>) =>
  (deps: Deps) =>
  async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const reply = commandReply(respond, 'ephemeral');
    await guarded(deps, reply, command.user_id, async () => {
      await requireModerator(deps, client, command.user_id, action);
      await work(deps, command, reply);
    });
  };
