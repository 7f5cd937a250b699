/** Slack text both ways: reading what a person typed, and rendering Block Kit within Slack's limits. */
import { describe, expect, test } from 'vitest';
import { escapeMrkdwn, MAX_BLOCKS, pack, plain, renderAnswer, renderReindex, renderSources, SECTION_MAX } from '../../adapters/slack/render.js';
import { fromSlack } from '../../adapters/slack/reply.js';
import type { Answer } from '../../src/index.js';

/** An answer shaped as the core composes it: each sentence followed by its marker, one per line. */
function answerOf(sentences: string[], docId = 'doc.txt', title = 'Title'): Answer {
  return {
    status: 'answered',
    text: sentences.map((s) => `${s} [1]`).join('\n'),
    sentences: sentences.map((text) => ({ text, cite: 1 })),
    citations: [{ n: 1, docId, title, line: 3, quote: sentences[0] ?? '' }],
    closest: [],
    tookMs: 1,
  };
}

const texts = (blocks: any[]) => blocks.flatMap((b) => (b.type === 'context' ? b.elements.map((e: any) => e.text) : [b.text.text]));

describe('Slack renderer', () => {
  test('escapes the three mrkdwn control characters and turns formatting characters into look-alikes', () => {
    expect(escapeMrkdwn('<!channel> <@U1> <http://x|y> a&b *bold* _i_ ~s~ `c`')).toBe(
      '&lt;!channel&gt; &lt;@U1&gt; &lt;http://x|y&gt; a&amp;b ∗bold∗ ˍiˍ ∼s∼ ˋcˋ',
    );
  });

  test('a document cannot ping or link through its text, title or file name', () => {
    const message = renderAnswer(answerOf(['<!here> 会議は<http://evil|ここ>です。'], '<!channel>.txt', '<@U999>'), '<!everyone>?');
    const all = JSON.stringify(message);
    expect(all).not.toMatch(/<[!@h]/);
    expect(all).toContain('&lt;!here&gt;');
    expect(message.text).toContain('&lt;@U999&gt;');
  });

  test('a long answer is split between sentences into sections of at most 3000 characters', () => {
    const sentences = Array.from({ length: 40 }, (_, i) => `${'あ'.repeat(200)}${i}。`);
    const { blocks = [] } = renderAnswer(answerOf(sentences));
    const sections = blocks.filter((b) => b.type === 'section').map((b: any) => b.text.text as string);
    expect(sections.length).toBeGreaterThan(2);
    for (const s of sections) {
      expect(s.length).toBeLessThanOrEqual(SECTION_MAX);
      // Every line is one whole sentence with its marker.
      for (const line of s.split('\n')) expect(line).toMatch(/^あ+\d+。 \[1\]$/);
    }
    expect(sections.join('\n')).toBe(sentences.map((s) => `${s} [1]`).join('\n'));
  });

  test('never more than 50 blocks: the answer is shortened, its sources kept', () => {
    const sentences = Array.from({ length: 200 }, (_, i) => `${'い'.repeat(2900)}${i}。`);
    const { blocks = [] } = renderAnswer(answerOf(sentences), 'question');
    expect(blocks).toHaveLength(MAX_BLOCKS);
    expect(texts(blocks).at(-2)).toContain('shortened to fit');
    expect(texts(blocks).at(-1)).toBe('[1] Title · `doc.txt:3`');
  });

  test('an over-long unit is cut without breaking an escape sequence or a surrogate pair', () => {
    for (const filler of ['&', '𠮷']) {
      for (let pad = 0; pad < 5; pad++) {
        const [first] = pack([escapeMrkdwn('x'.repeat(pad) + filler.repeat(SECTION_MAX))], '\n');
        expect(first!.length).toBeLessThanOrEqual(SECTION_MAX);
        expect(first).toMatch(/^x*(&amp;|𠮷)*…$/u);
      }
    }
  });

  test('sources go ten to a context block, never an empty one (Slack refuses it)', () => {
    for (const n of [10, 11, 20]) {
      const answer = answerOf(Array.from({ length: n }, (_, i) => `文${i}。`));
      answer.citations = answer.sentences.map((_, i) => ({ n: i + 1, docId: `d${i}.txt`, title: 'T', line: 1, quote: '' }));
      const contexts = renderAnswer(answer).blocks!.filter((b) => b.type === 'context') as any[];
      expect(contexts.map((b) => b.elements.length)).toEqual(n === 11 ? [10, 1] : Array(n / 10).fill(10));
    }
  });

  test('the plain-text fallback carries the answer and its numbered sources', () => {
    const message = renderAnswer(answerOf(['一つ目。', '二つ目。']));
    expect(message.text).toBe('一つ目。 [1]\n二つ目。 [1]\n[1] Title · doc.txt:3');
  });

  test('not found: the core message, with the closest documents as hints', () => {
    const message = renderAnswer({
      status: 'not_found',
      text: '資料の中に該当する情報が見つかりませんでした。',
      sentences: [],
      citations: [],
      closest: [{ docId: 'a.txt', title: 'A & B' }],
      tookMs: 1,
    });
    expect(texts(message.blocks!)).toEqual(['資料の中に該当する情報が見つかりませんでした。', '近い資料 (closest): A &amp; B · `a.txt`']);
  });

  test('the sources list names every document and skipped file', () => {
    const message = renderSources({
      documents: [{ docId: 'a.txt', title: '<!channel> & <@U1>', sentences: 3 }],
      builtAt: '2026-01-01T00:00:00.000Z',
      skipped: [{ file: 'bad.pdf', reason: 'unsupported <type>' }],
    });
    const all = texts(message.blocks!).join('\n');
    expect(all).toContain('1 documents, 3 sentences');
    expect(all).toContain('• &lt;!channel&gt; &amp; &lt;@U1&gt; · `a.txt` (3 文)');
    expect(JSON.stringify(message)).not.toMatch(/<[!@]/);
    expect(all).toContain('`bad.pdf`: unsupported &lt;type&gt;');
  });
});

