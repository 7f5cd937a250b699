/** Interactive components (interactivity must be enabled in manifest.yml): the buttons under an answer. */
import type { App, BlockButtonAction, RespondFn, SlackActionMiddlewareArgs, AllMiddlewareArgs } from '@slack/bolt';
import { parseAction, passagesOf, recordVote } from '../../shared/actions.js';
import { plain, renderPassages, type SlackMessage } from '../render.js';
import { guarded, type Deps, type Reply } from '../reply.js';

export function registerActions(app: App, deps: Deps): void {
  // Every click, so that one on a button that is not ours (one an older version posted) is
  // acknowledged too: unacknowledged, Slack shows the clicker an error, and Bolt logs one.
  app.action<BlockButtonAction>({ type: 'block_actions' }, answerButton(deps));
}

/** 👍 / 👎 / show passage: acknowledged at once (Slack waits 3 s), then answered to the clicker only; any other button is ignored. */
const answerButton =
  (deps: Deps) =>
  async ({ ack, action, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const clicked = parseAction(action.action_id);
    if (!clicked) return;
    const user = body.user.id;
    const reply = privately(respond);
    await guarded(
      deps,
      reply,
      user,
      async () => {
        if (clicked.kind === 'passage') await reply.answer(renderPassages(await passagesOf(deps, clicked.id)));
        else await reply.answer(plain(recordVote(deps, 'slack', user, clicked.id, clicked.kind)));
      },
      { action: action.action_id },
    );
  };

/** Through the click's response_url, as an ephemeral message beside (never instead of) the answer. */
function privately(respond: RespondFn): Reply {
  const send = (m: SlackMessage) => respond({ ...m, response_type: 'ephemeral', replace_original: false });
  return { answer: send, notice: send };
}
