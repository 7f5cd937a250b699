/**
 * A moderator shares a `.md`, `.txt` or `.html` file in a direct message to the bot: it is added
 * to the material (a message saying `replace` / `置き換え` with it replaces one of the same name).
 * Needs the files:read scope to download it.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { UserFacingError } from '../../../src/index.js';
import { ADD_DOCUMENT, changeText, download } from '../../shared/documents.js';
import { requireModerator } from '../moderator.js';
import { plain } from '../render.js';
import { guarded, type Deps, type Reply } from '../reply.js';

interface SharedFile {
  name?: string;
  url_private_download?: string;
}

const REPLACE = /replace|置き換え|置換/i;

export const fileShare =
  (deps: Deps) =>
  async ({ message, client }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    // A bot cannot be a moderator, so a file a bot shares is refused like anyone's who is not.
    if (message.channel_type !== 'im' || message.subtype !== 'file_share') return;
    const { channel, user } = message;
    const post: Reply['answer'] = (m) => client.chat.postMessage({ ...m, channel });
    const reply: Reply = { answer: post, notice: post };
    await guarded(deps, reply, user, async () => {
      await requireModerator(deps, client, user, ADD_DOCUMENT);
      const files = (message.files ?? []) as SharedFile[];
      if (files.length === 0) throw new UserFacingError('ファイルが見つかりません (no file came with the message)');
      for (const file of files) {
        if (!file.url_private_download || !file.name) throw new UserFacingError('ファイルを取得できませんでした (the file cannot be downloaded)');
        const bytes = await download(file.url_private_download, deps.kb.maxFileBytes, { authorization: `Bearer ${deps.settings.SLACK_BOT_TOKEN}` });
        const change = await deps.kb.addDocument({ name: file.name, bytes, replace: REPLACE.test(message.text ?? '') }, `slack:${user}`);
        await reply.answer(plain(changeText(change)));
      }
    });
  };