describe('Slack reindex report and plain replies', () => {
  const report = {
    documents: 5,
    sentences: 528,
    analyzed: 1,
    reused: 4,
    skipped: [{ file: '<b>.pdf', reason: 'unsupported <type> & more' }],
    tookMs: 1234,
    builtAt: '2026-01-01T00:00:00.000Z',
    joined: false,
  };

  test('gives the counts, the time in seconds and when it was built, and says whether it joined a running one', () => {
    const done = renderReindex(report);
    expect(done.text).toContain('Reindex done: 5 documents (1 analyzed anew, 4 unchanged), 528 sentences, 1.2 s, built 2026-01-01T00:00:00.000Z');
    expect(done.text).not.toContain('already running');
    expect(renderReindex({ ...report, joined: true }).text).toContain('A reindex was already running; it is done: 5 documents');
  });

  test('names each skipped file and why, escaped', () => {
    const all = texts(renderReindex(report).blocks!).join('\n');
    expect(all).toContain('`&lt;b&gt;.pdf`: unsupported &lt;type&gt; &amp; more');
    expect(JSON.stringify(renderReindex(report))).not.toMatch(/<[bt]/);
    expect(renderReindex({ ...report, skipped: [] }).blocks).toHaveLength(1);
  });

  test('a plain reply is escaped and has no blocks', () => {
    expect(plain('usage: /ask <question> & more')).toEqual({ text: 'usage: /ask &lt;question&gt; &amp; more' });
  });
});

describe('Incoming Slack text', () => {
  test('mentions are dropped, links become their label or address, entities are decoded', () => {
    expect(fromSlack('<@UBOT> 高市首相 &amp; <#C1|general> <!here> <https://a.example|資料> <https://b.example> &lt;x&gt;')).toBe(
      ' 高市首相 & general  資料 https://b.example <x>',
    );
  });

  test('decoding then escaping gives back what Slack sent for typed text', () => {
    const typed = '&lt;!channel&gt; a &amp; b &amp;amp;';
    expect(escapeMrkdwn(fromSlack(typed))).toBe(typed);
  });
});

describe('documentation answers', () => {
  const answer: Answer = {
    status: 'answered',
    text: 'デフォルト: 5173 [1]',
    sentences: [{ text: 'デフォルト: 5173 & *x*', cite: 1, code: [[7, 11]] }],
    citations: [
      { n: 1, docId: 'config/server.md', title: '設定', section: 'サーバーオプション › server.port', anchor: 'server-port', line: 12, quote: 'デフォルト: 5173', url: 'https://example.com/config/server.html#server-port|x' },
    ],
    closest: [],
    tookMs: 1,
  };

  test('shows inline code as code and links the citation to its section', () => {
    const shown = texts(renderAnswer(answer).blocks!);
    expect(shown[0]).toBe('デフォルト: `5173` &amp; ∗x∗ [1]');
    expect(shown[1]).toBe('<https://example.com/config/server.html#server-port%7Cx|[1] 設定 › サーバーオプション › server.port · `config/server.md:12`>');
  });

  test('keeps the URL in the plain-text fallback', () => {
    expect(renderAnswer(answer).text).toContain('https://example.com/config/server.html#server-port|x');
  });
});
