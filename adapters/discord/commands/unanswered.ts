/** `/unanswered [days]`: moderators see, privately, which questions the material does not answer yet. */
import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { UNANSWERED_DEFAULT_DAYS, UNANSWERED_MAX_DAYS } from '../../shared/tuning.js';
import { unansweredReport } from '../../shared/unanswered.js';
import { UNANSWERED } from '../../shared/moderators.js';
import type { CommandContext } from '../command.js';
import { requireModerator } from '../moderator.js';
import { renderUnanswered } from '../render.js';

export const data = new SlashCommandBuilder()
  .setName('unanswered')
  .setDescription('The most frequent unanswered or 👎 questions (moderators)')
  .setDescriptionLocalizations({ ja: '回答できなかった・👎 の多い質問（モデレーター用）' })
  .addIntegerOption((o) =>
    o
      .setName('days')
      .setDescription(`How many days back (default ${UNANSWERED_DEFAULT_DAYS})`)
      .setDescriptionLocalizations({ ja: `何日前まで（既定 ${UNANSWERED_DEFAULT_DAYS}）` })
      .setMinValue(1)
      .setMaxValue(UNANSWERED_MAX_DAYS),
  )
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

export async function execute(interaction: ChatInputCommandInteraction, { questions, settings }: CommandContext) {
  requireModerator(interaction, settings.DISCORD_MODERATOR_ROLE_IDS, UNANSWERED);
  const days = interaction.options.getInteger('days') ?? UNANSWERED_DEFAULT_DAYS;
  await interaction.reply({ embeds: [renderUnanswered(unansweredReport(questions, days))], flags: MessageFlags.Ephemeral });
}
