/** The App Home tab, published each time someone opens it: moderators see the moderators' view. */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { UNANSWERED_DEFAULT_DAYS } from '../../shared/tuning.js';
import { unansweredReport } from '../../shared/unanswered.js';
import { isModerator } from '../moderator.js';
import { renderHome } from '../render.js';
import type { Deps } from '../reply.js';

export const appHomeOpened =
  (deps: Deps) =>
  async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    try {
      const moderator = await isModerator(deps, client, event.user);
      const view = moderator ? { unanswered: unansweredReport(deps.questions, UNANSWERED_DEFAULT_DAYS), sources: deps.kb.sources() } : undefined;
      await client.views.publish({ user_id: event.user, view: renderHome(view) });
    } catch (err) {
      // Nobody asked for anything: there is no one to tell but the log.
      deps.log.error({ err, user: event.user }, 'could not publish the App Home');
    }
  };
