/**
 * `/ask` inside a thread where the bot has answered is a follow-up: the earlier questions are
 * the titles of the bot's answers in that thread, read from Discord (not from memory, so a
 * restart loses nothing). Needs Read Message History in the thread.
 */
import type { ChatInputCommandInteraction, Message } from 'discord.js';
import { log } from '../../src/index.js';
import { THREAD_MESSAGES_READ } from '../shared/tuning.js';
import { unescapeDiscord } from './render.js';


/** The questions the bot answered earlier in the thread `interaction` came from, oldest first; none outside a thread. */
export async function earlierQuestions(interaction: ChatInputCommandInteraction): Promise<string[]> {
  try {
    const channel = interaction.channel ?? (await interaction.client.channels.fetch(interaction.channelId));
    if (!channel?.isThread()) return [];
    const messages = [...(await channel.messages.fetch({ limit: THREAD_MESSAGES_READ })).values()];
    const answers = messages.filter((m: Message) => m.author.id === interaction.client.user.id && m.embeds[0]?.title);
    return answers.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1)).map((m) => unescapeDiscord(m.embeds[0]!.title!));
  } catch (err) {
    log.warn({ adapter: 'discord', err, channel: interaction.channelId }, 'could not read the thread; answering the question on its own');
    return [];
  }
}
