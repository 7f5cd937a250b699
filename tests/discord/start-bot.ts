/** The real discord.js client over a real knowledge base, against a new fake Discord. */
import { afterAll } from 'vitest';
import { startDiscord } from '../../adapters/discord/index.js';
import type { RunningAdapter } from '../../adapters/shared/settings.js';
import type { KnowledgeBase } from '../../src/index.js';
import { FakeDiscord } from './fake-discord.js';

/** Starts the bot over `kb` with `env` (the token and API address are the fake's); both stop when the test file ends. */
export async function startBotAgainstFake(kb: KnowledgeBase, env: Record<string, string> = {}): Promise<{ fake: FakeDiscord; bot: RunningAdapter }> {
  const fake = await FakeDiscord.start();
  const bot = await startDiscord(kb, { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, ...env }).catch(async (err: unknown) => {
    await fake.close();
    throw err;
  });
  afterAll(async () => {
    await bot.stop();
    await fake.close();
  });
  return { fake, bot };
}
