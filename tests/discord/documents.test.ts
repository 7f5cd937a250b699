/**
 * Moderators add and remove documents from Discord, through the real discord.js client against
 * the fake Discord (the attachment is served by the fake's CDN on 127.0.0.1), over the real core.
 */
import { readdir } from 'node:fs/promises';
import { InteractionResponseType, MessageFlags } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/index.js';
import { copyOfBundledCorpus, tempDir, testConfig } from '../helpers.js';
import { FakeDiscord, PERMISSIONS } from './fake-discord.js';
import { startBotAgainstFake } from './start-bot.js';

const MARS = '# 火星探査\n\n火星探査機は北極に着陸した。\n';

let corpus: string;
let kb: KnowledgeBase;
let fake: FakeDiscord;

beforeAll(async () => {
  corpus = await copyOfBundledCorpus();
  kb = await KnowledgeBase.open(testConfig(corpus, await tempDir(), { MAX_FILE_BYTES: '200000' }));
  ({ fake } = await startBotAgainstFake(kb, { RATE_LIMIT_PER_MINUTE: '0' }));
});

const upload = (filename: string, bytes: Uint8Array, { permissions = PERMISSIONS.manageGuild, replace }: { permissions?: bigint; replace?: boolean } = {}) => {
  const file = fake.attachment(filename, bytes);
  const options = { file: { attachment: file.id }, ...(replace === undefined ? {} : { replace }) };
  return fake.injectCommand({ name: 'add-document', options, resolved: { attachments: { [file.id]: file } }, permissions });
};

describe('/add-document and /remove-document', () => {
  it('indexes a moderator’s upload, which answers at once, and says how many units it added', async () => {
    const interaction = upload('mars.md', new TextEncoder().encode(MARS));
    // Deferred privately: what a moderator adds is shown to them only.
    const deferred = (await interaction.callback()).body;
    expect(deferred.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(deferred.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const reply = (await interaction.edited()).body;
    expect(reply.content).toMatch(/mars\\\.md/);
    expect(reply.content).toMatch(/1 units indexed/);
    const [embed] = (await fake.injectCommand({ name: 'ask', options: { question: '火星探査機はどこに着陸した？' } }).edited()).body.embeds;
    expect(embed.description).toContain('北極');
    expect(embed.fields[0].value).toContain('`mars.md`');
  });

  it('replaces a document of the same name only when `replace` is true', async () => {
    const south = new TextEncoder().encode(MARS.replace('北極', '南極'));
    for (const replace of [undefined, false]) {
      const interaction = upload('mars.md', south, { replace });
      expect((await Promise.race([interaction.followUp(), interaction.edited()])).body.content).toMatch(/already exists/);
    }
    expect((await upload('mars.md', south, { replace: true }).edited()).body.content).toMatch(/mars\\\.md/);
    const [embed] = (await fake.injectCommand({ name: 'ask', options: { question: '火星探査機はどこに着陸した？' } }).edited()).body.embeds;
    expect(embed.description).toContain('南極');
  });

  it('refuses a member who is not a moderator, and changes nothing', async () => {
    const before = await readdir(corpus);
    const reply = (await upload('venus.md', new TextEncoder().encode(MARS), { permissions: PERMISSIONS.viewAndSend }).callback()).body;
    expect(reply.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(reply.data.content).toMatch(/Only moderators/);
    expect(await readdir(corpus)).toEqual(before);
  });

  it.each([
    ['a binary file', 'image.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), /binary/],
    ['Shift_JIS text', 'sjis.txt', Buffer.from([0x8f, 0xac, 0x90, 0xf2, 0x96, 0x68, 0x89, 0x71]), /UTF-8/],
    ['a file over MAX_FILE_BYTES', 'big.txt', Buffer.alloc(300_000, 0x61), /MAX_FILE_BYTES/],
    ['a path', '../x.md', new TextEncoder().encode(MARS), /plain file name/],
  ])('refuses %s with the reason, and changes nothing on disk', async (_, name, bytes, reason) => {
    const before = await readdir(corpus, { recursive: true });
    const interaction = upload(name, bytes);
    const reply = await Promise.race([interaction.followUp(), interaction.edited()]);
    expect(reply.body.content).toMatch(reason);
    expect(await readdir(corpus, { recursive: true })).toEqual(before);
  });

  it('offers the indexed documents as the name is typed, and removes the chosen one', async () => {
    const choices = (await fake.injectAutocomplete('remove-document', 'name', 'mars', { permissions: PERMISSIONS.manageGuild }).callback()).body;
    expect(choices.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(choices.data.choices).toEqual([{ name: 'mars.md', value: 'mars.md' }]);
    const reply = (await fake.injectCommand({ name: 'remove-document', options: { name: 'mars.md' }, permissions: PERMISSIONS.manageGuild }).edited()).body;
    expect(reply.content).toMatch(/Removed mars\\\.md/);
    expect(await readdir(corpus)).not.toContain('mars.md');
    expect(kb.sources().documents.map((d) => d.docId)).not.toContain('mars.md');
  });
});

