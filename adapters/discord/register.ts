/**
 * `npm run discord:register`: registers the slash commands through the REST API — to
 * DISCORD_GUILD_ID when set (shows up at once, for development), else globally.
 */
import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { ConfigError, loadDotEnv, type Env } from '../../src/index.js';
import { commands } from './commands/index.js';
import { loadRegisterSettings } from './settings.js';

/** Replaces the application's commands with ours; returns where they were registered. */
export async function registerCommands(env: Env = process.env): Promise<string> {
  const s = loadRegisterSettings(env);
  const rest = new REST(s.DISCORD_API_URL ? { api: s.DISCORD_API_URL } : {}).setToken(s.DISCORD_TOKEN);
  const route = s.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(s.DISCORD_APPLICATION_ID, s.DISCORD_GUILD_ID)
    : Routes.applicationCommands(s.DISCORD_APPLICATION_ID);
  await rest.put(route, { body: commands.map((c) => c.data.toJSON()) });
  return s.DISCORD_GUILD_ID ? `in guild ${s.DISCORD_GUILD_ID}` : 'globally';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  loadDotEnv();
  try {
    const where = await registerCommands();
    console.log(`Registered ${commands.map((c) => `/${c.data.name}`).join(', ')} ${where}.`);
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exitCode = 1;
  }
}
