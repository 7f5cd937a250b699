/**
 * Moderators add documents by sharing a file in a direct message and remove them with
 * /remove-document, through the real Bolt app (Socket Mode) against the fake Slack, over the real core.
 */
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSlack, type SlackAdapter } from '../../adapters/slack/index.js';
import { KnowledgeBase } from '../../src/index.js';
import { copyOfBundledCorpus, tempDir, testConfig } from '../helpers.js';
import { socketDriver, startFakeSlack, type FakeSlack, type SlackRecord } from './fake-slack.js';

const MARS = '# 火星探査\n\n火星探査機は北極に着陸した。\n';

let corpus: string;
let kb: KnowledgeBase;
let fake: FakeSlack;
let adapter: SlackAdapter;
let seq = 0;

beforeAll(async () => {
  corpus = await copyOfBundledCorpus();
  kb = await KnowledgeBase.open(testConfig(corpus, await tempDir(), { MAX_FILE_BYTES: '200000' }));
  fake = await startFakeSlack();
  adapter = await startSlack(kb, { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_APP_TOKEN: 'xapp-test', SLACK_API_URL: fake.apiUrl, SLACK_MODERATOR_USER_IDS: 'UMOD', RATE_LIMIT_PER_MINUTE: '0' });
}, 60_000);

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
});

/** A file shared in a new DM channel by `user`; resolves with the bot's reply there. */
const share = (user: string, name: string, bytes: Uint8Array, text = '') => shareFiles(user, [fake.file(name, bytes)], text);

/** A file_share message with `files` (as Slack describes them) in a new DM channel; resolves with the bot's reply there. */
async function shareFiles(user: string, files: object[], text = '') {
  const channel = `D${++seq}`;
  await socketDriver(fake).event({ type: 'message', subtype: 'file_share', channel_type: 'im', channel, user, text, ts: `1700000100.${seq}`, files });
  const reply = await fake.waitFor((r): r is SlackRecord & { kind: 'call' } => r.kind === 'call' && r.method === 'chat.postMessage' && r.args.channel === channel, `a reply in ${channel}`);
  return String(reply.args.text);
}

describe('documents from Slack', () => {
  test('a moderator’s file shared in a DM is indexed and answers at once', async () => {
    expect(await share('UMOD', 'mars.md', new TextEncoder().encode(MARS))).toMatch(/Added mars\.md: 1 units indexed/);
    expect((await kb.ask('火星探査機はどこに着陸した？')).citations[0]?.docId).toBe('mars.md');
  });

  test('a file from someone who is not a moderator is refused, and nothing changes', async () => {
    const before = await readdir(corpus);
    expect(await share('UPLAIN', 'venus.md', new TextEncoder().encode(MARS))).toMatch(/Only moderators/);
    expect(await readdir(corpus)).toEqual(before);
  });

  test.each([
    ['a binary file', 'image.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), /binary/],
    ['Shift_JIS text', 'sjis.txt', Buffer.from([0x8f, 0xac, 0x90, 0xf2, 0x96, 0x68, 0x89, 0x71]), /UTF-8/],
    ['a file over MAX_FILE_BYTES', 'big.txt', Buffer.alloc(300_000, 0x61), /MAX_FILE_BYTES/],
    ['an existing name without "replace"', 'mars.md', new TextEncoder().encode(MARS), /already exists/],
  ])('%s is refused with the reason, and nothing changes on disk', async (_, name, bytes, reason) => {
    const before = await readdir(corpus, { recursive: true });
    expect(await share('UMOD', name, bytes)).toMatch(reason);
    expect(await readdir(corpus, { recursive: true })).toEqual(before);
  });

  test('a message saying "replace" replaces a document of the same name', async () => {
    const north = new TextEncoder().encode('# 探査\n\n小惑星探査機は北極に着陸した。\n');
    const south = new TextEncoder().encode('# 探査\n\n小惑星探査機は南極に着陸した。\n');
    expect(await share('UMOD', 'asteroid.md', north)).toMatch(/Added asteroid\.md/);
    expect(await share('UMOD', 'asteroid.md', south, 'これで置き換えてください (replace)')).toMatch(/Added asteroid\.md/);
    expect((await kb.ask('小惑星探査機はどこに着陸した？')).sentences.map((x) => x.text).join('')).toContain('南極');
  });

  test('a share without its file, or with a file Slack gives no download address for, is refused with the reason', async () => {
    expect(await shareFiles('UMOD', [])).toMatch(/no file came with the message/);
    expect(await shareFiles('UMOD', [{ name: 'notes.md' }])).toMatch(/the file cannot be downloaded/);
  });

  test('a file shared in a channel, not a DM, is not added', async () => {
    await socketDriver(fake).event({ type: 'message', subtype: 'file_share', channel_type: 'channel', channel: 'C0GENERAL', user: 'UMOD', text: '', ts: '1700000200.000001', files: [fake.file('moon.md', new TextEncoder().encode(MARS))] });
    // Documents are added one at a time: once a DM share made after it is added, it would have been too.
    expect(await share('UMOD', 'later.md', new TextEncoder().encode(MARS))).toMatch(/Added later\.md/);
    expect(fake.records.filter((r) => r.kind === 'call' && r.args.channel === 'C0GENERAL')).toEqual([]);
    expect(await readdir(corpus)).not.toContain('moon.md');
  });

  test('/remove-document removes it for a moderator only', async () => {
    const slack = socketDriver(fake);
    await slack.command('/remove-document', 'mars.md', 'UPLAIN', 'remove-plain');
    expect(JSON.stringify((await fake.waitFor((r): r is SlackRecord & { kind: 'response' } => r.kind === 'response' && r.id === 'remove-plain', 'a refusal')).body)).toMatch(/Only moderators/);
    expect(await readdir(corpus)).toContain('mars.md');
    await slack.command('/remove-document', 'mars.md', 'UMOD', 'remove-mod');
    const done = await fake.waitFor((r): r is SlackRecord & { kind: 'response' } => r.kind === 'response' && r.id === 'remove-mod' && JSON.stringify(r.body).includes('Removed'), 'the removal');
    expect(JSON.stringify(done.body)).toMatch(/Removed mars\.md/);
    expect(await readdir(corpus)).not.toContain('mars.md');
  });
});

