/** `/reindex`: moderators rebuild the index from the corpus; the old index answers until it is done. */
import { type ChatInputCommandInteraction, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { REINDEX } from '../../shared/moderators.js';
import type { CommandContext } from '../command.js';
import { requireModerator } from '../moderator.js';
import { renderReindex } from '../render.js';

export const data = new SlashCommandBuilder()
  .setName('reindex')
  .setDescription('Rebuild the index from the material (moderators)')
  .setDescriptionLocalizations({ ja: '資料から索引を作り直す（モデレーター用）' })
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

export async function execute(interaction: ChatInputCommandInteraction, { kb, settings }: CommandContext) {
  requireModerator(interaction, settings.DISCORD_MODERATOR_ROLE_IDS, REINDEX);
  await interaction.deferReply();
  const { user } = interaction;
  const report = await kb.reindex({ by: `discord:${user.username} (${user.id})` });
  await interaction.editReply({ embeds: [renderReindex(report)] });
}
