/** `npm run discord:register` and the Discord settings, against the fake Discord's REST API. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordConfigured } from '../../adapters/discord/index.js';
import { registerCommands } from '../../adapters/discord/register.js';
import { loadDiscordSettings } from '../../adapters/discord/settings.js';
import { ConfigError, MAX_QUESTION_CHARS, PROJECT_ROOT } from '../../src/index.js';
import { FakeDiscord, IDS } from './fake-discord.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(() => fake?.close());

const registerEnv = () => ({
  DISCORD_TOKEN: fake.token,
  DISCORD_APPLICATION_ID: IDS.application,
  DISCORD_API_URL: fake.apiUrl,
});

/**
 * Runs the register script as `npm run discord:register` does, with only the given Discord
 * settings: the others are set empty, which means unset, so a developer's `.env` cannot fill them in.
 */
async function runScript(env: Record<string, string>) {
  const unset = { DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '', DISCORD_GUILD_ID: '', DISCORD_API_URL: '' };
  const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'adapters/discord/register.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...unset, ...env },
  });
  return run.then(
    ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
}

describe('discord:register', () => {
  it('puts the six commands to the guild when DISCORD_GUILD_ID is set, the moderators\' ones for Manage Server only', async () => {
    expect(await registerCommands({ ...registerEnv(), DISCORD_GUILD_ID: IDS.guild })).toBe(`in guild ${IDS.guild}`);
    const put = await fake.waitFor((r) => r.method === 'PUT', 'command registration');
    expect(put.path).toBe(`/applications/${IDS.application}/guilds/${IDS.guild}/commands`);
    expect(put.headers.authorization).toBe(`Bot ${fake.token}`);

    const byName = Object.fromEntries((put.body as { name: string; default_member_permissions?: string }[]).map((c) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual(['add-document', 'ask', 'reindex', 'remove-document', 'sources', 'unanswered']);
    for (const moderated of ['reindex', 'unanswered', 'add-document', 'remove-document']) {
      expect(byName[moderated]).toMatchObject({ default_member_permissions: String(PermissionFlagsBits.ManageGuild) });
    }
    for (const open of ['ask', 'sources']) expect(byName[open]!.default_member_permissions ?? null).toBeNull();
    expect(byName.ask).toMatchObject({
      options: [
        { name: 'question', type: 3, required: true, max_length: MAX_QUESTION_CHARS },
        { name: 'private', type: 5, required: false },
      ],
    });
  });

  it('registers globally when no guild is set, and says so', async () => {
    expect(await registerCommands(registerEnv())).toBe('globally');
    const put = await fake.waitFor((r) => r.method === 'PUT' && r.path === `/applications/${IDS.application}/commands`, 'global command registration');
    expect((put.body as { name: string }[]).map((c) => c.name)).toContain('ask');
  });

  it('registers globally from the command line when no guild is set', async () => {
    const { code, stdout } = await runScript(registerEnv());
    expect(code).toBe(0);
    expect(stdout).toContain('Registered /ask, /sources, /reindex, /unanswered, /add-document, /remove-document globally.');
    const puts = fake.requests.filter((r) => r.method === 'PUT').map((r) => r.path);
    expect(puts).toContain(`/applications/${IDS.application}/commands`);
  });

  it('names the missing variable and where to get it, and exits non-zero', async () => {
    const { code, stderr } = await runScript({ DISCORD_APPLICATION_ID: IDS.application });
    expect(code).toBe(1);
    expect(stderr).toMatch(/DISCORD_TOKEN is not set: .*Discord Developer Portal → your application → Bot → Reset Token/);
  });
});

describe('settings', () => {
  it('starts the adapter only when a token is set', () => {
    expect([{}, { DISCORD_TOKEN: ' ' }, { DISCORD_TOKEN: 't' }].map((env) => discordConfigured(env))).toEqual([false, false, true]);
  });

  it('reads moderator roles, the REST base and the private default', () => {
    const s = loadDiscordSettings({
      DISCORD_TOKEN: 't',
      DISCORD_MODERATOR_ROLE_IDS: ` ${IDS.moderatorRole}, 400000000000000002 `,
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      DISCORD_ASK_PRIVATE: 'true',
    });
    expect(s).toMatchObject({
      DISCORD_MODERATOR_ROLE_IDS: [IDS.moderatorRole, '400000000000000002'],
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      DISCORD_ASK_PRIVATE: true,
      RATE_LIMIT_PER_MINUTE: 10,
    });
  });

  it('says which variables are wrong and why', () => {
    const load = () => loadDiscordSettings({ DISCORD_TOKEN: 't', DISCORD_MODERATOR_ROLE_IDS: 'mods', DISCORD_API_URL: 'ftp://x' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/DISCORD_MODERATOR_ROLE_IDS is "mods": must be a Discord ID/);
    expect(load).toThrow(/DISCORD_API_URL is "ftp:\/\/x"/);
  });
});
