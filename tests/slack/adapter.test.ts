/**
 * The real Bolt app, started by `startSlack` over the real core and corpus, driven through a fake
 * Slack on 127.0.0.1 in both modes: signed HTTP requests to the HTTP receiver, and envelopes over
 * a Socket Mode WebSocket.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { healthRoutes, startHealthServer } from '../../adapters/shared/health.js';
import { startSlack, type SlackAdapter } from '../../adapters/slack/index.js';
import { type KnowledgeBase, MAX_QUESTION_CHARS } from '../../src/index.js';
import { openKnowledgeBase } from '../helpers.js';
import { eventually } from '../support/question-db.js';
import {
  BOT_USER_ID,
  eventCallback,
  FAILING,
  httpDriver,
  postSigned,
  REVOKED,
  slashCommand,
  socketDriver,
  startFakeSlack,
  type Driver,
  type FakeSlack,
  type SlackRecord,
  uniqueIds,
} from './fake-slack.js';

type Call = SlackRecord & { kind: 'call' };

const SECRET = 'test-signing-secret';
const QUESTION = '小泉防衛大臣の年齢は？';
const DOC = '000_91a77e97be857d03.txt';

let kb: KnowledgeBase;
let fake: FakeSlack;
beforeAll(async () => {
  kb = await openKnowledgeBase();
  fake = await startFakeSlack();
  fake.users.set('UADMIN', { is_admin: true });
  fake.users.set('UOWNER', { is_owner: true });
  fake.users.set('UPLAIN', {});
}, 60_000);

afterAll(async () => {
  await fake?.close();
});

/** A fresh id, so each test's requests, users and messages are its own. */
const { fresh } = uniqueIds();

/** Everything a person would read in a message: the fallback text and every block's text. */
function readable(message: Record<string, any>): string {
  const blocks: any[] = message.blocks ?? [];
  const texts = blocks.flatMap((b) => (b.type === 'context' ? b.elements.map((e: any) => e.text) : [b.text?.text]));
  return [message.text, ...texts].join('\n');
}

const response = (id: string, match: (text: string) => boolean = () => true) => fake.response(id, (body) => match(readable(body)));

const before = (a: SlackRecord, b: SlackRecord) => expect(fake.records.indexOf(a)).toBeLessThan(fake.records.indexOf(b));

interface Mode {
  name: string;
  env: () => Record<string, string>;
  driver: (adapter: () => SlackAdapter) => Driver;
  responseType: 'ephemeral' | 'in_channel';
  moderator: string;
  notModerator: string;
}

const modes: Mode[] = [
  {
    name: 'HTTP receiver',
    env: () => ({ SLACK_SIGNING_SECRET: SECRET, PORT: '0', HOST: '127.0.0.1', SLACK_MODERATOR_USER_IDS: 'UMOD, UOTHERMOD' }),
    driver: (adapter) => httpDriver(fake, () => `http://127.0.0.1:${adapter().port}/slack/events`, SECRET),
    responseType: 'ephemeral',
    moderator: 'UMOD',
    // Once moderators are listed, being an admin is not enough.
    notModerator: 'UADMIN',
  },
  {
    name: 'Socket Mode',
    env: () => ({ SLACK_APP_TOKEN: 'xapp-test', SLACK_RESPONSE_TYPE: 'in_channel' }),
    driver: () => socketDriver(fake),
    responseType: 'in_channel',
    // No moderators listed: admins and owners (from users.info) may reindex.
    moderator: 'UOWNER',
    notModerator: 'UPLAIN',
  },
];

