/**
 * Closing the loop on Slack, with the real Bolt app over the real core against the fake Slack,
 * and the question log in a real SQLite file: feedback buttons (block_actions), the passage view,
 * /unanswered, App Home, auto-answer channels, a restart, and a corrupt database.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DATABASE_FILE, type QuestionLog } from '../../adapters/shared/question-log.js';
import { startSlack, type SlackAdapter } from '../../adapters/slack/index.js';
import { type KnowledgeBase, MAX_QUESTION_CHARS } from '../../src/index.js';
import { openKnowledgeBase, tempDir } from '../helpers.js';
import { eventually, loggedQuestions, openTestLog, votesOf } from '../support/question-db.js';
import { BOT_USER_ID, httpDriver, socketDriver, startFakeSlack, type Driver, type FakeSlack, type SlackRecord, buttonsOf, uniqueIds } from './fake-slack.js';

type Call = SlackRecord & { kind: 'call' };

const QUESTION = '小泉防衛大臣の年齢は？';
const UNANSWERABLE = ['次期戦闘機GCAPの共同開発はどこまで進んでる？', '次期戦闘機GCAPの共同開発はどこまで進んでいる？'];
const AUTO = 'C0AUTO';

let kb: KnowledgeBase;
let fake: FakeSlack;
let dataDir: string;
let questions: QuestionLog;
let adapter: SlackAdapter;
let slack: Driver;

const env = (more: Record<string, string> = {}) => ({
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_APP_TOKEN: 'xapp-test',
  SLACK_API_URL: fake.apiUrl,
  SLACK_RESPONSE_TYPE: 'in_channel',
  SLACK_MODERATOR_USER_IDS: 'UMOD',
  SLACK_AUTO_ANSWER_CHANNELS: AUTO,
  ...more,
});

beforeAll(async () => {
  kb = await openKnowledgeBase();
  fake = await startFakeSlack();
  slack = socketDriver(fake);
  dataDir = await tempDir();
  questions = openTestLog(dataDir).questions;
  adapter = await startSlack(kb, env(), questions);
}, 60_000);

afterAll(async () => {
  await adapter?.stop();
  questions?.close();
  await fake?.close();
});

const { fresh, stamp } = uniqueIds();

const textOf = (message: Record<string, any>) => JSON.stringify(message);

async function askForButtons(question = QUESTION, user = fresh('U')): Promise<string[]> {
  const id = fresh('ask');
  await slack.command('/ask', question, user, id);
  return buttonsOf((await fake.response(id)).body);
}

/** Clicks and checks what Slack needs: an ack within 3 s, then a private reply beside the answer. */
async function click(actionId: string, user: string, driver: Driver = slack): Promise<Record<string, any>> {
  const id = fresh('click');
  const sent = performance.now();
  const ack = await driver.click(actionId, user, id);
  expect(ack.status).toBe(200);
  expect(performance.now() - sent).toBeLessThan(3000);
  const reply = (await fake.response(id)).body;
  expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  return reply;
}

describe('feedback buttons', { timeout: 30_000 }, () => {
  test('every answer carries 👍, 👎 and show passage, naming the logged question', async () => {
    const buttons = await askForButtons();
    const id = Number(buttons[0]!.split(':')[2]);
    expect(buttons).toEqual([`qa:up:${id}`, `qa:down:${id}`, `qa:passage:${id}`]);
    expect(loggedQuestions(dataDir).find((q) => q.id === id)).toMatchObject({ platform: 'slack', channel: 'C0GENERAL', question: QUESTION, status: 'answered' });
  });

  test('a refusal carries only the votes: it cites no passage', async () => {
    const buttons = await askForButtons('明日の東京の天気は？');
    expect(buttons.map((b) => b.split(':')[1])).toEqual(['up', 'down']);
  });

  test('a click is acknowledged, thanked privately and stored; a second click by the same user replaces the vote', async () => {
    const [up, down] = await askForButtons();
    const id = Number(up!.split(':')[2]);
    expect((await click(up!, 'UVOTER')).text).toContain('Thanks for your feedback');
    expect(votesOf(dataDir, id).map((v) => v.vote)).toEqual([1]);
    await click(down!, 'UVOTER');
    expect(votesOf(dataDir, id).map((v) => v.vote)).toEqual([-1]);
  });

  test('a click over the HTTP receiver (a signed form with a JSON payload) is stored too', async () => {
    const http = await startSlack(kb, env({ SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: 'secret', PORT: '0', HOST: '127.0.0.1' }), questions);
    try {
      const [up] = await askForButtons();
      await click(up!, 'UHTTP', httpDriver(fake, () => `http://127.0.0.1:${http.port}/slack/events`, 'secret'));
      expect(votesOf(dataDir, Number(up!.split(':')[2])).map((v) => v.vote)).toEqual([1]);
    } finally {
      await http.stop();
    }
  });

  test('a click on a button that is not ours is acknowledged and otherwise ignored', async () => {
    const [up] = await askForButtons();
    // Not ours at all (say, one an older version posted), and ours in form only.
    const foreign = ['other_app_button', 'qa:share:1', `qa:up:${up!.split(':')[2]}x`];
    const ids = foreign.map(() => fresh('foreign'));
    for (const [i, actionId] of foreign.entries()) {
      const sent = performance.now();
      await slack.click(actionId, 'UFOREIGN', ids[i]!);
      expect(performance.now() - sent).toBeLessThan(3000);
    }
    // The same user's click on a real button after them is answered; by then theirs would have been.
    await click(up!, 'UFOREIGN');
    expect(fake.records.filter((r) => r.kind === 'response' && ids.includes(r.id))).toEqual([]);
  });

  test('show passage gives the clicker the cited sentence, in bold, within its paragraph', async () => {
    const [, , passage] = await askForButtons();
    const text = textOf(await click(passage!, fresh('U')));
    expect(text).toContain('\u200b*1981年生まれの小泉進次郎防衛相は、現在44歳。*\u200b元首相');
    expect(text).toContain('2009年の初当選以来');
    expect(text).toContain(`[1] ${kb.sources().documents.find((d) => d.docId === '000_91a77e97be857d03.txt')!.title} · \`000_91a77e97be857d03.txt:16\``);
  });
});

