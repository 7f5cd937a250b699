/** Slack text both ways: reading what a person typed, and rendering Block Kit within Slack's limits. */
import { describe, expect, test } from 'vitest';
import { codeSpan, escapeMrkdwn, MAX_BLOCKS, pack, plain, renderAnswer, renderHome, renderPassages, renderReindex, renderSources, renderUnanswered, SECTION_MAX } from '../../adapters/slack/render.js';
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
    expect(escapeMrkdwn('LOG_QUESTIONS=false と VITE_SOME_KEY、_x_y')).toBe('LOG_QUESTIONS=false と VITE_SOME_KEY、ˍx_y');
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

describe('what else the Slack renderer shows', () => {
  test('echoes the trimmed question above the answer, escaped, and marks the answer span in bold with zero-width boundaries', () => {
    const answer = answerOf(['首相は高市氏です。']);
    answer.sentences[0]!.answer = [3, 5];
    const shown = texts(renderAnswer(answer, '  首相は *誰* <@U1>？ ').blocks!);
    expect(shown[0]).toBe('*Q.* 首相は ∗誰∗ &lt;@U1&gt;？');
    expect(shown[1]).toBe('首相は\u200b*高市*\u200b氏です。 [1]');
  });

  test('every text is verbatim mrkdwn, so Slack links no bare URL of ours', () => {
    const { blocks = [] } = renderAnswer(answerOf(['https://a.example を見てください。']), 'q');
    const elements = blocks.flatMap((b: any) => (b.type === 'context' ? b.elements : b.type === 'section' ? [b.text] : []));
    expect(elements.length).toBeGreaterThan(2);
    for (const e of elements) expect(e).toEqual({ type: 'mrkdwn', text: expect.any(String), verbatim: true });
  });

  test('a file name is shown as code exactly, a backtick in it turned into a look-alike so the code cannot end early', () => {
    expect(codeSpan('a`b <c> & d.txt')).toBe('`aˋb &lt;c&gt; &amp; d.txt`');
  });

  test('the feedback buttons carry the logged id; show passage only when the answer cites something', () => {
    const buttons = (answer: Answer) => (renderAnswer(answer, undefined, 42).blocks!.at(-1) as any).elements;
    const button = (action_id: string, text: string) => ({ type: 'button', action_id, text: { type: 'plain_text', text, emoji: true } });
    expect(buttons(answerOf(['文。']))).toEqual([
      button('qa:up:42', '👍 役に立った (helpful)'),
      button('qa:down:42', '👎 違う (wrong)'),
      button('qa:passage:42', '📄 出典を表示 (show passage)'),
    ]);
    expect(buttons({ ...answerOf([]), status: 'not_found', text: 'なし', citations: [] }).map((b: any) => b.action_id)).toEqual(['qa:up:42', 'qa:down:42']);
    expect(renderAnswer(answerOf(['文。'])).blocks!.some((b) => b.type === 'actions')).toBe(false);
  });

  test('a linked source keeps the whole line inside the link, cut to fit the context text', () => {
    const answer = answerOf(['文。'], 'doc.md', 'あ'.repeat(3500));
    answer.citations[0]!.url = 'https://example.com/doc';
    const [link] = texts(renderAnswer(answer).blocks!).slice(1);
    expect(link!.length).toBeLessThanOrEqual(SECTION_MAX);
    expect(link).toMatch(/^<https:\/\/example\.com\/doc\|\[1\] あ+…>$/);
  });

  test('an answer of exactly 49 sections fits whole beside its sources; one more and it is shortened', () => {
    // One sentence a section: two would pass 3000 characters.
    const sentences = (n: number) => Array.from({ length: n }, (_, i) => `${'う'.repeat(2000)}${i}。`);
    const whole = texts(renderAnswer(answerOf(sentences(49))).blocks!);
    expect(whole).toHaveLength(MAX_BLOCKS);
    expect(whole.join('\n')).not.toContain('shortened to fit');
    expect(texts(renderAnswer(answerOf(sentences(50))).blocks!).at(-2)).toContain('shortened to fit');
  });

  test('packs units up to exactly the limit, counting the joiner, and cuts nothing that fits', () => {
    expect(pack(['aa', 'bb'], '\n', 5)).toEqual(['aa\nbb']);
    expect(pack(['aaa', 'b'], '--', 5)).toEqual(['aaa', 'b']);
    const full = 'x'.repeat(SECTION_MAX);
    expect(pack([full], '\n')).toEqual([full]);
  });

  test('a cut keeps a whole entity that ends before it, and never leaves half a surrogate pair', () => {
    const [entity] = pack([`${'x'.repeat(2995)}&lt;${'y'.repeat(10)}`], '\n');
    expect(entity).toBe(`${'x'.repeat(2995)}&lt;…`);
    const [astral] = pack([`${'x'.repeat(2998)}𠮷${'y'.repeat(10)}`], '\n');
    expect(astral).toBe(`${'x'.repeat(2998)}…`);
    // No entity at all, only a plain `;` past the cut: nothing to keep whole.
    const [semicolon] = pack([`${'x'.repeat(3000)};`], '\n');
    expect(semicolon).toBe(`${'x'.repeat(2999)}…`);
  });

  test('show passage: each source named with its file and line, the cited sentence in bold within its paragraph, all escaped', () => {
    const message = renderPassages([
      { citation: { n: 1, docId: 'a`.txt', title: '<!here>', line: 4, quote: 'q' }, parts: [{ text: '前の *文*。', cited: false }, { text: '引用 & 文。', cited: true }] },
      { citation: { n: 2, docId: 'b.txt', title: 'B', section: '節', line: 9, quote: 'q' } },
    ]);
    expect(message.text).toBe('出典の文脈 (cited passages)');
    expect(texts(message.blocks!)).toEqual([
      '[1] &lt;!here&gt; · `aˋ.txt:4`',
      '前の ∗文∗。\u200b*引用 &amp; 文。*\u200b',
      '[2] B › 節 · `b.txt:9`',
      '（資料が変わったため表示できません。The document has changed since.）',
    ]);
  });

  const group = (question: string, more: object = {}) => ({ question, count: 1, refused: 1, downVotes: 0, wordings: [question], ...more });

  test('the unanswered view: each group with its count, refusals, 👎 and number of wordings, escaped', () => {
    const message = renderUnanswered({
      days: 7,
      groups: [group('<!channel> *何*？', { count: 3, refused: 2, downVotes: 1, wordings: ['a', 'b'] }), group('二つ目？')],
    });
    expect(message.text).toBe('未回答・👎 の質問、過去 7 日 (unanswered or 👎 questions, last 7 days)');
    expect(texts(message.blocks!)).toEqual([
      '*未回答・👎 の質問、過去 7 日 (unanswered or 👎 questions, last 7 days)*',
      '*3×* &lt;!channel&gt; ∗何∗？ — 回答なし (refused) 2 · 👎 1 · 2 通りの言い方 (wordings)\n*1×* 二つ目？ — 回答なし (refused) 1 · 👎 0',
    ]);
  });

  test('an empty unanswered view says none, or why the log has nothing', () => {
    expect(texts(renderUnanswered({ days: 30, groups: [] }).blocks!).at(-1)).toBe('ありません。(None.)');
    expect(texts(renderUnanswered({ days: 30, groups: [], problem: 'disk <full> & gone' }).blocks!).at(-1)).toBe(
      '質問は記録されていません (questions are not logged): disk &lt;full&gt; &amp; gone',
    );
  });

  test('/sources names the first 100 documents and counts the rest', () => {
    const documents = Array.from({ length: 103 }, (_, i) => ({ docId: `${i}.txt`, title: `資料${i}`, sentences: 1 }));
    const lines = texts(renderSources({ documents, builtAt: 'b', skipped: [] }).blocks!).slice(1).join('\n').split('\n');
    expect(lines).toHaveLength(101);
    expect(lines[99]).toBe('• 資料99 · `99.txt` (1 文)');
    expect(lines[100]).toBe('…ほか 3 件 (3 more)');
    expect(texts(renderSources({ documents: documents.slice(0, 100), builtAt: 'b', skipped: [] }).blocks!).join('\n')).not.toContain('more');
  });

  const sources = { documents: [{ docId: 'a.txt', title: 'A', sentences: 2 }], builtAt: '2026-01-01T00:00:00.000Z', skipped: [] };

  test('App Home tells everyone else how to ask, and shows moderators the unanswered questions, the last reindex and the documents', () => {
    expect(renderHome(undefined)).toEqual({
      type: 'home',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', verbatim: true, text: expect.stringContaining('`/ask 質問`') } }],
    });
    const home = renderHome({ unanswered: { days: 30, groups: [group('何？')] }, sources });
    expect(home.blocks.map((b: any) => b.type)).toEqual(['section', 'section', 'divider', 'section', 'section', 'section']);
    expect(texts(home.blocks.filter((b) => b.type !== 'divider'))).toEqual([
      '*未回答・👎 の質問、過去 30 日 (unanswered or 👎 questions, last 30 days)*',
      '*1×* 何？ — 回答なし (refused) 1 · 👎 0',
      '*最終再索引 (last reindex)*: 2026-01-01T00:00:00.000Z',
      '*資料 1 件、2 文 (1 documents, 2 sentences; index built 2026-01-01T00:00:00.000Z)*',
      '• A · `a.txt` (2 文)',
    ]);
  });

  test('App Home stays within 100 blocks: each list keeps at most 49', () => {
    const groups = Array.from({ length: 60 }, (_, i) => group(`${'長'.repeat(2990)}${i}？`));
    const documents = Array.from({ length: 100 }, (_, i) => ({ docId: `${i}.txt`, title: '題'.repeat(2900), sentences: 1 }));
    const home = renderHome({ unanswered: { days: 30, groups }, sources: { ...sources, documents } });
    expect(home.blocks).toHaveLength(49 + 1 + 1 + 49);
    expect(home.blocks[49]).toEqual({ type: 'divider' });
  });
});
