/** A reindex that fails over Discord: the moderator is told what failed, and the old index keeps answering. */
import { cp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDiscord } from '../../adapters/discord/index.js';
import type { RunningAdapter } from '../../adapters/shared/settings.js';
import type { KnowledgeBase } from '../../src/index.js';
import { BUNDLED_CORPUS, openKnowledgeBase, tempDir } from '../helpers.js';
import { FakeDiscord, IDS } from './fake-discord.js';

let corpus: string;
let kb: KnowledgeBase;
let fake: FakeDiscord;
let bot: RunningAdapter;

beforeAll(async () => {
  corpus = await tempDir();
  await cp(BUNDLED_CORPUS, corpus, { recursive: true });
  kb = await openKnowledgeBase(corpus);
  fake = await FakeDiscord.start();
  bot = await startDiscord(kb, { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_MODERATOR_ROLE_IDS: IDS.moderatorRole });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

it('tells the moderator privately what failed, and keeps answering from the old index', async () => {
  const before = kb.sources();
  // Nothing left to index: the core refuses to swap in an empty index.
  for (const file of await readdir(corpus)) await rm(path.join(corpus, file));

  const reindex = fake.injectCommand({ name: 'reindex', roles: [IDS.moderatorRole] });
  const followUp = (await reindex.followUp()).body;
  expect(followUp.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  expect(followUp.content).toMatch(/^再索引に失敗しました。以前の索引で回答を続けます。\(Reindex failed: no usable documents/);

  expect(kb.sources()).toEqual(before);
  const answer = (await fake.injectCommand({ name: 'ask', options: { question: '小泉防衛大臣の年齢は？' } }).edited()).body;
  expect(answer.embeds[0].description).toContain('44歳');
});
