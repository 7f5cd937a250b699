/** `/ask question:<text> [private:<bool>]`: a cited answer from the material. */
import { type ChatInputCommandInteraction, MessageFlags, SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_CHARS } from '../../../src/index.js';
import { askAndLog } from '../../shared/ask.js';
import type { CommandContext } from '../command.js';
import { answerButtons, renderAnswer } from '../render.js';
import { earlierQuestions } from '../thread.js';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask about the material; the answer cites its sources')
  .setDescriptionLocalizations({ ja: '資料について質問する（出典つきで回答）' })
  .addStringOption((o) =>
    o
      .setName('question')
      .setDescription('Your question')
      .setDescriptionLocalizations({ ja: '質問' })
      .setRequired(true)
      .setMaxLength(MAX_QUESTION_CHARS),
  )
  .addBooleanOption((o) =>
    o
      .setName('private')
      .setDescription('Only you see the answer')
      .setDescriptionLocalizations({ ja: '自分だけに表示する' }),
  );

/** Mentions are Discord syntax, not words of the question: `<@id>`, `<@&role>`, `<#channel>`, @everyone, @here. */
const MENTION = /<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b/g;

export const withoutMentions = (text: string) => text.replace(MENTION, ' ');

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext) {
  const question = withoutMentions(interaction.options.getString('question', true));
  const { settings } = ctx;
  const isPrivate = interaction.options.getBoolean('private') ?? settings.DISCORD_ASK_PRIVATE;
  // Defer before any work: Discord drops interactions not acknowledged within 3 seconds.
  await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
  const context = await earlierQuestions(interaction);
  const logged = await askAndLog(ctx, { platform: 'discord', channel: interaction.channelId, user: interaction.user.id }, question, context);
  await interaction.editReply({ embeds: [renderAnswer(question, logged.answer)], components: answerButtons(logged) });
}
