/** `/remove-document <name>`: moderators remove a document (its path, as /sources lists it) from the material. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { changeText, REMOVE_DOCUMENT } from '../../shared/documents.js';
import { requireModerator } from '../moderator.js';
import { plain } from '../render.js';
import { commandReply, guarded, type Deps } from '../reply.js';

export const removeDocumentCommand =
  (deps: Deps) =>
  async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const reply = commandReply(respond, 'ephemeral');
    await guarded(deps, reply, command.user_id, async () => {
      await requireModerator(deps, client, command.user_id, REMOVE_DOCUMENT);
      const change = await deps.kb.removeDocument(command.text.trim(), `slack:${command.user_id}`);
      await reply.answer(plain(changeText(change, true)));
    });
  };