describe('/unanswered and App Home', { timeout: 30_000 }, () => {
  test('/unanswered is refused to a user who is not a moderator', async () => {
    const id = fresh('deny');
    await slack.command('/unanswered', '', 'UPLAIN', id);
    const refusal = await fake.response(id);
    expect(refusal.body.response_type).toBe('ephemeral');
    expect(refusal.body.text).toContain('Only moderators can list unanswered questions');
  });

  test('/unanswered lists a moderator the refused and 👎 questions, near-duplicates grouped with their count', async () => {
    for (const question of UNANSWERABLE) {
      const id = fresh('ask');
      await slack.command('/ask', question, fresh('U'), id);
      await fake.response(id);
    }
    const [, down] = await askForButtons('小泉防衛相の経歴は？');
    await click(down!, fresh('U'));

    const id = fresh('unanswered');
    await slack.command('/unanswered', '7', 'UMOD', id);
    const list = (await fake.response(id)).body;
    expect(list.response_type).toBe('ephemeral');
    const lines = list.blocks[1].text.text.split('\n');
    expect(lines[0]).toMatch(/^\*2×\* 次期戦闘機GCAPの共同開発はどこまで進んで(い)?る？ — 回答なし \(refused\) 2 · 👎 0 · 2 通りの言い方 \(wordings\)$/);
    expect(lines).toContain('*1×* 小泉防衛相の経歴は？ — 回答なし (refused) 0 · 👎 1');
    expect(list.blocks[0].text.text).toContain('last 7 days');
  });

  test('App Home shows a moderator the list, the documents and the last reindex; others how to ask', async () => {
    await slack.event({ type: 'app_home_opened', user: 'UMOD', channel: 'D0HOME', tab: 'home', event_ts: '1700000100.000001' });
    const home = await fake.posted('views.publish', (a) => a.user_id === 'UMOD');
    const text = textOf(home.args.view);
    expect(home.args.view.type).toBe('home');
    expect(text).toContain('次期戦闘機GCAP');
    expect(text).toContain('last reindex');
    for (const d of kb.sources().documents) expect(text).toContain(d.docId);

    await slack.event({ type: 'app_home_opened', user: 'UPLAIN', channel: 'D0HOME2', tab: 'home', event_ts: '1700000100.000002' });
    const plain = await fake.posted('views.publish', (a) => a.user_id === 'UPLAIN');
    expect(textOf(plain.args.view)).not.toContain('GCAP');
    expect(textOf(plain.args.view)).toContain('/ask');
  });
});

describe('the question log', { timeout: 30_000 }, () => {
  test('keeps a mention and a direct message under the channel they were asked in', async () => {
    const [mention, dm] = ['小泉防衛相は何歳ですか', '小泉防衛大臣は何歳？'];
    const ts = stamp(1700000150);
    await slack.event({ type: 'app_mention', user: fresh('U'), text: `<@${BOT_USER_ID}> ${mention}`, ts, channel: 'C0MENTION' });
    await fake.posted('chat.postMessage', (a) => a.thread_ts === ts);
    await slack.event({ type: 'message', channel_type: 'im', channel: 'D0ASKER', user: fresh('U'), text: dm, ts: '1700000151.000001' });
    await fake.posted('chat.postMessage', (a) => a.channel === 'D0ASKER');
    const logged = loggedQuestions(dataDir);
    expect(logged.find((q) => q.question === mention)).toMatchObject({ platform: 'slack', channel: 'C0MENTION', status: 'answered' });
    expect(logged.find((q) => q.question === dm)).toMatchObject({ platform: 'slack', channel: 'D0ASKER', status: 'answered' });
  });
});

