/** `/unanswered [days]`: moderators see, privately, which questions the material does not answer yet. */
import { UNANSWERED } from '../../shared/moderators.js';
import { parseDays, unansweredReport } from '../../shared/unanswered.js';
import { moderatorCommand } from '../moderator.js';
import { renderUnanswered } from '../render.js';

export const unansweredCommand = moderatorCommand(UNANSWERED, async (deps, command, reply) => {
  await reply.answer(renderUnanswered(unansweredReport(deps.questions, parseDays(command.text))));
});
