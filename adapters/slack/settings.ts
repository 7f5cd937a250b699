/** Slack settings from the environment, validated with zod (documented in .env.example). */
import { z } from 'zod';
import { parseSettings, type Env } from '../../src/index.js';
import { sharedAdapterSchema } from '../shared/settings.js';

const APPS = 'api.slack.com/apps → your app';

const token = (prefix: string, what: string, where: string) =>
  z
    .string({ error: `needed: the ${what} (${prefix}…) from ${APPS} → ${where}` })
    .startsWith(prefix, { error: `must be the ${what}, which starts with "${prefix}" (${APPS} → ${where})` });

const slackSchema = sharedAdapterSchema
  .extend({
    SLACK_BOT_TOKEN: token('xoxb-', 'Bot User OAuth Token', 'OAuth & Permissions'),
    SLACK_SIGNING_SECRET: z.string().optional(),
    SLACK_APP_TOKEN: token('xapp-', 'App-Level Token with connections:write', 'Basic Information → App-Level Tokens').optional(),
    SLACK_MODERATOR_USER_IDS: z
      .string()
      .default('')
      .transform((s) => s.split(/[\s,]+/).filter(Boolean)),
    /** Channels where every new top-level message is answered in its thread, without a mention. */
    SLACK_AUTO_ANSWER_CHANNELS: z
      .string()
      .default('')
      .transform((s) => s.split(/[\s,]+/).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'must be channel IDs (C…), from the channel\'s details → About → Channel ID'))),
    SLACK_RESPONSE_TYPE: z.enum(['ephemeral', 'in_channel']).default('ephemeral'),
    SLACK_API_URL: z.url().optional(),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    HOST: z.string().optional(),
  })
  // Only the HTTP receiver needs the signing secret: Socket Mode is authenticated by the app token.
  .superRefine((s, ctx) => {
    if (!s.SLACK_APP_TOKEN && !s.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: `needed in HTTP mode (no SLACK_APP_TOKEN): the Signing Secret from ${APPS} → Basic Information → App Credentials`,
      });
    }
  });

export type SlackSettings = z.infer<typeof slackSchema>;

export function loadSlackSettings(env: Env = process.env): SlackSettings {
  return parseSettings(slackSchema, env);
}