describe.each(modes)('Slack adapter, $name', { timeout: 30_000 }, (mode) => {
  let adapter: SlackAdapter;
  let slack: Driver;

  beforeAll(async () => {
    slack = mode.driver(() => adapter);
    adapter = await startSlack(kb, {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: fake.apiUrl,
      RATE_LIMIT_PER_MINUTE: '3',
      ...mode.env(),
    });
  });

  afterAll(async () => {
    await adapter?.stop();
  });

  test('/ask is acknowledged first, then answered with numbered citations from the right document', async () => {
    const id = fresh('ask');
    const ack = await slack.command('/ask', QUESTION, fresh('U'), id);
    const answer = await response(id);

    expect(ack.status).toBe(200);
    before(ack, answer);
    expect(answer.body.response_type).toBe(mode.responseType);
    const [question, ...rest] = answer.body.blocks;
    expect(question.elements[0].text).toContain(QUESTION);
    expect(rest.find((b: any) => b.type === 'section').text.text).toContain('44歳');
    const sources = rest.filter((b: any) => b.type === 'context').flatMap((b: any) => b.elements.map((e: any) => e.text));
    expect(sources.some((s: string) => /^\[\d+\] /.test(s) && s.includes(`${DOC}:16`))).toBe(true);
    expect(answer.body.text).toContain('44歳');
    expect(answer.body.text).toContain(DOC);
  });

  test('mentions and links in a question come back escaped, never live', async () => {
    const id = fresh('esc');
    // As Slack sends it: real mentions as markup, typed < > & as entities.
    const typed = '&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.example|click&gt; &amp;';
    await slack.command('/ask', `<!channel> <@U123> ${typed} ${QUESTION}`, fresh('U'), id);
    const { body } = await response(id);
    expect(body.blocks[0].elements[0].text).toBe(`*Q.* ${typed} ${QUESTION}`);
    expect(JSON.stringify(body)).not.toMatch(/<!channel>|<@U123>|<https:/);
  });

  test('a link in a question keeps its address, even one with a # or an @ inside', async () => {
    const id = fresh('link');
    // As Slack sends a bare address: between < >, without a label.
    await slack.command('/ask', `<https://example.com/faq#age> <https://example.com/@koizumi> ${QUESTION}`, fresh('U'), id);
    const { body } = await response(id);
    expect(body.blocks[0].elements[0].text).toBe(`*Q.* https://example.com/faq#age https://example.com/@koizumi ${QUESTION}`);
  });

  test('/ask with no question gets the usage hint, privately', async () => {
    const id = fresh('empty');
    await slack.command('/ask', '   ', fresh('U'), id);
    const hint = await response(id);
    expect(hint.body.response_type).toBe('ephemeral');
    expect(hint.body.text).toContain('/ask &lt;question&gt;');
  });

  test('a question the core refuses gets the core message, privately', async () => {
    const id = fresh('long');
    await slack.command('/ask', 'あ'.repeat(MAX_QUESTION_CHARS + 1), fresh('U'), id);
    const refusal = await response(id);
    expect(refusal.body.response_type).toBe('ephemeral');
    expect(refusal.body.text).toContain(String(MAX_QUESTION_CHARS));
    expect(refusal.body.text).not.toMatch(/at .*\.ts:\d+/);
  });

  test.runIf(mode.name === 'Socket Mode')('a failure inside (users.info refuses) gets a short apology, not a crash', async () => {
    const id = fresh('ghost');
    await slack.command('/reindex', '', 'UGHOST', id);
    expect((await response(id)).body.text).toContain('Something went wrong; please try again later.');
  });

  test('/ask sources and /sources list the documents', async () => {
    for (const [command, text] of [['/ask', 'sources'], ['/sources', '']] as const) {
      const id = fresh('src');
      await slack.command(command, text, fresh('U'), id);
      const list = readable((await response(id)).body);
      expect(list).toContain('5 documents');
      for (const d of kb.sources().documents) expect(list).toContain(d.docId);
    }
  });

  test('a mention in a channel is answered in a thread under it', async () => {
    const ts = `1700000000.${fresh('')}`;
    const user = fresh('U');
    await slack.event({ type: 'app_mention', user, text: `<@${BOT_USER_ID}> ${QUESTION}`, ts, channel: 'C0GENERAL' });
    const reply = await fake.posted('chat.postMessage', (a) => a.thread_ts === ts);
    expect(reply.args.channel).toBe('C0GENERAL');
    expect(reply.token).toBe('xoxb-test');
    expect(readable(reply.args)).toContain(`${DOC}:16`);
  });

  test('a mention the bot refuses, or that asks nothing, is answered privately, to the asker, in its thread', async () => {
    for (const [question, says] of [['あ'.repeat(MAX_QUESTION_CHARS + 1), String(MAX_QUESTION_CHARS)], ['', '/ask &lt;question&gt;']] as const) {
      const ts = `1700000031.${fresh('')}`;
      const user = fresh('U');
      await slack.event({ type: 'app_mention', user, text: `<@${BOT_USER_ID}> ${question}`, ts, channel: 'C0GENERAL' });
      const reply = await fake.waitFor((r): r is Call => r.kind === 'call' && r.method.startsWith('chat.') && r.args.thread_ts === ts, 'a reply to the mention');
      expect(reply.method).toBe('chat.postEphemeral');
      expect(reply.args).toMatchObject({ channel: 'C0GENERAL', user, thread_ts: ts });
      expect(reply.args.text).toContain(says);
    }
  });

  test('a mention inside a thread is answered in that thread', async () => {
    const thread = `1700000001.${fresh('')}`;
    const ts = `1700000002.${fresh('')}`;
    await slack.event({ type: 'app_mention', user: fresh('U'), text: `<@${BOT_USER_ID}> ${QUESTION}`, ts, thread_ts: thread, channel: 'C0GENERAL' });
    const reply = await fake.posted('chat.postMessage', (a) => a.thread_ts === thread);
    expect(readable(reply.args)).toContain('44歳');
  });

  test('a follow-up mention in a thread the bot answered in is answered with the thread’s earlier question', async () => {
    const thread = `1700000011.${fresh('')}`;
    const user = fresh('U');
    const first = '小泉防衛相とヘグセス長官は何で対決するの';
    // The thread as Slack keeps it: the question, the bot's answer, then the follow-up.
    const followUpTs = `1700000013.${fresh('')}`;
    fake.threads.set(thread, [
      { ts: thread, user, text: `<@${BOT_USER_ID}> ${first}` },
      { ts: `1700000012.${fresh('')}`, user: BOT_USER_ID, bot_id: 'BBOT', text: '…' },
      { ts: followUpTs, user, text: `<@${BOT_USER_ID}> それはいつ？` },
    ]);
    await slack.event({ type: 'app_mention', user, text: `<@${BOT_USER_ID}> それはいつ？`, ts: followUpTs, thread_ts: thread, channel: 'C0GENERAL' });
    const reply = await fake.posted('chat.postMessage', (a) => a.thread_ts === thread);
    expect(readable(reply.args)).toContain('000_91a77e97be857d03.txt');
    expect(readable(reply.args)).not.toContain('見つかりませんでした');
    // The same words in a thread the bot never answered in stand alone, and find nothing.
    const other = `1700000021.${fresh('')}`;
    fake.threads.set(other, [{ ts: other, user, text: first }]);
    await slack.event({ type: 'app_mention', user: fresh('U'), text: `<@${BOT_USER_ID}> それはいつ？`, ts: `1700000022.${fresh('')}`, thread_ts: other, channel: 'C0GENERAL' });
    expect(readable((await fake.posted('chat.postMessage', (a) => a.thread_ts === other)).args)).toContain('見つかりませんでした');
  });

  describe('the earlier questions of a follow-up', () => {
    const first = '小泉防衛相とヘグセス長官は何で対決するの';
    /** Mentions the bot with それはいつ？ at `ts` in `thread`, which holds `messages`; resolves the reply's text. */
    async function followUp(messages: Record<string, unknown>[], ts = `1700000103.${fresh('')}`) {
      const thread = `1700000100.${fresh('')}`;
      fake.threads.set(thread, messages.map((m, i) => ({ ts: `1700000101.${String(i).padStart(6, '0')}`, ...m })));
      await slack.event({ type: 'app_mention', user: fresh('U'), text: `<@${BOT_USER_ID}> それはいつ？`, ts, thread_ts: thread, channel: 'C0GENERAL' });
      return readable((await fake.posted('chat.postMessage', (a) => a.thread_ts === thread)).args);
    }

    test('count once the bot answered in the thread, known by its user id even without a bot_id', async () => {
      expect(await followUp([{ user: 'U0ASKER', text: first }, { user: BOT_USER_ID, text: '…' }])).toContain(DOC);
    });

    test('are what people asked, not what the bot answered', async () => {
      expect(await followUp([{ user: 'U0ASKER', text: 'こんにちは' }, { user: BOT_USER_ID, bot_id: 'BBOT', text: first }])).toContain('見つかりませんでした');
    });

    test('are only those asked before the follow-up', async () => {
      const ts = '1700000101.000005';
      const messages = [{ user: BOT_USER_ID, bot_id: 'BBOT', text: '…' }, { ts: '1700000101.000009', user: 'U0ASKER', text: first }];
      expect(await followUp(messages, ts)).toContain('見つかりませんでした');
    });

    test('are what people asked, not what another bot posted in the thread', async () => {
      const messages = [{ user: 'U0ASKER', text: 'こんにちは' }, { user: BOT_USER_ID, text: '…' }, { user: 'U0OTHERBOT', bot_id: 'B0OTHER', text: first }];
      expect(await followUp(messages)).toContain('見つかりませんでした');
    });

    // Only the last few earlier questions count: what asks nothing must not push the first one out.
    const many = (message: Record<string, unknown>) => Array.from({ length: 5 }, () => ({ user: 'U0ASKER', ...message }));

    test('leave out messages that ask nothing: a bare mention of the bot, or files without text', async () => {
      const answered = [{ user: 'U0ASKER', text: first }, { user: BOT_USER_ID, bot_id: 'BBOT', text: '…' }];
      expect(await followUp([...answered, ...many({ text: `<@${BOT_USER_ID}> ` })])).toContain(DOC);
      expect(await followUp([...answered, ...many({ files: [{ id: 'F0CHART', name: 'chart.png' }] })])).toContain(DOC);
    });

    test('do not include the follow-up itself', async () => {
      const ts = `1700000103.${fresh('')}`;
      const answered = [{ user: 'U0ASKER', text: first }, { user: BOT_USER_ID, bot_id: 'BBOT', text: '…' }];
      const messages = [...answered, ...many({ text: 'なるほど' }).slice(1), { ts, user: 'U0ASKER', text: `<@${BOT_USER_ID}> それはいつ？` }];
      expect(await followUp(messages, ts)).toContain(DOC);
    });
  });

  test('an event Slack delivers again is answered once', async () => {
    const ts = `1700000004.${fresh('')}`;
    const mention = { type: 'app_mention', user: fresh('U'), text: `<@${BOT_USER_ID}> ${QUESTION}`, ts, channel: 'C0GENERAL' };
    const eventId = fresh('Ev');
    await slack.event(mention, eventId);
    await slack.event(mention, eventId);
    // A later, different mention is answered after the retry would have been.
    const later = `1700000005.${fresh('')}`;
    await slack.event({ ...mention, ts: later });
    await fake.posted('chat.postMessage', (a) => a.thread_ts === later);
    expect(fake.records.filter((r) => r.kind === 'call' && r.method === 'chat.postMessage' && r.args.thread_ts === ts)).toHaveLength(1);
  });

  test('a direct message is answered in the DM', async () => {
    const channel = fresh('D');
    await slack.event({ type: 'message', channel_type: 'im', channel, user: fresh('U'), text: QUESTION, ts: '1700000003.000100' });
    const reply = await fake.posted('chat.postMessage', (a) => a.channel === channel);
    expect(reply.args.thread_ts).toBeUndefined();
    expect(readable(reply.args)).toContain('44歳');
  });

  test('a direct message with no text (attachments alone) gets the usage hint', async () => {
    const channel = fresh('D');
    await slack.event({ type: 'message', channel_type: 'im', channel, user: fresh('U'), ts: '1700000003.000150', attachments: [{ fallback: 'a chart' }] });
    const reply = await fake.posted('chat.postMessage', (a) => a.channel === channel);
    expect(reply.args.text).toContain('/ask &lt;question&gt;');
  });

  test('an edited direct message and a message in an ordinary channel get no reply', async () => {
    const dm = fresh('D');
    const edited = { type: 'message', subtype: 'message_changed', channel_type: 'im', channel: dm, user: fresh('U'), text: QUESTION, ts: '1700000003.000200' };
    const inChannel = { type: 'message', channel_type: 'channel', channel: fresh('C0PLAIN'), user: fresh('U'), text: QUESTION, ts: '1700000003.000300' };
    await slack.event(edited);
    await slack.event(inChannel);
    // A direct message sent after them is answered; by then they would have been.
    const later = fresh('D');
    await slack.event({ type: 'message', channel_type: 'im', channel: later, user: fresh('U'), text: QUESTION, ts: '1700000003.000400' });
    await fake.posted('chat.postMessage', (a) => a.channel === later);
    const calls = fake.records.filter((r): r is Call => r.kind === 'call' && r.method.startsWith('chat.'));
    expect(calls.filter((c) => c.args.channel === dm || c.args.channel === inChannel.channel)).toEqual([]);
    // The later one got its answer only (no refusal of a file it did not share).
    expect(calls.filter((c) => c.args.channel === later)).toHaveLength(1);
  });

  test('a mention or direct message from another bot gets no reply (two bots would loop)', async () => {
    // Bots' events carry a user id too; bot_id is what tells them apart (ours is BBOT, this is another).
    const mentionTs = `1700000006.${fresh('')}`;
    const dm = fresh('D');
    const fromBot = { user: fresh('U'), bot_id: 'B0OTHER', text: `<@${BOT_USER_ID}> ${QUESTION}` };
    await slack.event({ type: 'app_mention', ...fromBot, ts: mentionTs, channel: 'C0GENERAL' });
    await slack.event({ type: 'message', channel_type: 'im', ...fromBot, channel: dm, ts: '1700000007.000100' });
    // A person's mention sent after them is answered; by then the bots' would have been too.
    const later = `1700000008.${fresh('')}`;
    await slack.event({ type: 'app_mention', user: fresh('U'), text: `<@${BOT_USER_ID}> ${QUESTION}`, ts: later, channel: 'C0GENERAL' });
    await fake.posted('chat.postMessage', (a) => a.thread_ts === later);
    const calls = fake.records.filter((r): r is Call => r.kind === 'call' && r.method.startsWith('chat.'));
    expect(calls.filter((c) => c.args.thread_ts === mentionTs || c.args.channel === dm)).toEqual([]);
  });

  test('a user over the rate limit is asked politely to wait', async () => {
    const user = fresh('U');
    const ids = [1, 2, 3, 4].map(() => fresh('rate'));
    for (const id of ids) {
      await slack.command('/ask', QUESTION, user, id);
      await response(id);
    }
    const last = await response(ids[3]!);
    expect(last.body.response_type).toBe('ephemeral');
    expect(last.body.text).toMatch(/try again in \d+ s/);
    expect(readable((await response(ids[2]!)).body)).toContain('44歳');
    // The limit is per user, not per command.
    const sources = fresh('rate');
    await slack.command('/sources', '', user, sources);
    expect((await response(sources)).body.text).toMatch(/try again in \d+ s/);
  });

  test('while a worst-case question is asked, 20 concurrent questions are acknowledged within 3 s and all answered', async () => {
    const worst = ['\ufdfa'.repeat(MAX_QUESTION_CHARS), 'ア'.repeat(MAX_QUESTION_CHARS)].map((q) => slack.command('/ask', q, fresh('U'), fresh('worst')));
    const ids = Array.from({ length: 20 }, () => fresh('ask'));
    const ackMs = await Promise.all(
      ids.map(async (id) => {
        const sent = performance.now();
        await slack.command('/ask', QUESTION, fresh('U'), id);
        return performance.now() - sent;
      }),
    );
    // Slack's own deadline for an acknowledgement.
    for (const ms of ackMs) expect(ms).toBeLessThan(3000);
    for (const id of ids) expect(readable((await response(id)).body)).toContain('44歳');
    await Promise.all(worst);
  });

  test('/reindex is refused for a user who is not a moderator', async () => {
    const id = fresh('deny');
    await slack.command('/reindex', '', mode.notModerator, id);
    const refusal = await response(id);
    expect(refusal.body.response_type).toBe('ephemeral');
    expect(refusal.body.text).toContain('Only moderators can reindex');
  });

  test('/reindex by a moderator rebuilds and reports; /ask is acknowledged and answered meanwhile', async () => {
    const reindexId = fresh('reindex');
    await slack.command('/reindex', '', mode.moderator, reindexId);
    const started = await response(reindexId, (t) => t.includes('Reindexing'));
    const askId = fresh('during');
    const askAck = await slack.command('/ask', QUESTION, fresh('U'), askId);
    const report = await response(reindexId, (t) => t.includes('Reindex done'));

    before(started, askAck);
    before(askAck, report);
    expect(report.body.response_type).toBe('ephemeral');
    expect(report.body.text).toMatch(/Reindex done: 5 documents \(0 analyzed anew, 5 unchanged\), \d+ sentences/);
    expect(readable((await response(askId)).body)).toContain('44歳');
  });

  test('two /reindex at once make one run: the second joins the first', async () => {
    const [a, b] = [fresh('r'), fresh('r')];
    await Promise.all([slack.command('/reindex', '', mode.moderator, a), slack.command('/reindex', '', mode.moderator, b)]);
    const reports = await Promise.all([a, b].map((id) => response(id, (t) => t.includes('done'))));
    const texts = reports.map((r) => r.body.text as string);
    expect(texts.filter((t) => t.includes('A reindex was already running'))).toHaveLength(1);
    expect(new Set(texts.map((t) => /built (\S+)\.\)/.exec(t)?.[1])).size).toBe(1);
  });

  test.runIf(mode.name === 'Socket Mode')('every envelope was acknowledged, and each token was used where it belongs', () => {
    const envelopes = fake.records.filter((r) => r.kind === 'envelope');
    const acked = new Set(fake.records.filter((r) => r.kind === 'ack').map((r) => r.id));
    expect(envelopes.length).toBeGreaterThan(10);
    expect(envelopes.filter((e) => !acked.has(e.id))).toEqual([]);
    const calls = fake.records.filter((r): r is Call => r.kind === 'call');
    expect(calls.filter((c) => c.method === 'apps.connections.open').map((c) => c.token)).toEqual(['xapp-test']);
    expect(calls.filter((c) => c.method !== 'apps.connections.open' && c.token !== 'xoxb-test')).toEqual([]);
    // The token was checked at start-up, before connecting: Bolt was given the bot's ids and asks nothing while answering.
    const connected = calls.findIndex((c) => c.method === 'apps.connections.open');
    expect(calls.slice(connected).filter((c) => c.method === 'auth.test')).toEqual([]);
  });
});

