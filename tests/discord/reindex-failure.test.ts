/** A reindex that fails over Discord: the moderator is told what failed, and the old index keeps answering. */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { MessageFlags } from 'discord.js';
import { beforeAll, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/index.js';
import { copyOfBundledCorpus, openKnowledgeBase } from '../helpers.js';
import { FakeDiscord, IDS } from './fake-discord.js';
import { startBotAgainstFake } from './start-bot.js';

let corpus: string;
let kb: KnowledgeBase;
let fake: FakeDiscord;

beforeAll(async () => {
  corpus = await copyOfBundledCorpus();
  kb = await openKnowledgeBase(corpus);
  ({ fake } = await startBotAgainstFake(kb, { DISCORD_MODERATOR_ROLE_IDS: IDS.moderatorRole }));
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
