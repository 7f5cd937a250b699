/**
 * Closing the loop on Discord, with the real discord.js client over the real core against the
 * fake Discord, and the question log in a real SQLite file: feedback buttons, the passage view,
 * /unanswered, auto-answered forum posts, a restart, and a corrupt database.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GatewayIntentBits, InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../adapters/discord/index.js';
import { DATABASE_FILE, type QuestionLog } from '../../adapters/shared/question-log.js';
import type { RunningAdapter } from '../../adapters/shared/settings.js';
import { type KnowledgeBase, MAX_QUESTION_CHARS } from '../../src/index.js';
import { openKnowledgeBase, tempDir } from '../helpers.js';
import { eventually, loggedQuestions, openTestLog, votesOf } from '../support/question-db.js';
import { FakeDiscord, IDS, type Injected } from './fake-discord.js';
import { expectWithinLimits } from './limits.js';

const AGE = '小泉防衛大臣の年齢は？';
const UNANSWERABLE = ['次期戦闘機GCAPの共同開発はどこまで進んでる？', '次期戦闘機GCAPの共同開発はどこまで進んでいる？'];
const isEphemeral = (body: { flags?: number }) => ((body.flags ?? 0) & MessageFlags.Ephemeral) !== 0;

let kb: KnowledgeBase;
let fake: FakeDiscord;
let dataDir: string;
let questions: QuestionLog;
let bot: RunningAdapter | undefined;

const env = (more: Record<string, string> = {}) => ({
  DISCORD_TOKEN: fake.token,
  DISCORD_API_URL: fake.apiUrl,
  DISCORD_MODERATOR_ROLE_IDS: IDS.moderatorRole,
  DISCORD_AUTO_ANSWER_FORUMS: IDS.forum,
  ...more,
});

beforeAll(async () => {
  kb = await openKnowledgeBase();
  fake = await FakeDiscord.start();
  dataDir = await tempDir();
  questions = openTestLog(dataDir).questions;
  bot = await startDiscord(kb, env({ DISCORD_MESSAGE_CONTENT_INTENT: 'true' }), questions);
});

afterAll(async () => {
  await bot?.stop();
  questions?.close();
  await fake?.close();
});

/** The custom_ids of the buttons under an answer. */
const buttonsOf = (message: { components?: { components: { custom_id: string }[] }[] }) =>
  (message.components ?? []).flatMap((row) => row.components.map((b) => b.custom_id));

async function askForButtons(question = AGE): Promise<string[]> {
  const edited = await fake.injectCommand({ name: 'ask', options: { question } }).edited();
  return buttonsOf(edited.body);
}

