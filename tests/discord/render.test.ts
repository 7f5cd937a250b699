/** The renderer is a pure function of the core's shapes: its limits are checked on generated answers. */
import { embedLength } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerButtons, escapeDiscord, renderAnswer, renderPassages, renderReindex, renderSources, renderUnanswered, unescapeDiscord } from '../../adapters/discord/render.js';
import type { Answer } from '../../src/index.js';
import { expectWithinLimits } from './limits.js';

/** Text with Japanese, markdown characters, brackets, newlines and astral characters. */
const text = (maxLength: number) =>
  fc.string({
    unit: fc.constantFrom('あ', '漢', '。', 'a', ' ', '*', '_', '`', '~', '|', '>', '[', ']', '1', '\n', '😀'),
    minLength: 1,
    maxLength,
    size: 'max', // long texts are the point: they are what meets the limits
  });

/** An answered Answer whose sentences cite 1..k citations, in order of first use, as the core numbers them. */
const answered = fc
  .array(fc.record({ text: text(1500), title: text(300), docId: text(120), quote: text(2000), line: fc.nat(9999) }), {
    minLength: 1,
    maxLength: 12,
    size: 'max',
  })
  .chain((rows) =>
    fc.array(fc.nat(rows.length - 1), { minLength: 1, maxLength: 12, size: 'max' }).map((picks): Answer => {
      const numbers = new Map<number, number>();
      const sentences = picks.map((row) => {
        if (!numbers.has(row)) numbers.set(row, numbers.size + 1);
        return { text: rows[row]!.text, cite: numbers.get(row)! };
      });
      const citations = [...numbers].map(([row, n]) => ({ n, ...rows[row]! }));
      return {
        status: 'answered',
        text: sentences.map((s) => `${s.text} [${s.cite}]`).join('\n'),
        sentences,
        citations,
        closest: [],
        tookMs: 12.5,
      };
    }),
  );

describe('renderAnswer', () => {
  it('fits every limit and cuts only between whole sentences, listing exactly the sources it cites', () => {
    fc.assert(
      fc.property(text(600), answered, (question, answer) => {
        const embed = renderAnswer(question, answer);
        expectWithinLimits(embed);

        const units = answer.sentences.map((s) => `${escapeDiscord(s.text)} [${s.cite}]`);
        // How many whole sentences the description is (0: the first one, shortened).
        const kept = units.reduce((found, _, k) => (embed.description === units.slice(0, k + 1).join('\n') ? k + 1 : found), 0);
        if (kept === 0) {
          // Only a first sentence too long for the description may be shortened, and it keeps its marker.
          expect(embed.description).toMatch(new RegExp(`… \\[${answer.sentences[0]!.cite}\\]$`));
        }
        const cited = new Set(answer.sentences.slice(0, Math.max(kept, 1)).map((s) => s.cite));
        expect(embed.fields!.map((f) => Number(/^\[(\d+)\]/.exec(f.name)![1]))).toEqual(
          answer.citations.filter((c) => cited.has(c.n)).map((c) => c.n),
        );
        expect(embed.footer!.text.includes('shortened')).toBe(kept < units.length);
      }),
      // Shrinking long strings takes minutes; the first counterexample is clear enough.
      { numRuns: 100, endOnFailure: true },
    );
  });

  // Six sentences of 1,001 characters: four fill the description; when the sources' long paths
  // push the total past 6,000, one more goes.
  it.each([
    { paths: 'short', folders: 0, kept: 4 },
    { paths: 'long', folders: 25, kept: 3 },
  ])('keeps the sentences that fit and drops the rest with their sources ($paths paths)', ({ folders, kept }) => {
    const sentence = (i: number) => `${'長'.repeat(995)}${i}番目の文。`;
    const answer: Answer = {
      status: 'answered',
      text: '',
      sentences: Array.from({ length: 6 }, (_, i) => ({ text: sentence(i), cite: i + 1 })),
      citations: Array.from({ length: 6 }, (_, i) => ({
        n: i + 1,
        docId: `${'長いフォルダ名/'.repeat(folders)}doc${i}.txt`,
        title: `資料${i}`.padEnd(250, '題'),
        line: i + 1,
        quote: sentence(i),
      })),
      closest: [],
      tookMs: 3,
    };
    const embed = renderAnswer('長い答えになる質問', answer);
    expectWithinLimits(embed);
    const numbers = Array.from({ length: kept }, (_, i) => i);
    expect(embed.description!.split('\n')).toEqual(numbers.map((i) => `${sentence(i)} [${i + 1}]`));
    expect(embed.fields!.map((f) => f.name.slice(0, 7))).toEqual(numbers.map((i) => `[${i + 1}] 資料${i}`));
    expect(embed.fields![0]!.value).toMatch(/^`(長いフォルダ名\/)*doc0\.txt` 1 行目 \(line\)\n> 長+…$/);
    expect(embed.footer!.text).toContain('shortened');
  });

  it('shows inline code as code and links a citation to its section', () => {
    const citation = { n: 1, docId: 'config/server.md', title: '設定', section: 'サーバー › server.port', line: 12, quote: 'q', url: 'https://example.com/a_(b)#server-port' };
    const sentences = [{ text: 'デフォルト: 5173 *x*', cite: 1, code: [[7, 11]] as [number, number][] }];
    const embed = renderAnswer('q', { status: 'answered', text: '', sentences, citations: [citation], closest: [], tookMs: 1 });
    expect(embed.description).toBe('デフォルト\\: `5173` \\*x\\* [1]');
    expect(embed.fields![0]!.name).toBe('[1] 設定 › サーバー › server\\.port');
    expect(embed.fields![0]!.value).toContain('`config/server.md` 12 行目 (line) · [開く (open)](https://example.com/a_%28b%29#server-port)');
  });

  it('shortens a lone sentence longer than the description, keeping its marker', () => {
    const text = '長'.repeat(5000);
    const citation = { n: 1, docId: 'a.txt', title: 'A', line: 1, quote: text };
    const embed = renderAnswer('q', { status: 'answered', text: '', sentences: [{ text, cite: 1 }], citations: [citation], closest: [], tookMs: 1 });
    expectWithinLimits(embed);
    expect(embed.description).toBe(`${'長'.repeat(4096 - 5)}… [1]`);
    expect(embed.fields).toHaveLength(1);
  });

  it('says plainly when nothing answers and lists the closest documents', () => {
    const embed = renderAnswer('q', {
      status: 'not_found',
      text: '資料の中に該当する情報が見つかりませんでした。',
      sentences: [],
      citations: [],
      closest: [{ docId: 'a.txt', title: 'A *bold*' }],
      tookMs: 1,
    });
    expect(embed.description).toBe('資料の中に該当する情報が見つかりませんでした。');
    expect(embed.fields).toEqual([{ name: '近い資料 (closest documents)', value: 'A \\*bold\\* — `a.txt`' }]);
  });
});