describe('Slack adapter, HTTP signature checks', { timeout: 30_000 }, () => {
  let adapter: SlackAdapter;
  const url = () => `http://127.0.0.1:${adapter.port}/slack/events`;
  const form = (id: string, text = QUESTION) => new URLSearchParams(slashCommand(fake, '/ask', text, fresh('U'), id)).toString();

  beforeAll(async () => {
    adapter = await startSlack(kb, {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
    });
  });

  afterAll(async () => {
    await adapter?.stop();
  });

  test('a bad, foreign or stale signature gets 401 and no answer', async () => {
    const now = Math.floor(Date.now() / 1000);
    const rejected = await Promise.all([
      postSigned(fake, url(), form('bad-sig'), 'application/x-www-form-urlencoded', { id: 'bad-sig', secret: SECRET, signature: 'v0=00ff' }),
      postSigned(fake, url(), form('bad-secret'), 'application/x-www-form-urlencoded', { id: 'bad-secret', secret: 'not-the-secret' }),
      postSigned(fake, url(), form('stale'), 'application/x-www-form-urlencoded', { id: 'stale', secret: SECRET, timestamp: now - 6 * 60 }),
      postSigned(fake, url(), JSON.stringify(eventCallback({ type: 'app_mention', user: 'U1', text: `<@${BOT_USER_ID}> ${QUESTION}`, ts: '1700000009.000001', channel: 'C1' })), 'application/json', {
        id: 'bad-event',
        secret: 'not-the-secret',
      }),
    ]);
    expect(rejected.map((r) => r.status)).toEqual([401, 401, 401, 401]);

    // A good request sent after them is answered; by then the rejected ones would have been too.
    await postSigned(fake, url(), form('good'), 'application/x-www-form-urlencoded', { id: 'good', secret: SECRET });
    await response('good');
    const rejectedIds = ['bad-sig', 'bad-secret', 'stale'];
    expect(fake.records.filter((r) => r.kind === 'response' && rejectedIds.includes(r.id))).toEqual([]);
    expect(fake.records.filter((r) => r.kind === 'call' && r.args.thread_ts === '1700000009.000001')).toEqual([]);
  });

  test('serves no /healthz or /metrics when npm start hands it no routes', async () => {
    for (const path of ['/healthz', '/metrics']) expect((await fetch(`http://127.0.0.1:${adapter.port}${path}`)).status).toBe(404);
  });
});

