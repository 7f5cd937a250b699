/** `/sources`: what the bot answers from. */
import { type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import type { CommandContext } from '../command.js';
import { renderSources } from '../render.js';

export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('List the documents the bot answers from')
  .setDescriptionLocalizations({ ja: '回答のもとになる資料の一覧' });

export async function execute(interaction: ChatInputCommandInteraction, { kb }: CommandContext) {
  // Deferred like /ask: with thousands of documents the list takes a moment, and Discord waits 3 s only.
  await interaction.deferReply();
  await interaction.editReply({ embeds: [renderSources(kb.sources())] });
}