describe('renderSources and renderReindex', () => {
  const skipped = Array.from({ length: 300 }, (_, i) => ({ file: `bad-${i}.pdf`, reason: 'unsupported file type' }));

  it('cut long lists at whole lines and say how many were left out', () => {
    const documents = Array.from({ length: 400 }, (_, i) => ({ docId: `${i}.txt`, title: `資料${i}`.repeat(5), sentences: i }));
    const sources = renderSources({ documents, builtAt: '2026-01-01T00:00:00.000Z', skipped });
    expectWithinLimits(sources);
    expect(sources.description).toMatch(/\n…ほか \d+ 件 \(\d+ more\)$/);
    expect(sources.fields![1]!.value).toMatch(/\n…ほか \d+ 件 \(\d+ more\)$/);

    // The count left out is exact: shown lines plus the rest make the whole list.
    const shown = sources.description!.split('\n');
    expect(shown.length - 1 + Number(/ほか (\d+) 件/.exec(shown.at(-1)!)![1])).toBe(400);
    expect(shown[0]).toBe(`**${'資料0'.repeat(5)}** — \`0.txt\` · 0 文 (sentences)`);

    const report = renderReindex({ documents: 5, sentences: 528, analyzed: 1, reused: 4, skipped, tookMs: 900, builtAt: '2026-01-01T00:00:00.000Z', joined: true });
    expectWithinLimits(report);
    expect(report.title).toContain('joined');
  });

  it('report what the new index holds and how long it took', () => {
    const report = renderReindex({ documents: 5, sentences: 528, analyzed: 5, reused: 0, skipped: [], tookMs: 900, builtAt: '2026-01-01T00:00:00.000Z', joined: false });
    expect(report.title).toContain('reindex done');
    expect(report.title).not.toContain('joined');
    expect(report.fields!.slice(0, 4).map((f) => f.value)).toEqual(['5', '528', '900 ms', '5 / 5']);
    // The four counts side by side.
    expect(report.fields!.map((f) => f.inline ?? false)).toEqual([true, true, true, true, false]);
    expect(report.fields![4]!.value).toContain('<t:1767225600:');
    expect(report.fields).toHaveLength(5);
  });

  it('say so when the index holds no documents', () => {
    const sources = renderSources({ documents: [], builtAt: '2026-01-01T00:00:00.000Z', skipped: [{ file: 'a *b*.pdf', reason: 'unsupported' }] });
    expect(sources.title).toContain(': 0');
    expect(sources.description).toContain('The index holds no documents.');
    expect(sources.fields![1]).toEqual({ name: '読み込めなかったファイル (skipped files): 1', value: '`a *b*.pdf`: unsupported' });
  });
});