describe('channels that answer by themselves', { timeout: 30_000 }, () => {
  const message = (text: string, more: Record<string, unknown> = {}) => ({
    type: 'message',
    channel: AUTO,
    channel_type: 'channel',
    user: fresh('U'),
    text,
    ts: stamp(1700000200),
    ...more,
  });

  test('a new top-level message is answered in its thread, without a mention', async () => {
    const event = message(QUESTION);
    await slack.event(event);
    const reply = await fake.posted('chat.postMessage', (a) => a.thread_ts === event.ts);
    expect(reply.args.channel).toBe(AUTO);
    expect(textOf(reply.args)).toContain('44歳');
    expect(buttonsOf(reply.args)).toHaveLength(3);
  });

  test('a question the material does not answer gets silence, and is logged', async () => {
    const event = message('GCAPの量産はいつから始まる予定ですか');
    await slack.event(event);
    await eventually(() => loggedQuestions(dataDir).some((q) => q.question === event.text && q.channel === AUTO && q.status === 'not_found'), 'the question logged');
    // A later answerable message is answered; by then an answer to the first would have been posted.
    const later = message(QUESTION);
    await slack.event(later);
    await fake.posted('chat.postMessage', (a) => a.thread_ts === later.ts);
    expect(fake.records.filter((r) => r.kind === 'call' && r.args.thread_ts === event.ts)).toEqual([]);
  });

  test('a message the bot refuses gets the reason privately, to its author, in its thread', async () => {
    const event = message('あ'.repeat(MAX_QUESTION_CHARS + 1));
    await slack.event(event);
    const reply = await fake.waitFor((r): r is Call => r.kind === 'call' && r.method.startsWith('chat.') && r.args.thread_ts === event.ts, 'a reply to the message');
    expect(reply.method).toBe('chat.postEphemeral');
    expect(reply.args).toMatchObject({ channel: AUTO, user: event.user, thread_ts: event.ts });
    expect(reply.args.text).toContain(String(MAX_QUESTION_CHARS));
  });

  test('replies in threads, other channels, bots, notices Slack posts (a new topic) and mentions (answered by app_mention) are left alone', async () => {
    const ignored = [
      message(QUESTION, { thread_ts: '1700000000.000001' }),
      message(QUESTION, { channel: 'C0OTHER' }),
      message(QUESTION, { bot_id: 'B0OTHER', subtype: 'bot_message' }),
      message(`<@${BOT_USER_ID}> ${QUESTION}`),
      // An app's post carries a bot_id and, unlike a legacy bot's, no subtype.
      message(QUESTION, { bot_id: 'B0OTHER' }),
      // Only someone else's mention: nothing to answer, and nobody asked for a usage hint.
      message('<@U0SOMEONE>'),
      // What Slack posts for someone, with a subtype: here a new channel topic that happens to ask something.
      message(`<@U0SOMEONE> set the channel topic: ${QUESTION}`, { subtype: 'channel_topic', topic: QUESTION }),
    ];
    for (const event of ignored) await slack.event(event);
    const later = message(QUESTION);
    await slack.event(later);
    await fake.posted('chat.postMessage', (a) => a.thread_ts === later.ts);
    const tss = new Set(ignored.map((e) => e.ts));
    expect(fake.records.filter((r) => r.kind === 'call' && r.method.startsWith('chat.') && tss.has(r.args.thread_ts))).toEqual([]);
    // Not even logged as a question nobody answered (which moderators would find in /unanswered).
    expect(loggedQuestions(dataDir).filter((q) => q.question.includes('channel topic'))).toEqual([]);
  });
});

describe('the log across a restart, and a broken database', { timeout: 30_000 }, () => {
  test('keeps the log when the bot restarts', async () => {
    const before = loggedQuestions(dataDir).length;
    await adapter.stop();
    questions.close();
    questions = openTestLog(dataDir).questions;
    adapter = await startSlack(kb, env(), questions);
    const id = fresh('unanswered');
    await slack.command('/unanswered', '', 'UMOD', id);
    expect(textOf((await fake.response(id)).body)).toMatch(/\*2×\* 次期戦闘機GCAP/);
    expect(loggedQuestions(dataDir).length).toBe(before);
  });

  test('answers without buttons when bot.sqlite is corrupt, and reports the problem', async () => {
    const brokenDir = await tempDir();
    await writeFile(path.join(brokenDir, DATABASE_FILE), Buffer.alloc(8192, 0xa5));
    const { questions: broken, logger } = openTestLog(brokenDir);
    expect(logger.error).toHaveBeenCalledWith(expect.anything(), expect.stringMatching(/bot\.sqlite cannot be used \(file is not a database\)/));
    await adapter.stop();
    adapter = await startSlack(kb, env(), broken);
    const id = fresh('ask');
    await slack.command('/ask', QUESTION, fresh('U'), id);
    const answer = (await fake.response(id)).body;
    expect(textOf(answer)).toContain('44歳');
    expect(buttonsOf(answer)).toEqual([]);
  });
});
