/** The Discord adapter: one discord.js client that turns slash commands into calls on one KnowledgeBase. */
import { once } from 'node:events';
import {
  type ChatInputCommandInteraction,
  Client,
  DiscordjsErrorCodes,
  Events,
  GatewayIntentBits,
  MessageFlags,
} from 'discord.js';
import { ConfigError, type KnowledgeBase, log, UserFacingError, type Env } from '../../src/index.js';
import { createRateLimiter, enforceRateLimit, type RateLimiter } from '../shared/rate-limit.js';
import type { RunningAdapter } from '../shared/settings.js';
import { userMessage } from '../shared/user-message.js';
import type { CommandContext } from './command.js';
import { commands } from './commands/index.js';
import { loadDiscordSettings } from './settings.js';

const logger = log.child({ adapter: 'discord' });
const byName = new Map(commands.map((c) => [c.data.name, c]));

/** Whether `npm start` should start this adapter. */
export function discordConfigured(env: Env = process.env): boolean {
  return Boolean(env.DISCORD_TOKEN?.trim());
}

/** Connects to Discord and answers slash commands until `stop()`. Throws ConfigError on bad settings or a refused token. */
export async function startDiscord(kb: KnowledgeBase, env: Env = process.env): Promise<RunningAdapter> {
  const settings = loadDiscordSettings(env);
  const client = new Client({
    // Slash commands arrive over the gateway without any privileged intent.
    intents: [GatewayIntentBits.Guilds],
    // The default for every message this client sends: nothing in a question or answer pings anyone.
    allowedMentions: { parse: [] },
    ...(settings.DISCORD_API_URL ? { rest: { api: settings.DISCORD_API_URL } } : {}),
  });
  const ctx: CommandContext = { kb, settings };
  const limiter = createRateLimiter(settings.RATE_LIMIT_PER_MINUTE);

  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void handle(interaction, ctx, limiter);
  });
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));

  // Interactions are queued by discord.js until every guild has arrived, so wait for that.
  const ready = once(client, Events.ClientReady);
  try {
    await client.login(settings.DISCORD_TOKEN);
    await ready;
  } catch (err) {
    await client.destroy();
    if ((err as { code?: unknown }).code === DiscordjsErrorCodes.TokenInvalid) {
      throw new ConfigError(
        'DISCORD_TOKEN was refused by Discord: reset it in the Discord Developer Portal → your application → Bot → Reset Token',
      );
    }
    throw err;
  }
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord adapter ready');
  return { name: 'discord', stop: () => client.destroy() };
}

/** Runs one command; whatever goes wrong is logged and answered privately, never thrown. */
async function handle(interaction: ChatInputCommandInteraction, ctx: CommandContext, limiter: RateLimiter) {
  const started = performance.now();
  const meta = { command: interaction.commandName, user: interaction.user.id, guild: interaction.guildId };
  try {
    const command = byName.get(interaction.commandName);
    if (!command) throw new UserFacingError('このコマンドは使えません。(Unknown command.)');
    enforceRateLimit(limiter, interaction.user.id);
    await command.execute(interaction, ctx);
    logger.info({ ...meta, ms: Math.round(performance.now() - started) }, 'interaction handled');
  } catch (err) {
    const userFacing = err instanceof UserFacingError;
    logger[userFacing ? 'info' : 'error']({ ...meta, err }, 'interaction refused or failed');
    await replyPrivately(interaction, userMessage(err)).catch((e: unknown) => logger.error({ ...meta, err: e }, 'could not reply'));
  }
}

/** Shows `content` to the caller only, whatever state the reply is in. */
async function replyPrivately(interaction: ChatInputCommandInteraction, content: string) {
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ content, flags: MessageFlags.Ephemeral });
  } else if (interaction.ephemeral) {
    await interaction.editReply({ content, embeds: [] });
  } else {
    // A public "thinking…" cannot turn private: remove it and follow up privately instead.
    await interaction.deleteReply();
    await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
  }
}