describe('what else the Discord renderer shows', () => {
  const citation = { n: 1, docId: 'a.txt', title: 'A', line: 3, quote: 'q' };
  const answered = (more: Partial<Answer> = {}): Answer => ({ status: 'answered', text: '', sentences: [{ text: '文。', cite: 1 }], citations: [citation], closest: [], tookMs: 7, ...more });

  it('escapes every character Discord formats, and unescaping gives the text back', () => {
    const typed = '\\*_~`|>#-+.[]()<@: @everyone https://x.example';
    expect(escapeDiscord(typed)).toBe('\\\\\\*\\_\\~\\`\\|\\>\\#\\-\\+\\.\\[\\]\\(\\)\\<\\@\\: \\@everyone https\\://x\\.example');
    expect(unescapeDiscord(escapeDiscord(`${typed}\\\n😀`))).toBe(`${typed}\\\n😀`);
  });

  it('titles an answer with its question on one line, escaped, clipped to 256 characters without leaving a lone backslash', () => {
    expect(renderAnswer('  首相は\n *誰*？ ', answered()).title).toBe('首相は \\*誰\\*？');
    // 254 characters, then a `*` (or an astral character) that the cut would split from its escape (its other half).
    expect(renderAnswer(`${'あ'.repeat(254)}*x`, answered()).title).toBe(`${'あ'.repeat(254)}…`);
    expect(renderAnswer(`${'あ'.repeat(254)}😀x`, answered()).title).toBe(`${'あ'.repeat(254)}…`);
    // What fits is not cut, and an escape or astral character well before the cut does not shorten it.
    expect(renderAnswer('あ'.repeat(256), answered()).title).toBe('あ'.repeat(256));
    expect(renderAnswer(`*😀${'あ'.repeat(300)}`, answered()).title).toBe(`\\*😀${'あ'.repeat(251)}…`);
  });

  it('colors an answer green, a refusal grey and reports blue, and gives the time taken', () => {
    expect(renderAnswer('q', answered())).toMatchObject({ color: 0x2e7d32, footer: { text: '回答時間 (time) 7 ms' } });
    const refusal = renderAnswer('q', answered({ status: 'not_found', text: 'ない', sentences: [], citations: [] }));
    expect(refusal).toMatchObject({ color: 0x757575, fields: [], footer: { text: '回答時間 (time) 7 ms' } });
    expect(renderSources({ documents: [], builtAt: '2026-01-01T00:00:00.000Z', skipped: [] }).color).toBe(0x1565c0);
  });

  it('gives each source its file, line, link and the start of its quote on one line', () => {
    const quote = `${'引'.repeat(120)}\n次の行`;
    const field = renderAnswer('q', answered({ citations: [{ ...citation, title: 'A\n  B', quote, url: 'https://x.example/a b<c>\t' }] })).fields![0]!;
    expect(field.name).toBe('[1] A B');
    expect(field.value).toBe(`\`a.txt\` 3 行目 (line) · [開く (open)](https://x.example/a%20b%3Cc%3E%09)\n> ${'引'.repeat(99)}…`);
    expect(renderAnswer('q', answered({ citations: [{ ...citation, docId: 'a`b.txt' }] })).fields![0]!.value).toMatch(/^a\\`b\\\.txt 3 行目/);
  });

  it('shows sentences that fill the description to exactly 4,096 characters whole', () => {
    // 2,000 + ' [1]' + a line break + 2,087 + ' [1]' = 4,096.
    const texts = ['長'.repeat(2000), '短'.repeat(2087)];
    const embed = renderAnswer('q', answered({ sentences: texts.map((text) => ({ text, cite: 1 })) }));
    expect(embed.description).toBe(`${texts[0]} [1]\n${texts[1]} [1]`);
    expect(embed.footer!.text).not.toContain('shortened');
  });

  it('shows an answer of exactly 6,000 characters whole, and drops its last sentence at 6,001', () => {
    // Two sentences of 2,000 characters, each with its own source; the sources' paths set the total.
    const twoSentences = (pathLength: number) =>
      answered({
        sentences: [{ text: '長'.repeat(2000), cite: 1 }, { text: '短'.repeat(2000), cite: 2 }],
        citations: [1, 2].map((n) => ({ ...citation, n, docId: `${'d'.repeat(n === 2 ? pathLength : 710)}${n}.txt`, title: '題'.repeat(250) })),
      });
    const whole = renderAnswer('q', twoSentences(710));
    expect(embedLength(whole)).toBe(6000);
    expect(whole.description!.split('\n')).toHaveLength(2);
    expect(whole.fields).toHaveLength(2);
    expect(whole.footer!.text).not.toContain('shortened');
    const over = renderAnswer('q', twoSentences(711));
    expectWithinLimits(over);
    expect(over.description).toBe(`${'長'.repeat(2000)} [1]`);
    expect(over.fields).toHaveLength(1);
    expect(over.footer!.text).toContain('shortened');
  });

  it('lists up to 25 sources, the field limit, and drops the sentences citing a 26th', () => {
    const many = (n: number) =>
      answered({
        sentences: Array.from({ length: n }, (_, i) => ({ text: `文${i}。`, cite: i + 1 })),
        citations: Array.from({ length: n }, (_, i) => ({ ...citation, n: i + 1, docId: `${i}.txt` })),
      });
    const full = renderAnswer('q', many(25));
    expect(full.fields).toHaveLength(25);
    expect(full.footer!.text).not.toContain('shortened');
    const over = renderAnswer('q', many(26));
    expectWithinLimits(over);
    expect(over.fields).toHaveLength(25);
    expect(over.description!.split('\n')).toHaveLength(25);
    expect(over.footer!.text).toContain('shortened');
  });

  it('treats an answer with no sentences as a refusal, showing its text', () => {
    expect(renderAnswer('q', answered({ text: '答えられません。', sentences: [] }))).toMatchObject({ color: 0x757575, description: '答えられません。', fields: [] });
  });

  it('a cut list is as long as fits with the longest "more" line, and never longer than the field', () => {
    // n skipped files of 8 + r characters each, for every n and r: each boundary is met exactly somewhere.
    const more = (left: number) => `…ほか ${left} 件 (${left} more)`;
    for (let n = 2; n <= 25; n++) for (let r = 1; r <= 300; r++) {
      const skipped = Array.from({ length: n }, (_, i) => ({ file: `f${String(i).padStart(3, '0')}`, reason: 'x'.repeat(r) }));
      const lines = skipped.map((f) => `\`${f.file}\`: ${f.reason}`);
      const value = renderReindex({ documents: 1, sentences: 1, analyzed: 0, reused: 1, skipped, tookMs: 1, builtAt: '2026-01-01T00:00:00.000Z', joined: false }).fields!.at(-1)!.value;
      expect(value.length).toBeLessThanOrEqual(1024);
      const shown = value.split('\n');
      if (!shown.at(-1)!.startsWith('…')) {
        expect(shown).toEqual(lines);
        continue;
      }
      const kept = shown.length - 1;
      expect(shown).toEqual([...lines.slice(0, kept), more(n - kept)]);
      // One more line would not have fit beside the longest "more" line, nor the whole list in the field.
      expect([...lines.slice(0, kept + 1), more(n)].join('\n').length).toBeGreaterThan(1024);
      expect(lines.join('\n').length).toBeGreaterThan(1024);
    }
  });

  it('puts 👍, 👎 and show passage under a logged answer, and nothing under an unlogged one', () => {
    expect(answerButtons({ answer: answered(), id: undefined })).toEqual([]);
    expect(answerButtons({ answer: answered(), id: 9 })).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 2, custom_id: 'qa:up:9', emoji: { name: '👍' }, label: '役に立った (helpful)' },
          { type: 2, style: 2, custom_id: 'qa:down:9', emoji: { name: '👎' }, label: '違う (wrong)' },
          { type: 2, style: 2, custom_id: 'qa:passage:9', emoji: { name: '📄' }, label: '出典を表示 (show passage)' },
        ],
      },
    ]);
  });

  it('show passage: the cited sentence in bold within its paragraph, escaped, or why it cannot be shown', () => {
    const embed = renderPassages([
      { citation: { ...citation, title: 'A *b*', url: 'https://x.example/a' }, parts: [{ text: '前の_文_。', cited: false }, { text: '引用@文。', cited: true }] },
      { citation: { ...citation, n: 2, docId: 'b.txt', section: '節', line: 9 } },
    ]);
    expect(embed).toMatchObject({ title: '出典の文脈 (cited passages)', color: 0x1565c0 });
    expect(embed.fields).toEqual([
      { name: '[1] A \\*b\\*', value: '`a.txt` 3 行目 (line) · [開く (open)](https://x.example/a)\n前の\\_文\\_。**引用\\@文。**' },
      { name: '[2] A › 節', value: '`b.txt` 9 行目 (line)\n（資料が変わったため表示できません。The document has changed since.）' },
    ]);
  });

  it('show passage drops the last sources when the embed would pass 6,000 characters, but always keeps one', () => {
    const long = (n: number) => ({ citation: { ...citation, n, title: '題'.repeat(250) }, parts: [{ text: '長'.repeat(1200), cited: true }] });
    const embed = renderPassages(Array.from({ length: 8 }, (_, i) => long(i + 1)));
    expectWithinLimits(embed);
    expect(embed.fields!.map((f) => f.name.slice(0, 3))).toEqual(['[1]', '[2]', '[3]', '[4]']);
    expect(renderPassages([long(1)]).fields).toHaveLength(1);
  });

  it('show passage keeps every source when the embed is exactly 6,000 characters, and drops the last at 6,001', () => {
    // Four paragraphs of 900 characters and a fifth whose length sets the total.
    const passages = (lastLength: number) =>
      [1, 2, 3, 4, 5].map((n) => ({ citation: { ...citation, n, title: '題'.repeat(250) }, parts: [{ text: '長'.repeat(n === 5 ? lastLength : 900), cited: true }] }));
    const whole = renderPassages(passages(988));
    expect(embedLength(whole)).toBe(6000);
    expect(whole.fields).toHaveLength(5);
    const over = renderPassages(passages(989));
    expectWithinLimits(over);
    expect(over.fields!.map((f) => f.name.slice(0, 3))).toEqual(['[1]', '[2]', '[3]', '[4]']);
  });

  const group = (question: string, more: object = {}) => ({ question, count: 1, refused: 1, downVotes: 0, wordings: [question], ...more });

  it('the unanswered view: each group with its count, refusals, 👎 and number of wordings, on one line and escaped', () => {
    const embed = renderUnanswered({ days: 7, groups: [group('@everyone\n*何*？', { count: 3, refused: 2, downVotes: 1, wordings: ['a', 'b'] }), group('二つ目？')] });
    expect(embed).toEqual({
      title: '未回答・👎 の質問、過去 7 日 (unanswered or 👎 questions, last 7 days)',
      color: 0x1565c0,
      description: '**3×** \\@everyone \\*何\\*？ — 回答なし (refused) 2 · 👎 1 · 2 通りの言い方 (wordings)\n**1×** 二つ目？ — 回答なし (refused) 1 · 👎 0',
    });
  });

  it('an empty unanswered view says none, or why the log has nothing; a long one is cut at whole lines', () => {
    expect(renderUnanswered({ days: 30, groups: [] }).description).toBe('ありません。(None.)');
    expect(renderUnanswered({ days: 30, groups: [], problem: 'disk *full*' }).description).toBe('質問は記録されていません (questions are not logged): disk \\*full\\*');
    const many = renderUnanswered({ days: 30, groups: Array.from({ length: 20 }, (_, i) => group(`${'長'.repeat(300)}${i}`)) });
    expectWithinLimits(many);
    expect(many.description).toMatch(/\n…ほか \d+ 件 \(\d+ more\)$/);
  });

  it('a list whose last line fits without the "more" line is shown whole', () => {
    // Ten lines of 101 characters: 1,019 with their line breaks, past the room kept for a "more" line (1,005) but within the field.
    const skipped = Array.from({ length: 10 }, (_, i) => ({ file: `${i}.pdf`, reason: 'x'.repeat(92) }));
    const field = renderReindex({ documents: 1, sentences: 1, analyzed: 0, reused: 1, skipped, tookMs: 1, builtAt: '2026-01-01T00:00:00.000Z', joined: false }).fields!.at(-1)!;
    expect(field.name).toBe('読み込めなかったファイル (skipped files): 10');
    expect(field.value.split('\n')).toHaveLength(10);
    expect(field.value).not.toContain('more');
  });

  it('says when the index was built as a Discord timestamp, absolute and relative', () => {
    expect(renderSources({ documents: [], builtAt: '2026-01-01T00:00:00.000Z', skipped: [] }).fields![0]).toEqual({
      name: '索引の作成 (built)',
      value: '<t:1767225600:f>（<t:1767225600:R>）',
    });
  });
});
