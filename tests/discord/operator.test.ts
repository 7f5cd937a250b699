/**
 * What the Discord adapter tells whoever runs the bot: the log lines (JSON on stderr, read here
 * from the process logger's stream), the metrics and the question log. The real discord.js
 * client over the real core against the fake Discord, the question log in a real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDiscord } from '../../adapters/discord/index.js';
import { createMetrics, type Metrics } from '../../adapters/shared/metrics.js';
import type { QuestionLog } from '../../adapters/shared/question-log.js';
import type { RunningAdapter } from '../../adapters/shared/settings.js';
import { KnowledgeBase } from '../../src/index.js';
import { copyOfBundledCorpus, tempDir, testConfig } from '../helpers.js';
import { captureLog, withMessage, type LogLine } from '../support/log-lines.js';
import { eventually, loggedQuestions, openTestLog } from '../support/question-db.js';
import { FakeDiscord, IDS, PERMISSIONS } from './fake-discord.js';

// The tests run with LOG_LEVEL=silent; this file reads the log, so it is made before the logger is.
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'info';
});

const AGE = '小泉防衛大臣の年齢は？';

/** Every line logged while this file runs, parsed, instead of written to stderr. */
const lines: LogLine[] = [];
const logged = (msg: string) => withMessage(lines, msg);

let kb: KnowledgeBase;
let fake: FakeDiscord;
let dataDir: string;
let questions: QuestionLog;
let metrics: Metrics;
let bot: RunningAdapter;

beforeAll(async () => {
  afterAll(captureLog(lines));
  kb = await KnowledgeBase.open(testConfig(await copyOfBundledCorpus(), await tempDir()));
  fake = await FakeDiscord.start();
  dataDir = await tempDir();
  questions = openTestLog(dataDir).questions;
  metrics = createMetrics(kb);
  bot = await startDiscord(
    kb,
    {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_AUTO_ANSWER_FORUMS: IDS.forum,
      DISCORD_MESSAGE_CONTENT_INTENT: 'true',
      RATE_LIMIT_PER_MINUTE: '0',
    },
    questions,
    { metrics },
  );
});

afterAll(async () => {
  await bot?.stop();
  questions?.close();
  await fake?.close();
});

describe('the log', () => {
  it('names the command and the server of each request handled', async () => {
    const interaction = fake.injectCommand({ name: 'sources' });
    await interaction.edited();
    await eventually(() => logged('request handled').some((line) => line.command === 'sources'), 'the request logged');
    expect(logged('request handled').find((line) => line.command === 'sources')).toMatchObject({ adapter: 'discord', guild: IDS.guild });
  });

  it('names the forum and the thread of an auto-answered post', async () => {
    const thread = fake.injectForumPost({ title: AGE, content: '' });
    await fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${thread}/messages`, 'an answer in the thread');
    await eventually(() => logged('request handled').some((line) => line.thread === thread), 'the post logged');
    expect(logged('request handled').find((line) => line.thread === thread)).toMatchObject({ adapter: 'discord', forum: IDS.forum });
  });

  it('says why a post was answered from its title alone when its first message cannot be read', async () => {
    const thread = fake.injectForumPost({ title: AGE, content: '', firstMessageGone: true });
    await fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${thread}/messages`, 'an answer in the thread');
    const warning = lines.find((line) => line.thread === thread && line.level === 40);
    expect(warning).toMatchObject({
      adapter: 'discord',
      msg: 'could not read the first message of a forum post; answering from its title',
      err: expect.objectContaining({ message: expect.stringContaining('Unknown Message') }),
    });
  });

  it('says why a follow-up was answered on its own when its thread cannot be read', async () => {
    // A thread the fake does not know: reading its messages gets 404, as without Read Message History.
    const thread = '399999999999999998';
    await fake.injectCommand({ name: 'ask', options: { question: AGE }, threadId: thread }).edited();
    expect(lines.find((line) => line.channel === thread && line.level === 40)).toMatchObject({
      adapter: 'discord',
      msg: 'could not read the thread; answering the question on its own',
      err: expect.objectContaining({ message: expect.stringContaining(`/channels/${thread}`) }),
    });
  });

  it('says who reindexed and who added a document', async () => {
    const userId = '720000000000000001';
    await fake.injectCommand({ name: 'reindex', userId, permissions: PERMISSIONS.manageGuild }).edited();
    expect(logged('Reindexed').map((line) => line.by)).toContain(`discord:user0001 (${userId})`);

    const file = fake.attachment('mars.md', new TextEncoder().encode('# 火星探査\n\n火星探査機は北極に着陸した。\n'));
    const options = { file: { attachment: file.id } };
    const upload = fake.injectCommand({ name: 'add-document', options, resolved: { attachments: { [file.id]: file } }, userId, permissions: PERMISSIONS.manageGuild });
    expect((await upload.edited()).body.content).toMatch(/mars\\\.md/);
    expect(logged('Reindexed').map((line) => line.by)).toContain(`discord:${userId}`);
  });

  it('keeps the reason when document names cannot be offered', async () => {
    const interaction = fake.injectAutocomplete('remove-document', 'name', 'mars', { permissions: PERMISSIONS.manageGuild, failCallback: true });
    await interaction.callback();
    await eventually(() => logged('could not offer document names').length > 0, 'the failure logged');
    expect(logged('could not offer document names')[0]).toMatchObject({ adapter: 'discord', level: 40, err: expect.objectContaining({ message: expect.stringContaining('Unknown interaction') }) });
  });
});

describe('the question log', () => {
  it('holds a forum post as its title and first message on two lines, as it was asked', async () => {
    const [title, content] = ['GCAPの量産', 'いつから始まる予定ですか'];
    fake.injectForumPost({ title, content });
    const logged = () => loggedQuestions(dataDir).find((q) => q.question.startsWith(title));
    await eventually(() => logged() !== undefined, 'the post logged');
    expect(logged()!.question).toBe(`${title}\n${content}`);
  });
});

describe('the metrics', () => {
  it('count a vote cast on Discord under the discord platform', async () => {
    const edited = await fake.injectCommand({ name: 'ask', options: { question: AGE } }).edited();
    const up = edited.body.components[0].components[0].custom_id as string;
    await fake.injectButton(up).callback();
    expect(await metrics.registry.metrics()).toContain('qa_feedback_total{platform="discord",vote="up"} 1');
  });
});
