/** `/add-document file:<attachment> [replace:<bool>]`: moderators add a document from chat. */
import { type ChatInputCommandInteraction, InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { ADD_DOCUMENT, changeText, download } from '../../shared/documents.js';
import type { CommandContext } from '../command.js';
import { requireModerator } from '../moderator.js';
import { escapeDiscord } from '../render.js';

export const data = new SlashCommandBuilder()
  .setName('add-document')
  .setDescription('Add a .md, .txt or .html document to the material (moderators)')
  .setDescriptionLocalizations({ ja: '資料を追加する（.md / .txt / .html、モデレーター用）' })
  .addAttachmentOption((o) => o.setName('file').setDescription('The document').setDescriptionLocalizations({ ja: '資料のファイル' }).setRequired(true))
  .addBooleanOption((o) =>
    o.setName('replace').setDescription('Replace a document of the same name').setDescriptionLocalizations({ ja: '同じ名前の資料を置き換える' }),
  )
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

export async function execute(interaction: ChatInputCommandInteraction, { kb, settings }: CommandContext) {
  requireModerator(interaction, settings.DISCORD_MODERATOR_ROLE_IDS, ADD_DOCUMENT);
  const file = interaction.options.getAttachment('file', true);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const bytes = await download(file.url, kb.maxFileBytes);
  const change = await kb.addDocument({ name: file.name, bytes, replace: interaction.options.getBoolean('replace') ?? false }, `discord:${interaction.user.id}`);
  await interaction.editReply({ content: escapeDiscord(changeText(change)) });
}