const clicked = async (interaction: Injected) => {
  const callback = await interaction.callback();
  // Discord's own deadline for the first response to an interaction.
  expect(callback.at - interaction.sentAt).toBeLessThan(3000);
  expect(callback.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
  expect(isEphemeral(callback.body.data)).toBe(true);
  return callback.body.data;
};

describe('feedback buttons', () => {
  it('puts 👍, 👎 and show passage under every answer, naming the logged question', async () => {
    const buttons = await askForButtons();
    expect(buttons).toHaveLength(3);
    const [up, down, passage] = buttons;
    const id = Number(up!.split(':')[2]);
    expect([up, down, passage]).toEqual([`qa:up:${id}`, `qa:down:${id}`, `qa:passage:${id}`]);
    expect(loggedQuestions(dataDir).find((q) => q.id === id)).toMatchObject({ platform: 'discord', channel: IDS.channel, question: AGE, status: 'answered' });
  });

  it('puts only the votes under a refusal: it cites no passage', async () => {
    const buttons = await askForButtons('明日の東京の天気は？');
    expect(buttons.map((b) => b.split(':')[1])).toEqual(['up', 'down']);
  });

  it('acknowledges a click within 3 s, thanks privately, stores the vote, and lets a second click replace it', async () => {
    const [up, down] = await askForButtons();
    const id = Number(up!.split(':')[2]);
    const userId = '710000000000000001';

    expect((await clicked(fake.injectButton(up!, { userId }))).content).toMatch(/^👍 を記録しました。.*Thanks for your feedback/);
    expect(votesOf(dataDir, id).map((v) => v.vote)).toEqual([1]);

    expect((await clicked(fake.injectButton(down!, { userId }))).content).toMatch(/^👎 を記録しました。/);
    expect(votesOf(dataDir, id).map((v) => v.vote)).toEqual([-1]);

    // Another user's vote is theirs.
    await clicked(fake.injectButton(up!, { userId: '710000000000000002' }));
    expect(votesOf(dataDir, id).map((v) => v.vote).sort()).toEqual([-1, 1]);
  });

  it('shows the cited sentence, in bold, within its paragraph, privately', async () => {
    const [, , passage] = await askForButtons();
    const data = await clicked(fake.injectButton(passage!));
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const [embed] = data.embeds;
    expect(embed.fields[0].name).toMatch(/^\[1\] /);
    expect(embed.fields[0].value).toContain('`000_91a77e97be857d03.txt` 16 行目');
    // The cited sentence in bold, the rest of its line and paragraph around it, escaped like every text from the material.
    expect(embed.fields[0].value).toContain('**1981年生まれの小泉進次郎防衛相は、現在44歳。**元首相');
    expect(embed.fields[0].value).toContain('米戦略国際問題研究所\\(CSIS\\)');
    expect(embed.fields[0].value).toContain('2009年の初当選以来');
    expectWithinLimits(embed);
  });

  it('tells the clicker privately when the answer is no longer in the log', async () => {
    const data = await clicked(fake.injectButton('qa:up:999999'));
    expect(data.content).toContain('no longer in the log');
    expect((await clicked(fake.injectButton('qa:passage:999999'))).content).toContain('no longer in the log');
  });

  it('answers a button it does not know (an older version\'s) privately, rather than leaving Discord to say it failed', async () => {
    for (const id of ['other:thing', 'qa:share:1', 'qa:up:1x']) {
      expect((await clicked(fake.injectButton(id))).content).toBe('このボタンは使えません。(Unknown button.)');
    }
  });

  it('says a refusal has no passage to show, should its id reach show passage', async () => {
    // The refusal logged above (asking again would change the counts /unanswered shows below).
    const refusal = loggedQuestions(dataDir).find((q) => q.question === '明日の東京の天気は？')!;
    const data = await clicked(fake.injectButton(`qa:passage:${refusal.id}`));
    expect(data.content).toBe('この回答には出典がありません。(This answer cites nothing.)');
  });
});

describe('/unanswered', () => {
  it('is refused, privately, to a member who is not a moderator', async () => {
    const reply = (await fake.injectCommand({ name: 'unanswered' }).callback()).body;
    expect(isEphemeral(reply.data)).toBe(true);
    expect(reply.data.content).toContain('Only moderators can list unanswered questions');
  });

  it('lists a moderator the refused and 👎 questions, near-duplicates grouped with their count', async () => {
    for (const question of UNANSWERABLE) await fake.injectCommand({ name: 'ask', options: { question } }).edited();
    const [, down] = await askForButtons('小泉防衛相の経歴は？');
    await clicked(fake.injectButton(down!));

    const reply = (await fake.injectCommand({ name: 'unanswered', options: { days: 7 }, roles: [IDS.moderatorRole] }).callback()).body;
    expect(isEphemeral(reply.data)).toBe(true);
    const { title, description } = reply.data.embeds[0];
    expect(title).toContain('last 7 days');
    const lines = description.split('\n');
    // Either wording may lead the group: each was asked once.
    expect(lines[0]).toMatch(/^\*\*2×\*\* 次期戦闘機GCAPの共同開発はどこまで進んで(い)?る？ — 回答なし \(refused\) 2 · 👎 0 · 2 通りの言い方 \(wordings\)$/);
    expect(lines).toContain('**1×** 小泉防衛相の経歴は？ — 回答なし (refused) 0 · 👎 1');
  });
});

describe('forums that answer by themselves', () => {
  it('connects with the Message Content intent only when DISCORD_MESSAGE_CONTENT_INTENT is set', () => {
    expect(fake.identify?.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.MessageContent);
  });

  it('answers a new post in its thread, from its title and first message, with buttons', async () => {
    const thread = fake.injectForumPost({ title: '質問です', content: AGE });
    const sent = await fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${thread}/messages`, 'an answer in the thread');
    expect(sent.body.embeds[0].title).toBe('質問です');
    expect(sent.body.embeds[0].description).toContain('44歳');
    expect(sent.body.allowed_mentions).toEqual({ parse: [] });
    expect(buttonsOf(sent.body)).toHaveLength(3);
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === `/channels/${thread}/messages/${thread}`)).toBe(true);
  });

  it('stays silent on a post the material does not answer, and logs it as a Discord question in its forum', async () => {
    const title = 'GCAPの量産はいつから始まる予定ですか';
    const thread = fake.injectForumPost({ title, content: '' });
    const logged = () => loggedQuestions(dataDir).find((q) => q.question === title);
    await eventually(() => logged() !== undefined, 'the post logged');
    expect(logged()).toMatchObject({ platform: 'discord', channel: IDS.forum, status: 'not_found' });
    expect(fake.sentTo(thread)).toEqual([]);
  });

  it('answers from the title when the first message is gone', async () => {
    const thread = fake.injectForumPost({ title: AGE, content: '', firstMessageGone: true });
    const sent = await fake.waitFor((r) => r.path === `/channels/${thread}/messages`, 'an answer in the thread');
    expect(sent.body.embeds[0].description).toContain('44歳');
  });

  it('answers a post longer than a question may be from its first MAX_QUESTION_CHARS characters', async () => {
    const content = '念のため書き添えます。'.repeat(Math.ceil(MAX_QUESTION_CHARS / 10));
    const thread = fake.injectForumPost({ title: AGE, content });
    const sent = await fake.waitFor((r) => r.path === `/channels/${thread}/messages`, 'an answer in the thread');
    expect(sent.body.embeds[0].description).toContain('44歳');
  });

  it('leaves alone a thread that is not new and a thread the bot opened itself', async () => {
    const old = fake.injectForumPost({ title: AGE, content: '', newlyCreated: false });
    const own = fake.injectForumPost({ title: AGE, content: '', userId: IDS.application });
    // A post in a listed forum made after them is answered; by then they would have been.
    const later = fake.injectForumPost({ title: AGE, content: '' });
    await fake.waitFor((r) => r.path === `/channels/${later}/messages`, 'an answer to the later post');
    expect(fake.sentTo(old)).toEqual([]);
    expect(fake.sentTo(own)).toEqual([]);
  });

  it('ignores posts in forums that are not listed', async () => {
    const thread = fake.injectForumPost({ title: AGE, content: '', forumId: IDS.channel });
    // A post in a listed forum made after it is answered; by then the other one would have been.
    const later = fake.injectForumPost({ title: AGE, content: '' });
    await fake.waitFor((r) => r.path === `/channels/${later}/messages`, 'an answer to the later post');
    expect(fake.sentTo(thread)).toEqual([]);
  });
});

describe('without the Message Content intent', () => {
  let other: FakeDiscord;
  let plainBot: RunningAdapter;
  beforeAll(async () => {
    other = await FakeDiscord.start();
    plainBot = await startDiscord(kb, { DISCORD_TOKEN: other.token, DISCORD_API_URL: other.apiUrl, DISCORD_AUTO_ANSWER_FORUMS: IDS.forum }, questions);
  });
  afterAll(async () => {
    await plainBot?.stop();
    await other?.close();
  });

  it('stops start-up with a message naming the setting when the intent is not enabled for the application', async () => {
    const refusing = await FakeDiscord.start({ messageContentAllowed: false });
    try {
      await expect(
        startDiscord(kb, { DISCORD_TOKEN: refusing.token, DISCORD_API_URL: refusing.apiUrl, DISCORD_MESSAGE_CONTENT_INTENT: 'true' }, questions),
      ).rejects.toThrow(/DISCORD_MESSAGE_CONTENT_INTENT=true, but Discord refused the Message Content intent: enable it in .*Privileged Gateway Intents/);
    } finally {
      await refusing.close();
    }
  });

  it('connects with Guilds only and answers a post from its title, never reading its message', async () => {
    expect(other.identify?.intents).toBe(GatewayIntentBits.Guilds);
    const thread = other.injectForumPost({ title: AGE, content: 'この本文は読まれない' });
    const sent = await other.waitFor((r) => r.path === `/channels/${thread}/messages`, 'an answer in the thread');
    expect(sent.body.embeds[0].description).toContain('44歳');
    expect(other.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/channels/'))).toEqual([]);
  });
});

describe('the log across a restart, and a broken database', () => {
  it('keeps the log when the bot restarts', async () => {
    const before = loggedQuestions(dataDir).length;
    // What /healthz reports: nothing while connected, the lost gateway once stopped.
    expect(bot!.problem()).toBeUndefined();
    await bot!.stop();
    expect(bot!.problem()).toBe('not connected to the Discord gateway');
    questions.close();
    questions = openTestLog(dataDir).questions;
    bot = await startDiscord(kb, env(), questions);
    const reply = (await fake.injectCommand({ name: 'unanswered', roles: [IDS.moderatorRole] }).callback()).body;
    expect(reply.data.embeds[0].description).toMatch(/^\*\*2×\*\* 次期戦闘機GCAP/);
    expect(loggedQuestions(dataDir).length).toBe(before);
  });

  it('answers without buttons when bot.sqlite is corrupt, and reports the problem', async () => {
    const brokenDir = await tempDir();
    await writeFile(path.join(brokenDir, DATABASE_FILE), Buffer.alloc(8192, 0xa5));
    const { questions: broken, logger } = openTestLog(brokenDir);
    expect(logger.error).toHaveBeenCalledWith(expect.anything(), expect.stringMatching(/bot\.sqlite cannot be used \(file is not a database\); answering without logging/));
    const other = await FakeDiscord.start();
    const brokenBot = await startDiscord(kb, { DISCORD_TOKEN: other.token, DISCORD_API_URL: other.apiUrl }, broken);
    try {
      const edited = await other.injectCommand({ name: 'ask', options: { question: AGE } }).edited();
      expect(edited.body.embeds[0].description).toContain('44歳');
      expect(buttonsOf(edited.body)).toEqual([]);
    } finally {
      await brokenBot.stop();
      await other.close();
    }
  });
});
