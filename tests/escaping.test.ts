/**
 * Text from the material or a person is shown as written on both platforms: no formatting, link
 * or mention survives, for any string (fast-check), and long lists stay small and linear.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeDiscord,
  renderAnswer as renderDiscordAnswer,
  renderPassages as renderDiscordPassages,
  renderSources as renderDiscordSources,
  renderUnanswered as renderDiscordUnanswered,
} from '../adapters/discord/render.js';
import type { Passage } from '../adapters/shared/passage.js';
import type { UnansweredReport } from '../adapters/shared/unanswered.js';
import {
  codeSpan,
  escapeMrkdwn,
  MAX_BLOCKS,
  renderAnswer as renderSlackAnswer,
  renderHome,
  renderPassages as renderSlackPassages,
  renderSources as renderSlackSources,
  renderUnanswered as renderSlackUnanswered,
} from '../adapters/slack/render.js';
import type { Answer, SourcesReport } from '../src/index.js';
import { expectWithinLimits } from './discord/limits.js';

/** Strings rich in what both platforms' markup reads: markdown, mentions, links, entities, astral characters. */
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom('*', '_', '~', '`', '|', '>', '<', '#', '-', '+', '.', '[', ']', '(', ')', '@', ':', '\\', '&', '!', '\n', ' '),
    fc.constantFrom('<@123>', '<!channel>', '@everyone', '[x](https://evil.example)', 'https://evil.example', '&amp;', '# ', '||'),
    fc.string({ unit: 'binary', maxLength: 3 }),
  ),
  maxLength: 60,
});

