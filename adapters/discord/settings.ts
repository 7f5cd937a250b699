/** Discord settings from the environment, validated with zod (documented in .env.example). */
import { z } from 'zod';
import { parseSettings, type Env } from '../../src/index.js';
import { sharedAdapterSchema } from '../shared/settings.js';

/** A Discord ID; `missing` is the message shown when it is required and not set. */
const snowflake = (missing?: string) =>
  z.string({ error: missing }).regex(/^\d{17,20}$/, 'must be a Discord ID (17–20 digits)');

/** A comma-separated list of Discord IDs. */
const snowflakes = z
  .string()
  .transform((list) => list.split(',').map((id) => id.trim()).filter(Boolean))
  .pipe(z.array(snowflake()))
  .default([]);

const botSchema = sharedAdapterSchema.extend({
  DISCORD_TOKEN: z.string({
    error: 'get the bot token from the Discord Developer Portal → your application → Bot → Reset Token',
  }),
  DISCORD_MODERATOR_ROLE_IDS: snowflakes,
  /** Forum channels whose new posts are answered in their thread without a command. */
  DISCORD_AUTO_ANSWER_FORUMS: snowflakes,
  /** Whether the privileged Message Content intent is enabled, so a forum post's first message is read too (else its title only). */
  DISCORD_MESSAGE_CONTENT_INTENT: z.stringbool().default(false),
  /** REST base without the version, e.g. a REST proxy; discord.js appends `/v10`. */
  DISCORD_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Whether `/ask` answers privately (ephemeral) when the user does not say. */
  DISCORD_ASK_PRIVATE: z.stringbool().default(false),
});

const registerSchema = botSchema.pick({ DISCORD_TOKEN: true, DISCORD_API_URL: true }).extend({
  DISCORD_APPLICATION_ID: snowflake(
    'copy it from the Discord Developer Portal → your application → General Information',
  ),
  /** Register to this guild only (instant, for development); globally when unset. */
  DISCORD_GUILD_ID: snowflake().optional(),
});

export type DiscordSettings = z.infer<typeof botSchema>;
export type RegisterSettings = z.infer<typeof registerSchema>;

export const loadDiscordSettings = (env: Env = process.env): DiscordSettings => parseSettings(botSchema, env);
export const loadRegisterSettings = (env: Env = process.env): RegisterSettings => parseSettings(registerSchema, env);
