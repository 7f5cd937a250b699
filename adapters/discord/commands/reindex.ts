/** `/reindex`: moderators rebuild the index from the corpus; the old index answers until it is done. */
import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { UserFacingError } from '../../../src/index.js';
import type { CommandContext } from '../command.js';
import { renderReindex } from '../render.js';

export const data = new SlashCommandBuilder()
  .setName('reindex')
  .setDescription('Rebuild the index from the material (moderators)')
  .setDescriptionLocalizations({ ja: '資料から索引を作り直す（モデレーター用）' })
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

/**
 * Checked again at run time: server admins can hand the command to anyone in Integrations
 * settings, and the moderator roles setting grants it without Manage Guild.
 */
function isModerator(interaction: ChatInputCommandInteraction, moderatorRoleIds: string[]): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const roles = interaction.member?.roles;
  if (!roles) return false;
  const held = Array.isArray(roles) ? roles : [...roles.cache.keys()];
  return held.some((id) => moderatorRoleIds.includes(id));
}

export async function execute(interaction: ChatInputCommandInteraction, { kb, settings }: CommandContext) {
  if (!isModerator(interaction, settings.DISCORD_MODERATOR_ROLE_IDS)) {
    throw new UserFacingError('再索引はモデレーターだけが実行できます。(Only moderators can reindex: Manage Server permission or a moderator role.)');
  }
  await interaction.deferReply();
  const { user } = interaction;
  const report = await kb.reindex({ by: `discord:${user.username} (${user.id})` });
  await interaction.editReply({ embeds: [renderReindex(report)] });
}
