/** `/remove-document <name>`: moderators remove a document (its path, as /sources lists it) from the material. */
import { changeText, REMOVE_DOCUMENT } from '../../shared/documents.js';
import { moderatorCommand } from '../moderator.js';
import { plain } from '../render.js';

export const removeDocumentCommand = moderatorCommand(REMOVE_DOCUMENT, async (deps, command, reply) => {
  const change = await deps.kb.removeDocument(command.text.trim(), `slack:${command.user_id}`);
  await reply.answer(plain(changeText(change, true)));
});
