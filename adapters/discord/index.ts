/** The Discord adapter: one discord.js client that turns slash commands, button clicks and forum posts into calls on one KnowledgeBase. */
import { once } from 'node:events';
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  DiscordjsErrorCodes,
  Events,
  GatewayCloseCodes,
  GatewayIntentBits,
  MessageFlags,
  type RepliableInteraction,
} from 'discord.js';
import { ConfigError, type KnowledgeBase, log, UserFacingError, type Env } from '../../src/index.js';
import { parseAction, passagesOf, recordVote } from '../shared/actions.js';
import { handleRequest } from '../shared/handle-request.js';
import { LOGGING_OFF, type QuestionLog } from '../shared/question-log.js';
import { createRateLimiter, type RateLimiter } from '../shared/rate-limit.js';
import type { Operations, RunningAdapter } from '../shared/settings.js';
import type { CommandContext } from './command.js';
import { commands } from './commands/index.js';
import { autocomplete as autocompleteDocuments } from './commands/remove-document.js';
import { answerForumPost, isNewForumPost } from './forum.js';
import { renderPassages } from './render.js';
import { loadDiscordSettings } from './settings.js';

const logger = log.child({ adapter: 'discord' });
const byName = new Map(commands.map((c) => [c.data.name, c]));

/** Whether `npm start` should start this adapter. */
export function discordConfigured(env: Env = process.env): boolean {
  return Boolean(env.DISCORD_TOKEN?.trim());
}

/**
 * Connects to Discord and answers until `stop()`. Throws ConfigError on bad settings, a refused
 * token, or a Message Content intent that is asked for but not enabled for the application.
 */
export async function startDiscord(kb: KnowledgeBase, env: Env = process.env, questions: QuestionLog = LOGGING_OFF, operations: Operations = {}): Promise<RunningAdapter> {
  const settings = loadDiscordSettings(env);
  const client = new Client({
    // Slash commands, buttons and new forum threads arrive with Guilds, which is not privileged.
    // Message Content (privileged) only lets a forum post's first message be read.
    intents: [GatewayIntentBits.Guilds, ...(settings.DISCORD_MESSAGE_CONTENT_INTENT ? [GatewayIntentBits.MessageContent] : [])],
    // The default for every message this client sends: nothing in a question or answer pings anyone.
    allowedMentions: { parse: [] },
    ...(settings.DISCORD_API_URL ? { rest: { api: settings.DISCORD_API_URL } } : {}),
  });
  const ctx: CommandContext = { kb, questions, settings, ...operations };
  const limiter = createRateLimiter(settings.RATE_LIMIT_PER_MINUTE);

  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void handleRequest(limiter, logger, commandRequest(interaction, ctx), ctx.inFlight);
    else if (interaction.isButton()) void handleButton(interaction, ctx, limiter);
    else if (interaction.isAutocomplete() && interaction.commandName === 'remove-document') {
      void autocompleteDocuments(interaction, kb).catch((err: unknown) => logger.warn({ err }, 'could not offer document names'));
    }
  });
  client.on(Events.ThreadCreate, (thread, newlyCreated) => {
    if (isNewForumPost(thread, newlyCreated, settings.DISCORD_AUTO_ANSWER_FORUMS)) void answerForumPost(thread, ctx, limiter, logger);
  });
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));

  try {
    await connect(client, settings.DISCORD_TOKEN);
  } catch (err) {
    await client.destroy();
    throw err;
  }
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord adapter ready');
  return {
    name: 'discord',
    problem: () => (client.isReady() ? undefined : 'not connected to the Discord gateway'),
    stop: () => client.destroy(),
  };
}

/**
 * Logs in and waits until every guild has arrived (discord.js queues interactions until then).
 * Discord refusing the token or an intent ends that wait with a ConfigError naming the setting,
 * instead of a wait for ever.
 */
async function connect(client: Client, token: string): Promise<void> {
  const done = new AbortController();
  const refused = once(client, Events.ShardDisconnect, { signal: done.signal }).then(([event]) => {
    throw gatewayRefused((event as { code: number }).code);
  });
  try {
    await Promise.race([Promise.all([once(client, Events.ClientReady, { signal: done.signal }), client.login(token)]), refused]);
  } catch (err) {
    if ((err as { code?: unknown }).code === DiscordjsErrorCodes.TokenInvalid) throw gatewayRefused(GatewayCloseCodes.AuthenticationFailed);
    throw err;
  } finally {
    done.abort();
  }
}

function gatewayRefused(code: number): Error {
  switch (code) {
    case GatewayCloseCodes.AuthenticationFailed:
      return new ConfigError('DISCORD_TOKEN was refused by Discord: reset it in the Discord Developer Portal → your application → Bot → Reset Token');
    case GatewayCloseCodes.DisallowedIntents:
      return new ConfigError(
        'DISCORD_MESSAGE_CONTENT_INTENT=true, but Discord refused the Message Content intent: enable it in the Discord Developer Portal → your application → Bot → Privileged Gateway Intents, or set DISCORD_MESSAGE_CONTENT_INTENT=false',
      );
    default:
      return new Error(`Discord closed the gateway connection for good (close code ${code}, ${GatewayCloseCodes[code] ?? 'unknown'}): ${CLOSE_CAUSES[code] ?? 'not a setting of this bot; please report it'}`);
  }
}

/** What the other close codes Discord does not reconnect after mean for this bot, and what to do. */
const CLOSE_CAUSES: Partial<Record<number, string>> = {
  [GatewayCloseCodes.ShardingRequired]: 'the bot is in too many servers for one gateway connection, and this adapter does not shard; remove it from some servers',
  [GatewayCloseCodes.InvalidAPIVersion]: 'this discord.js speaks a gateway version Discord no longer accepts; update it (npm update discord.js)',
};

function commandRequest(interaction: ChatInputCommandInteraction, ctx: CommandContext) {
  return {
    user: interaction.user.id,
    meta: { command: interaction.commandName, guild: interaction.guildId },
    run: async () => {
      const command = byName.get(interaction.commandName);
      if (!command) throw new UserFacingError('このコマンドは使えません。(Unknown command.)');
      await command.execute(interaction, ctx);
    },
    replyPrivately: (text: string) => replyPrivately(interaction, text),
  };
}

/** 👍 / 👎 / show passage under an answer: answered privately at once, well within Discord's 3 s. */
async function handleButton(interaction: ButtonInteraction, ctx: CommandContext, limiter: RateLimiter) {
  const action = parseAction(interaction.customId);
  await handleRequest(limiter, logger, {
    user: interaction.user.id,
    meta: { button: interaction.customId, guild: interaction.guildId },
    run: async () => {
      // Every button on our messages comes to us: one we do not know (an older version's) is answered too, or Discord says it failed.
      if (!action) throw new UserFacingError('このボタンは使えません。(Unknown button.)');
      if (action.kind === 'passage') {
        const embed = renderPassages(await passagesOf(ctx, action.id));
        await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
      } else {
        await interaction.reply({ content: recordVote(ctx, 'discord', interaction.user.id, action.id, action.kind), flags: MessageFlags.Ephemeral });
      }
    },
    replyPrivately: (text) => replyPrivately(interaction, text),
  }, ctx.inFlight);
}

/** Shows `content` to the caller only, whatever state the reply is in. */
async function replyPrivately(interaction: RepliableInteraction, content: string) {
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