describe('Slack adapter, /healthz and /metrics on the HTTP receiver', { timeout: 30_000 }, () => {
  test('are served on its port when npm start hands it the routes, and it reports itself stopped', async () => {
    const healthRoutes = async (req: { url?: string }, res: { end(body: string): void }) => {
      res.end(`served ${req.url}`);
      return true;
    };
    const adapter = await startSlack(kb, { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', HOST: '127.0.0.1' }, undefined, { healthRoutes });
    try {
      const base = `http://127.0.0.1:${adapter.port}`;
      for (const path of ['/healthz', '/metrics']) expect(await (await fetch(base + path)).text()).toBe(`served ${path}`);
      expect(adapter.problem()).toBeUndefined();
    } finally {
      await adapter.stop();
    }
    // npm start reports it under its name.
    expect(adapter.name).toBe('slack');
    expect(adapter.problem()).toBe('the HTTP receiver is not listening');
  });
});

describe('Slack adapter, health in Socket Mode', { timeout: 30_000 }, () => {
  test('/healthz says Socket Mode is not connected while the connection is down, and is 200 again once it reconnects', async () => {
    const adapter = await startSlack(kb, { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_APP_TOKEN: 'xapp-test', SLACK_API_URL: fake.apiUrl });
    // As npm start wires it with HEALTH_PORT: Socket Mode has no HTTP receiver to serve it.
    const health = await startHealthServer(0, '127.0.0.1', healthRoutes([{ name: 'slack', problem: () => adapter.problem() }]));
    const healthz = async () => {
      const res = await fetch(`http://127.0.0.1:${health.port}/healthz`);
      return { status: res.status, body: await res.json() };
    };
    const connections = () => fake.records.filter((r) => r.kind === 'connected').length;
    try {
      expect(await healthz()).toEqual({ status: 200, body: { ok: true, problems: {} } });
      const before = connections();
      fake.dropSocket();
      await eventually(() => adapter.problem() !== undefined, 'the dropped connection noticed');
      expect(await healthz()).toEqual({ status: 503, body: { ok: false, problems: { slack: 'Socket Mode is not connected' } } });
      // The client reconnects by itself, after a few seconds.
      await eventually(() => connections() > before && adapter.problem() === undefined, 'a new connection', 20_000);
      expect((await healthz()).status).toBe(200);
      const id = fresh('back');
      await socketDriver(fake).command('/ask', QUESTION, fresh('U'), id);
      expect(readable((await response(id)).body)).toContain('44歳');
    } finally {
      await adapter.stop();
    }
    expect(await healthz()).toEqual({ status: 503, body: { ok: false, problems: { slack: 'Socket Mode is not connected' } } });
    await health.close();
  });
});

describe('Slack adapter start-up', { timeout: 30_000 }, () => {
  test('a token Slack refuses stops start-up with the variable named', async () => {
    const revoked = startSlack(kb, { SLACK_BOT_TOKEN: REVOKED.bot, SLACK_APP_TOKEN: 'xapp-test', SLACK_API_URL: fake.apiUrl });
    await expect(revoked).rejects.toThrow(/SLACK_BOT_TOKEN \(.*invalid_auth\).*OAuth & Permissions/);
    // Slack's error stays attached, for the log.
    await expect(revoked).rejects.toMatchObject({ cause: { data: { error: 'invalid_auth' } } });
    await expect(startSlack(kb, { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_APP_TOKEN: REVOKED.app, SLACK_API_URL: fake.apiUrl })).rejects.toThrow(
      /SLACK_APP_TOKEN \(.*invalid_auth\).*App-Level Tokens/,
    );
  });

  test('Slack failing, or answering what the client cannot use, stops start-up with the cause, not as a refused token', async () => {
    const notRefused = /the token was not refused: try again later \(status\.slack\.com\), and check the network and SLACK_API_URL$/;
    const down = startSlack(kb, { SLACK_BOT_TOKEN: FAILING.slackDown, SLACK_APP_TOKEN: 'xapp-test', SLACK_API_URL: fake.apiUrl });
    await expect(down).rejects.toThrow(/^Slack could not check SLACK_BOT_TOKEN at start-up \(An API error occurred: service_unavailable\); /);
    await expect(down).rejects.toThrow(notRefused);
    await expect(down).rejects.toMatchObject({ cause: { data: { error: 'service_unavailable' } } });
    const unusable = startSlack(kb, { SLACK_BOT_TOKEN: FAILING.noRetryAfter, SLACK_APP_TOKEN: 'xapp-test', SLACK_API_URL: fake.apiUrl });
    await expect(unusable).rejects.toThrow(/^Slack could not check SLACK_BOT_TOKEN at start-up \(Retry header did not contain a valid timeout .*auth\.test/);
    await expect(unusable).rejects.toThrow(notRefused);
  });

  test('checks the token with one auth.test, and Bolt asks none of its own, neither at start nor while answering', async () => {
    const authTests = () => fake.records.filter((r) => r.kind === 'call' && r.method === 'auth.test').length;
    const before = authTests();
    const adapter = await startSlack(kb, { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', HOST: '127.0.0.1' });
    try {
      const id = fresh('auth');
      const form = new URLSearchParams(slashCommand(fake, '/ask', QUESTION, fresh('U'), id)).toString();
      await postSigned(fake, `http://127.0.0.1:${adapter.port}/slack/events`, form, 'application/x-www-form-urlencoded', { id, secret: SECRET });
      await response(id);
      expect(authTests()).toBe(before + 1);
    } finally {
      await adapter.stop();
    }
  });

  test('Slack out of reach stops start-up within seconds, with the network error, not as a refused token', async () => {
    // A port on 127.0.0.1 that nothing listens on: every request is refused.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = startSlack(kb, { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_APP_TOKEN: 'xapp-test', SLACK_API_URL: `http://127.0.0.1:${port}/api/` });
    await expect(unreachable).rejects.toThrow(/^Slack could not check SLACK_BOT_TOKEN at start-up \(A request error occurred: fetch failed: connect ECONNREFUSED 127\.0\.0\.1:\d+\); the token was not refused/);
  });

  test('a PORT already in use, with no HOST, stops start-up naming PORT and every address', async () => {
    // Taken on 127.0.0.1, so the receiver cannot listen on every address either (and never does).
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const started = startSlack(kb, { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: String(port) });
      await expect(started).rejects.toThrow(new RegExp(`^Slack's HTTP receiver cannot listen on port ${port} of every address \\(listen EADDRINUSE.*\\): set PORT \\(or HOST\\) to a free one$`));
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  test('a PORT already in use stops start-up naming PORT', async () => {
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const started = startSlack(kb, { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: String(port), HOST: '127.0.0.1' });
      await expect(started).rejects.toThrow(new RegExp(`^Slack's HTTP receiver cannot listen on port ${port} of 127\\.0\\.0\\.1 \\(listen EADDRINUSE.*\\): set PORT \\(or HOST\\) to a free one$`));
      await expect(started).rejects.toMatchObject({ cause: { code: 'EADDRINUSE' } });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
