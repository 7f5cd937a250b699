/**
 * The real discord.js client, started by `startDiscord` over the real core and corpus, driven
 * through the fake Discord: interactions go in over the gateway, replies come back over REST.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { GatewayIntentBits, InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../adapters/discord/index.js';
import { escapeDiscord } from '../../adapters/discord/render.js';
import type { RunningAdapter } from '../../adapters/shared/settings.js';
import { readEvalFile } from '../../src/evaluate.js';
import { ConfigError, type KnowledgeBase, MAX_QUESTION_CHARS, NOT_FOUND_MESSAGE, PROJECT_ROOT } from '../../src/index.js';
import { BUNDLED_CORPUS, openKnowledgeBase } from '../helpers.js';
import { FakeDiscord, IDS, type InjectOptions, PERMISSIONS, type RecordedRequest } from './fake-discord.js';
import { expectWithinLimits } from './limits.js';

const seed = new Map((await readEvalFile(path.join(PROJECT_ROOT, 'tests/fixtures/seed-qa.dev.jsonl'))).map((q) => [q.id, q]));
const AGE = seed.get('d01')!; // 小泉防衛大臣の年齢は？ → 44歳, in 000_…

const EPHEMERAL = MessageFlags.Ephemeral;
const isEphemeral = (body: { flags?: number }) => ((body.flags ?? 0) & EPHEMERAL) !== 0;

let kb: KnowledgeBase;
let fake: FakeDiscord;
let bot: RunningAdapter;

beforeAll(async () => {
  kb = await openKnowledgeBase();
  fake = await FakeDiscord.start();
  bot = await startDiscord(kb, {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_MODERATOR_ROLE_IDS: IDS.moderatorRole,
    DISCORD_AUTO_ANSWER_FORUMS: IDS.forum,
    RATE_LIMIT_PER_MINUTE: '3',
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const ask = (question: string, more: Partial<InjectOptions> = {}) =>
  fake.injectCommand({ name: 'ask', options: { question }, ...more });

describe('start-up', () => {
  it('connects with the Guilds intent only', () => {
    expect(fake.identify?.intents).toBe(GatewayIntentBits.Guilds);
  });

  it('stops with a message naming the variable when the token is missing or refused', async () => {
    await expect(startDiscord(kb, { DISCORD_API_URL: fake.apiUrl })).rejects.toThrow(
      /DISCORD_TOKEN is not set: .*Discord Developer Portal → your application → Bot → Reset Token/,
    );
    await expect(startDiscord(kb, { DISCORD_TOKEN: 'revoked', DISCORD_API_URL: fake.apiUrl })).rejects.toThrow(
      new ConfigError('DISCORD_TOKEN was refused by Discord: reset it in the Discord Developer Portal → your application → Bot → Reset Token'),
    );
  });

  /** Starts a bot against a fake Discord that closes the gateway with `code` on IDENTIFY; resolves what start-up threw. */
  async function closedWith(code: number): Promise<unknown> {
    const closing = await FakeDiscord.start({ closeOnIdentify: code });
    try {
      return await startDiscord(kb, { DISCORD_TOKEN: closing.token, DISCORD_API_URL: closing.apiUrl }).then(
        async (started) => {
          await started.stop();
          return expect.unreachable(`start-up should fail on close code ${code}`);
        },
        (err: unknown) => err,
      );
    } finally {
      await closing.close();
    }
  }

  // Without the watch on the gateway's close, start-up would wait for READY for ever: 15 s is plenty.
  it('stops with a message naming DISCORD_TOKEN when the gateway, not REST, refuses the token (4004)', { timeout: 15_000 }, async () => {
    expect(await closedWith(4004)).toEqual(
      new ConfigError('DISCORD_TOKEN was refused by Discord: reset it in the Discord Developer Portal → your application → Bot → Reset Token'),
    );
  });

  it.each([
    { code: 4011, cause: /\(close code 4011, ShardingRequired\): the bot is in too many servers .*remove it from some servers$/ },
    { code: 4012, cause: /\(close code 4012, InvalidAPIVersion\): .*update it \(npm update discord\.js\)$/ },
    { code: 4013, cause: /\(close code 4013, InvalidIntents\): not a setting of this bot; please report it$/ },
  ])('stops, naming the cause, on close code $code, after which Discord does not let it reconnect', { timeout: 15_000 }, async ({ code, cause }) => {
    const err = await closedWith(code);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^Discord closed the gateway connection for good /);
    expect((err as Error).message).toMatch(cause);
  });
});

