/**
 * What the Slack adapter tells whoever runs the bot: the log lines (JSON on stderr, read here
 * from the process logger's stream) and the metrics. The real Bolt app (Socket Mode) over the
 * real core against the fake Slack, the question log in a real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMetrics, type Metrics } from '../../adapters/shared/metrics.js';
import type { QuestionLog } from '../../adapters/shared/question-log.js';
import { startSlack, type SlackAdapter } from '../../adapters/slack/index.js';
import { KnowledgeBase } from '../../src/index.js';
import { copyOfBundledCorpus, tempDir, testConfig } from '../helpers.js';
import { captureLog, withMessage, type LogLine } from '../support/log-lines.js';
import { eventually, loggedQuestions, openTestLog } from '../support/question-db.js';
import { BOT_USER_ID, socketDriver, startFakeSlack, UNREADABLE_THREAD, type Driver, type FakeSlack, buttonsOf, uniqueIds } from './fake-slack.js';

// The tests run with LOG_LEVEL=silent; this file reads the log, so it is made before the logger is.
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'info';
});


const AGE = '小泉防衛大臣の年齢は？';
const AUTO = 'C0AUTO';

/** Every line logged while this file runs, parsed, instead of written to stderr. */
const lines: LogLine[] = [];
const logged = (msg: string) => withMessage(lines, msg);

let kb: KnowledgeBase;
let fake: FakeSlack;
let dataDir: string;
let questions: QuestionLog;
let metrics: Metrics;
let adapter: SlackAdapter;
let slack: Driver;

// No moderators listed: the workspace's admins and owners (users.info) are the moderators.
const env = (more: Record<string, string> = {}) => ({
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_APP_TOKEN: 'xapp-test',
  SLACK_API_URL: fake.apiUrl,
  SLACK_AUTO_ANSWER_CHANNELS: AUTO,
  RATE_LIMIT_PER_MINUTE: '0',
  ...more,
});

beforeAll(async () => {
  afterAll(captureLog(lines));
  kb = await KnowledgeBase.open(testConfig(await copyOfBundledCorpus(), await tempDir()));
  fake = await startFakeSlack();
  fake.users.set('UOWNER', { is_owner: true });
  slack = socketDriver(fake);
  dataDir = await tempDir();
  questions = openTestLog(dataDir).questions;
  metrics = createMetrics(kb);
  adapter = await startSlack(kb, env(), questions, { metrics });
}, 60_000);

afterAll(async () => {
  await adapter?.stop();
  questions?.close();
  await fake?.close();
});

const { fresh, stamp } = uniqueIds();

