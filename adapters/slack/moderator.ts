/** Who is a moderator on Slack: for /reindex, /unanswered and the moderators' App Home. */
import type { AllMiddlewareArgs } from '@slack/bolt';
import { UserFacingError } from '../../src/index.js';
import { moderatorsOnly, type ModeratorAction } from '../shared/moderators.js';
import type { Deps } from './reply.js';

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
