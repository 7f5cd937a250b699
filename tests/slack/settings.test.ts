/** Slack settings: what is required in which mode, and errors that say where to get a token. */
import { describe, expect, test } from 'vitest';
import { slackConfigured } from '../../adapters/slack/index.js';
import { loadSlackSettings } from '../../adapters/slack/settings.js';

const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };

describe('Slack settings', () => {
  test('the adapter is configured exactly when SLACK_BOT_TOKEN is set', () => {
    expect(slackConfigured({ SLACK_BOT_TOKEN: 'xoxb-1' })).toBe(true);
    expect(slackConfigured({ SLACK_BOT_TOKEN: ' ' })).toBe(false);
    expect(slackConfigured({ DISCORD_TOKEN: 'x' })).toBe(false);
  });

  test('defaults: HTTP on port 3000, answers only to the asker, no moderators listed', () => {
    expect(loadSlackSettings(base)).toMatchObject({
      PORT: 3000,
      SLACK_RESPONSE_TYPE: 'ephemeral',
      SLACK_MODERATOR_USER_IDS: [],
      RATE_LIMIT_PER_MINUTE: 10,
    });
  });

  test('a missing bot token names the variable and where to get it', () => {
    expect(() => loadSlackSettings({ SLACK_SIGNING_SECRET: 's' })).toThrow(
      /SLACK_BOT_TOKEN is not set: .*Bot User OAuth Token.*api\.slack\.com\/apps → your app → OAuth & Permissions/,
    );
    expect(() => loadSlackSettings({ ...base, SLACK_BOT_TOKEN: 'xapp-1' })).toThrow(/SLACK_BOT_TOKEN .*starts with "xoxb-"/);
  });

  test('HTTP mode needs the signing secret; Socket Mode does not', () => {
    expect(() => loadSlackSettings({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET is not set: .*Basic Information/);
    expect(loadSlackSettings({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).SLACK_APP_TOKEN).toBe('xapp-1');
    expect(() => loadSlackSettings({ ...base, SLACK_APP_TOKEN: 'xoxb-2' })).toThrow(/SLACK_APP_TOKEN .*App-Level Tokens/);
  });

  test('moderators are a comma- or space-separated list; other values are checked', () => {
    expect(loadSlackSettings({ ...base, SLACK_MODERATOR_USER_IDS: 'U1, U2 U3,' }).SLACK_MODERATOR_USER_IDS).toEqual(['U1', 'U2', 'U3']);
    expect(() => loadSlackSettings({ ...base, SLACK_RESPONSE_TYPE: 'public' })).toThrow(/SLACK_RESPONSE_TYPE/);
    expect(() => loadSlackSettings({ ...base, SLACK_API_URL: 'not a url' })).toThrow(/SLACK_API_URL/);
    expect(() => loadSlackSettings({ ...base, PORT: '70000' })).toThrow(/PORT/);
  });
});