/** Discord's markdown reads `\` before any punctuation as that character; every special character must be so escaped. */
function unescapedDiscordSpecials(text: string): string[] {
  const bare: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (/[*_~`|>#\-+.[\]()<@:]/.test(text[i]!)) bare.push(text[i]!);
  }
  return bare;
}

const unescapeDiscord = (text: string) => text.replace(/\\(.)/gsu, '$1');

const answerOf = (text: string, title: string, docId: string): Answer => ({
  status: 'answered',
  text: `${text} [1]`,
  sentences: [{ text, cite: 1 }],
  citations: [{ n: 1, docId, title, line: 1, quote: text }],
  closest: [],
  tookMs: 1,
});

/** A moderators' view of one question asked by a person. */
const unansweredOf = (question: string): UnansweredReport => ({
  days: 30,
  groups: [{ question, count: 2, refused: 1, downVotes: 1, wordings: [question, `${question}?`] }],
});

/** A passage view of one citation whose paragraph and cited sentence came from a document. */
const passageOf = (paragraph: string, cited: string, title: string, docId: string): Passage[] => [
  {
    citation: { n: 1, docId, title, line: 3, quote: cited },
    parts: [
      { text: paragraph, cited: false },
      { text: cited, cited: true },
    ],
  },
];

/** Nothing in Discord markdown that would link, mention or ping, outside a backslash escape. */
function expectNothingLive(shown: string) {
  expect(shown).not.toMatch(/(?<!\\)\]\(/);
  expect(shown).not.toMatch(/(?<!\\)<[@#]/);
  expect(shown).not.toMatch(/(?<!\\)@(?:everyone|here)/);
  expect(shown).not.toMatch(/(?<!\\)https?:/);
}

describe('Discord', () => {
  it('escapes every markdown, link and mention character of any string, and the reader sees it as written', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const shown = escapeDiscord(text);
        expect(unescapedDiscordSpecials(shown)).toEqual([]);
        expect(unescapeDiscord(shown)).toBe(text);
      }),
    );
  });

  it('shows a masked link, a heading and a mention from a document as text', () => {
    const sentence = '# 重要\n[ここをクリック](https://evil.example/phish) <@123> @everyone';
    const embed = renderDiscordAnswer('質問', answerOf(sentence, '[title](https://evil.example)', 'a.md'));
    const shown = `${embed.description}\n${embed.fields!.map((f) => `${f.name}\n${f.value}`).join('\n')}`;
    expect(shown).not.toMatch(/(?<!\\)\]\(/);
    expect(shown).not.toMatch(/(?<!\\)<@/);
    expect(shown).not.toMatch(/(?<!\\)@everyone/);
    expect(shown).not.toMatch(/(?<!\\)https:/);
    expect(embed.description).toContain('\\# 重要');
  });

  it('shows questions in the moderators\' view, and passages in the passage view, as written', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, (question, paragraph, cited, title) => {
        const view = renderDiscordUnanswered(unansweredOf(question));
        expectWithinLimits(view);
        expectNothingLive(view.description!);
        const passages = renderDiscordPassages(passageOf(paragraph, cited || 'x', title, 'doc.md'));
        expectWithinLimits(passages);
        for (const field of passages.fields!) expectNothingLive(`${field.name}\n${field.value}`);
      }),
    );
  });

  it('lists 20,000 documents as the first ones that fit and a count of the rest', () => {
    const report = sourcesOf(20_000);
    const embed = renderDiscordSources(report);
    expectWithinLimits(embed);
    const lines = embed.description!.split('\n');
    const more = Number(/ほか (\d+) 件/.exec(lines.at(-1)!)?.[1]);
    expect(lines.length - 1 + more).toBe(20_000);
    expect(lines[0]).toContain('`doc00000.md`');
  });
});

describe('Slack', () => {
  it('leaves no control or formatting character in any string, and entities only as entities', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const shown = escapeMrkdwn(text);
        expect(shown).not.toMatch(/[<>*~`]/);
        // An underscore only inside a word, where Slack opens no italics.
        expect(shown).not.toMatch(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/u);
        expect(shown.replace(/&(?:amp|lt|gt);/g, '')).not.toContain('&');
        const code = codeSpan(text);
        expect(code).toMatch(/^`[^`]*`$/);
        expect(code).not.toMatch(/[<>]/);
      }),
    );
  });

  it('renders an answer whose every text is mrkdwn Slack takes verbatim, with no live mention or link', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, (sentence, title, docId, question) => {
        expectVerbatimAndInert(renderSlackAnswer(answerOf(sentence || 'x', title, docId), question));
      }),
    );
  });

  it('renders the moderators\' view, the Home tab and the passage view verbatim, with no live mention or link', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, (question, paragraph, cited, title) => {
        expectVerbatimAndInert(renderSlackUnanswered(unansweredOf(question)));
        expectVerbatimAndInert(renderHome({ unanswered: unansweredOf(question), sources: sourcesOf(3) }));
        expectVerbatimAndInert(renderSlackPassages(passageOf(paragraph, cited || 'x', title, question)));
      }),
    );
  });

  it('lists 100 of 20,000 documents and counts the rest', () => {
    const message = renderSlackSources(sourcesOf(20_000));
    expect(message.blocks!.length).toBeLessThanOrEqual(MAX_BLOCKS);
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain('doc00099.md');
    expect(shown).not.toContain('doc00100.md');
    expect(shown).toContain('ほか 19900 件');
  });
});

/** Every text object is mrkdwn that Slack takes verbatim (buttons and dividers aside), and no `<` survives anywhere. */
function expectVerbatimAndInert(message: { blocks?: object[] }) {
  expect(JSON.stringify(message)).not.toMatch(/<|\\u003c/);
  for (const block of message.blocks as { type: string; elements?: object[]; text?: object }[]) {
    if (block.type === 'actions' || block.type === 'divider') continue;
    const texts = block.type === 'context' ? block.elements! : [block.text!];
    for (const text of texts) expect(text).toMatchObject({ type: 'mrkdwn', verbatim: true });
  }
}

function sourcesOf(count: number): SourcesReport {
  return {
    documents: Array.from({ length: count }, (_, i) => ({ docId: `doc${String(i).padStart(5, '0')}.md`, title: `資料 ${i}`, sentences: 3 })),
    builtAt: '2026-01-01T00:00:00.000Z',
    skipped: [],
  };
}

describe('the answer span in bold', () => {
  // `*2025*年` in the material: the bold must wrap the escaped text, never let the material's own `*` close it.
  const text = '会談は*2025*年10月15日に行われた。';
  const start = text.indexOf('10月');
  const answer: Answer = { ...answerOf(text, 'T', 'a.txt'), sentences: [{ text, cite: 1, answer: [start, start + '10月15日'.length] }] };

  it('Discord: wraps the escaped span in **…** and keeps the rest escaped', () => {
    const description = renderDiscordAnswer('いつ？', answer).description!;
    expect(description).toContain('**10月15日**');
    expect(description).toContain('\\*2025\\*年');
  });

  it('Slack: wraps the escaped span in *…* and keeps the rest escaped', () => {
    const shown = JSON.stringify(renderSlackAnswer(answer, 'いつ？'));
    expect(shown).toContain('*10月15日*');
    expect(shown).toContain('∗2025∗年');
  });
});
