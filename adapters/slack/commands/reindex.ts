/** `/reindex`: moderators rebuild the index; everyone keeps getting answers from the old one meanwhile. */
import { REINDEX } from '../../shared/moderators.js';
import { moderatorCommand } from '../moderator.js';
import { plain, renderReindex } from '../render.js';

export const reindexCommand = moderatorCommand(REINDEX, async (deps, command, reply) => {
  await reply.notice(plain('再索引を始めました。その間も今の索引で回答します。(Reindexing; the current index keeps answering meanwhile.)'));
  const report = await deps.kb.reindex({ by: `slack:${command.user_id}` });
  await reply.answer(renderReindex(report));
});
