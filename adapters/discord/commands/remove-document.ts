/** `/remove-document name:<autocomplete>`: moderators remove a document from the material. */
import { type AutocompleteInteraction, type ChatInputCommandInteraction, InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { KnowledgeBase } from '../../../src/index.js';
import { changeText, REMOVE_DOCUMENT } from '../../shared/documents.js';
import type { CommandContext } from '../command.js';
import { requireModerator } from '../moderator.js';
import { escapeDiscord } from '../render.js';

/** Discord shows at most this many choices. */
const MAX_CHOICES = 25;

export const data = new SlashCommandBuilder()
  .setName('remove-document')
  .setDescription('Remove a document from the material (moderators)')
  .setDescriptionLocalizations({ ja: '資料を削除する（モデレーター用）' })
  .addStringOption((o) =>
    o.setName('name').setDescription('The document (its path in the corpus)').setDescriptionLocalizations({ ja: '資料（コーパス内のパス）' }).setRequired(true).setAutocomplete(true),
  )
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

export async function execute(interaction: ChatInputCommandInteraction, { kb, settings }: CommandContext) {
  requireModerator(interaction, settings.DISCORD_MODERATOR_ROLE_IDS, REMOVE_DOCUMENT);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const change = await kb.removeDocument(interaction.options.getString('name', true), `discord:${interaction.user.id}`);
  await interaction.editReply({ content: escapeDiscord(changeText(change, true)) });
}

/** The indexed documents whose path holds what has been typed so far. */
export async function autocomplete(interaction: AutocompleteInteraction, kb: KnowledgeBase) {
  const typed = interaction.options.getFocused().toLowerCase();
  const matches = kb.sources().documents.filter((d) => d.docId.toLowerCase().includes(typed));
  await interaction.respond(matches.slice(0, MAX_CHOICES).map((d) => ({ name: d.docId.slice(0, 100), value: d.docId.slice(0, 100) })));
}