describe('/ask', () => {
  it('in a thread where the bot answered, answers a follow-up with the earlier question as its context', async () => {
    const first = '小泉防衛相とヘグセス長官は何で対決するの';
    // The bot's earlier answer carries its question as the embed title, escaped as the renderer does.
    const thread = fake.addThread([{ fromBot: false, content: '…' }, { fromBot: true, embedTitle: escapeDiscord(first) }]);
    const [embed] = (await ask('それはいつ？', { threadId: thread }).edited()).body.embeds;
    expect(embed.description).not.toBe(NOT_FOUND_MESSAGE);
    expect(embed.fields[0].value).toContain('`000_91a77e97be857d03.txt`');
    // Where the bot never answered, the same words stand alone and find nothing.
    const quiet = fake.addThread([{ fromBot: false, content: first }]);
    expect((await ask('それはいつ？', { threadId: quiet }).edited()).body.embeds[0].description).toBe(NOT_FOUND_MESSAGE);
  });

  describe('the earlier questions of a follow-up', () => {
    const first = '小泉防衛相とヘグセス長官は何で対決するの';
    const answered = (question: string) => ({ fromBot: true, embedTitle: escapeDiscord(question) });
    const followUp = async (more: Partial<InjectOptions>) => (await ask('それはいつ？', more).edited()).body.embeds[0];

    it('are the titles of the bot’s own answers only, not an embed a member posted', async () => {
      // A link preview or another bot's post in the thread can carry a title too.
      const thread = fake.addThread([{ fromBot: false, embedTitle: escapeDiscord(first) }]);
      expect((await followUp({ threadId: thread })).description).toBe(NOT_FOUND_MESSAGE);
    });

    it('skip a message of the bot that is not an answer', async () => {
      const thread = fake.addThread([answered(first), { fromBot: true, content: '再索引しました。' }]);
      expect((await followUp({ threadId: thread })).fields[0].value).toContain('`000_91a77e97be857d03.txt`');
    });

    it('are the latest five, oldest first: a question six answers back no longer counts', async () => {
      const others = ['こんにちは', 'ありがとう', 'よろしく', 'おはよう', 'さようなら'].map(answered);
      const old = fake.addThread([answered(first), ...others]);
      expect((await followUp({ threadId: old })).description).toBe(NOT_FOUND_MESSAGE);
      const recent = fake.addThread([...others, answered(first)]);
      expect((await followUp({ threadId: recent })).fields[0].value).toContain('`000_91a77e97be857d03.txt`');
    });

    it('are read only in a thread, not from the channel', async () => {
      fake.addChannelMessages([answered(first)]);
      expect((await followUp({})).description).toBe(NOT_FOUND_MESSAGE);
    });

    it('are none when the thread cannot be read, and the question is answered on its own', async () => {
      // A thread the fake does not know: reading its messages gets 404, as without Read Message History.
      const edited = await ask(AGE.question, { threadId: '399999999999999999' }).edited();
      expect(edited.body.embeds[0].description).toContain('44歳');
    });
  });

  it.each(['d01', 'd18', 'd38'])('defers, then answers seed question %s citing the right document', async (id) => {
    const q = seed.get(id)!;
    const interaction = ask(q.question);

    const deferred = (await interaction.callback()).body;
    expect(deferred.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(isEphemeral(deferred.data)).toBe(false);

    const [embed] = (await interaction.edited()).body.embeds;
    expectWithinLimits(embed);
    expect(embed.title).toBe(q.question);
    // The answer span is in bold (`**8日**に自民党の圧勝`): the answer is read without the markup.
    expect(q.answer_any.some((a) => embed.description.replaceAll('**', '').includes(a))).toBe(true);
    expect(embed.description).toMatch(/ \[1\]$| \[1\]\n/);
    expect(embed.fields[0].name).toMatch(/^\[1\] /);
    expect(embed.fields[0].value).toContain(`\`${q.doc}\``);
    expect(embed.footer.text).toMatch(/\d ms/);
  });

  it('answers privately when asked to', async () => {
    const interaction = ask(AGE.question, { options: { question: AGE.question, private: true } });
    expect(isEphemeral((await interaction.callback()).body.data)).toBe(true);
    expect((await interaction.edited()).body.embeds[0].description).toContain('44歳');
  });

  it('pings nobody when the question is full of mentions, and still answers it', async () => {
    const question = `@everyone @here <@${IDS.owner}> <@&${IDS.moderatorRole}> ${AGE.question}`;
    const interaction = ask(question);
    const edited = await interaction.edited();
    expect(edited.body.allowed_mentions).toEqual({ parse: [] });
    expect(edited.body.embeds[0].title).toBe(AGE.question);
    expect(edited.body.embeds[0].description).toContain('44歳');
    expect(edited.body.content).toBeUndefined();
  });

  it('reads a mention between two words as a space between them', async () => {
    const edited = await ask(`小泉防衛大臣の<@${IDS.owner}>年齢は？`).edited();
    expect(edited.body.embeds[0].title).toBe('小泉防衛大臣の 年齢は？');
    expect(edited.body.embeds[0].description).toContain('44歳');
  });

  it('says plainly when nothing in the material answers', async () => {
    const { question } = seed.get('d40')!;
    const [embed] = (await ask(question).edited()).body.embeds;
    expect(embed.description).toBe(NOT_FOUND_MESSAGE);
    expectWithinLimits(embed);
  });

  it.each([
    { what: 'blank', question: '   ', asCore: '   ' },
    { what: 'only mentions', question: `<@${IDS.owner}> @everyone`, asCore: '' },
    { what: 'oversized', question: 'あ'.repeat(MAX_QUESTION_CHARS + 1), asCore: 'あ'.repeat(MAX_QUESTION_CHARS + 1) },
  ])('tells the asker privately what is wrong with a $what question', async ({ question, asCore }) => {
    const expected = await kb.ask(asCore).then(
      () => expect.unreachable('the core should refuse this question'),
      (err: Error) => err.message,
    );
    const interaction = ask(question);
    const followUp = (await interaction.followUp()).body;
    expect(followUp.content).toBe(expected);
    expect(isEphemeral(followUp)).toBe(true);
    // The public "thinking…" placeholder is removed rather than left hanging.
    expect(interaction.requests().map((r) => r.method)).toEqual(['POST', 'DELETE', 'POST']);
  });
});

describe('under a worst-case question', () => {
  it('acknowledges 20 concurrent questions within 3 s and answers them all', async () => {
    const worst = ['\ufdfa'.repeat(MAX_QUESTION_CHARS), 'ア'.repeat(MAX_QUESTION_CHARS)].map((q) => ask(q));
    const ordinary = Array.from({ length: 20 }, () => ask(AGE.question));
    const callbacks = await Promise.all(ordinary.map((interaction) => interaction.callback()));
    // Discord's own deadline for the first response to an interaction.
    callbacks.forEach((callback, i) => expect(callback.at - ordinary[i]!.sentAt).toBeLessThan(3000));
    for (const interaction of ordinary) expect((await interaction.edited()).body.embeds[0].description).toContain('44歳');
    await Promise.all(worst.map((interaction) => interaction.callback()));
  });
});

describe('/sources', () => {
  it('lists the five corpus documents with their sentence counts', async () => {
    const documents = readdirSync(BUNDLED_CORPUS).filter((f) => /\.(txt|md|html?)$/.test(f));
    expect(documents).toHaveLength(5);
    const interaction = fake.injectCommand({ name: 'sources' });
    expect((await interaction.callback()).body.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const [embed] = (await interaction.edited()).body.embeds;
    expectWithinLimits(embed);
    expect(embed.title).toMatch(/: 5$/);
    for (const doc of documents) expect(embed.description).toMatch(new RegExp(`\`${doc}\` · \\d+ 文`));
  });
});

describe('/reindex', () => {
  const reindex = (more: Partial<InjectOptions>) => fake.injectCommand({ name: 'reindex', ...more });
  const reportOf = async (interaction: ReturnType<typeof reindex>) => (await interaction.edited()).body.embeds[0];
  const fieldValue = (embed: { fields: { name: string; value: string }[] }, name: string) =>
    embed.fields.find((f) => f.name.startsWith(name))?.value;

  it('is refused, privately, to a member without Manage Server or a moderator role', async () => {
    const before = kb.sources().builtAt;
    const interaction = reindex({ roles: ['999999999999999999'] });
    const reply = (await interaction.callback()).body;
    expect(reply.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(reply.data)).toBe(true);
    expect(reply.data.content).toContain('Only moderators');
    // …and says what makes one.
    expect(reply.data.content).toContain('Manage Server permission or a moderator role');
    expect(kb.sources().builtAt).toBe(before);
  });

  it.each([
    { who: 'Manage Server', member: { permissions: PERMISSIONS.viewAndSend | PERMISSIONS.manageGuild } },
    { who: 'the moderator role', member: { roles: [IDS.moderatorRole] } },
  ])('runs for a member with $who and reports what was indexed', async ({ member }) => {
    const before = kb.sources().builtAt;
    const interaction = reindex(member);
    expect((await interaction.callback()).body.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const report = await reportOf(interaction);
    expectWithinLimits(report);
    expect(report.title).toContain('reindex done');
    expect(fieldValue(report, '資料')).toBe('5');
    expect(Number(fieldValue(report, '文 '))).toBeGreaterThan(100);
    expect(kb.sources().builtAt > before).toBe(true);
  });

  it('shares one run between two reindexes at once, and keeps answering /ask meanwhile', async () => {
    const moderator = { roles: [IDS.moderatorRole] };
    const first = reindex(moderator);
    const second = reindex(moderator);
    const question = ask(AGE.question);
    const reports = await Promise.all([reportOf(first), reportOf(second)]);
    expect(reports.filter((r) => r.title.includes('joined'))).toHaveLength(1);
    expect(fieldValue(reports[1]!, '索引の作成')).toBe(fieldValue(reports[0]!, '索引の作成'));
    expect((await question.edited()).body.embeds[0].description).toContain('44歳');
  });
});

describe('forum posts', () => {
  const answered = (thread: string) => fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${thread}/messages`, `an answer in thread ${thread}`);

  it('count against the rate limit of the member who posted, across threads, and not of others in the forum', async () => {
    const [poster, other] = ['700000000000000011', '700000000000000012'];
    // Three posts in three threads: the limit is three a minute.
    for (let i = 0; i < 3; i++) await answered(fake.injectForumPost({ title: AGE.question, content: '', userId: poster }));
    const limited = fake.injectForumPost({ title: AGE.question, content: '', userId: poster });
    // Another member's post in the same forum, sent after it, is answered; by then the fourth would have been.
    await answered(fake.injectForumPost({ title: AGE.question, content: '', userId: other }));
    // A post has no private reply: over the limit, it gets nothing.
    expect(fake.sentTo(limited)).toEqual([]);
  });
});

describe('safety', () => {
  it('answers politely, and privately, once a user passes the rate limit', async () => {
    const userId = '700000000000000001';
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push((await fake.injectCommand({ name: 'sources', userId }).callback()).body);
    expect(replies.slice(0, 3).map((r) => isEphemeral(r.data))).toEqual([false, false, false]);
    expect(isEphemeral(replies[3].data)).toBe(true);
    expect(replies[3].data.content).toMatch(/try again in \d+ s/);
  });

  it('answers a failure privately with a short message and keeps serving', async () => {
    // Discord refuses the edit (as it would an invalid body): the bot must not go down with it.
    const failing = ask(AGE.question, { failEdit: true });
    const followUp = (await failing.followUp()).body;
    expect(isEphemeral(followUp)).toBe(true);
    expect(followUp.content).toContain('Something went wrong');
    expect(followUp.content).not.toMatch(/Error|at .*\.ts/);

    // A command the bot no longer has (registered by an older version) is named as such, not an error.
    const unknown = (await fake.injectCommand({ name: 'nope' }).callback()).body;
    expect(isEphemeral(unknown.data)).toBe(true);
    expect(unknown.data.content).toBe('このコマンドは使えません。(Unknown command.)');

    expect((await ask(AGE.question).edited()).body.embeds[0].description).toContain('44歳');
  });

  // Last: looks back at everything the bot sent in this file.
  it('sent every message with mentions disabled and every embed within limits', () => {
    const messages = fake.requests.flatMap((r: RecordedRequest) => {
      if (r.path.endsWith('/callback')) return r.body.type === InteractionResponseType.ChannelMessageWithSource ? [r.body.data] : [];
      return r.path.startsWith('/webhooks/') && r.method !== 'DELETE' ? [r.body] : [];
    });
    expect(messages.length).toBeGreaterThan(20);
    for (const m of messages) {
      expect(m.allowed_mentions).toEqual({ parse: [] });
      for (const embed of m.embeds ?? []) expectWithinLimits(embed);
    }
  });
});