describe('the log', { timeout: 30_000 }, () => {
  it('names the channel of an auto-answered message, and the button of a click', async () => {
    const ts = stamp(1700000300);
    await slack.event({ type: 'message', channel: AUTO, channel_type: 'channel', user: fresh('U'), text: AGE, ts });
    const answer = await fake.posted('chat.postMessage', (a) => a.thread_ts === ts);
    const user = fresh('U');
    await eventually(() => logged('request handled').some((line) => line.channel === AUTO), 'the message logged');

    const up = buttonsOf(answer.args)[0]!;
    const id = fresh('click');
    await slack.click(up, user, id);
    await fake.response(id);
    await eventually(() => logged('request handled').some((line) => line.user === user), 'the click logged');
    expect(logged('request handled').find((line) => line.user === user)).toMatchObject({ adapter: 'slack', action: up });
  });

  it('says who reindexed and who added a document', async () => {
    const id = fresh('reindex');
    await slack.command('/reindex', '', 'UOWNER', id);
    await fake.response(id, (body) => JSON.stringify(body).includes('Reindex done'));
    expect(logged('Reindexed').map((line) => line.by)).toContain('slack:UOWNER');

    const before = logged('Reindexed').length;
    const channel = fresh('D');
    const files = [fake.file('mars.md', new TextEncoder().encode('# 火星探査\n\n火星探査機は北極に着陸した。\n'))];
    await slack.event({ type: 'message', subtype: 'file_share', channel_type: 'im', channel, user: 'UOWNER', text: '', ts: '1700000400.000001', files });
    expect(String((await fake.posted('chat.postMessage', (a) => a.channel === channel)).args.text)).toMatch(/Added mars\.md/);
    expect(logged('Reindexed').slice(before).map((line) => line.by)).toEqual(['slack:UOWNER']);
  });

  it('says why a follow-up was answered on its own when its thread cannot be read', async () => {
    const ts = stamp(1700000500);
    await slack.event({ type: 'app_mention', user: fresh('U'), text: `<@${BOT_USER_ID}> ${AGE}`, ts, thread_ts: UNREADABLE_THREAD, channel: 'C0PRIVATE' });
    // Answered all the same, on its own.
    const answer = await fake.posted('chat.postMessage', (a) => a.thread_ts === UNREADABLE_THREAD);
    expect(JSON.stringify(answer.args)).toContain('44歳');
    expect(lines.find((line) => line.channel === 'C0PRIVATE' && line.level === 40)).toMatchObject({
      adapter: 'slack',
      msg: 'could not read the thread; answering the question on its own',
      err: expect.objectContaining({ message: expect.stringContaining('missing_scope') }),
    });
  });

  it('says why the App Home could not be published, and for whom', async () => {
    // users.info does not know this user, so whether they are a moderator cannot be told.
    await slack.event({ type: 'app_home_opened', user: 'UGHOST', channel: 'D0HOME', tab: 'home', event_ts: '1700000600.000001' });
    await eventually(() => logged('could not publish the App Home').length > 0, 'the failure logged');
    expect(logged('could not publish the App Home')[0]).toMatchObject({
      adapter: 'slack',
      level: 50,
      user: 'UGHOST',
      err: expect.objectContaining({ message: expect.stringContaining('user_not_found') }),
    });
  });

  it('leaves a top-level message that carries no text alone: nothing logged, as a question or as a failure', async () => {
    const asked = loggedQuestions(dataDir).length;
    // A message of attachments alone: nothing to answer, and nothing went wrong.
    const quiet = { type: 'message', channel: AUTO, channel_type: 'channel', user: fresh('U'), ts: stamp(1700000700), attachments: [{ fallback: 'a chart' }] };
    await slack.event(quiet);
    // A message sent after it is answered; by then the first would have been handled.
    const later = stamp(1700000701);
    await slack.event({ type: 'message', channel: AUTO, channel_type: 'channel', user: fresh('U'), text: AGE, ts: later });
    await fake.posted('chat.postMessage', (a) => a.thread_ts === later);
    // (The only error this file provokes is the App Home's above.)
    expect(lines.filter((line) => line.level >= 50 && line.msg !== 'could not publish the App Home')).toEqual([]);
    expect(fake.records.filter((r) => r.kind === 'call' && r.args.thread_ts === quiet.ts)).toEqual([]);
    expect(loggedQuestions(dataDir).slice(asked).map((q) => q.question)).toEqual([AGE]);
  });

  it('says which port the HTTP receiver listens on', async () => {
    const http = await startSlack(kb, env({ SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: 'secret', PORT: '0', HOST: '127.0.0.1' }), questions);
    try {
      expect(logged('slack adapter listening (HTTP, POST /slack/events)').map((line) => line.port)).toEqual([http.port]);
    } finally {
      await http.stop();
    }
  });
});

describe('the metrics', { timeout: 30_000 }, () => {
  it('count a vote cast on Slack under the slack platform', async () => {
    const id = fresh('ask');
    await slack.command('/ask', AGE, fresh('U'), id);
    const [, down] = buttonsOf((await fake.response(id)).body);
    const click = fresh('click');
    await slack.click(down!, fresh('U'), click);
    await fake.response(click);
    expect(await metrics.registry.metrics()).toContain('qa_feedback_total{platform="slack",vote="down"} 1');
  });
});
