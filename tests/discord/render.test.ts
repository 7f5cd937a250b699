/** The renderer is a pure function of the core's shapes: its limits are checked on generated answers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeDiscord, renderAnswer, renderReindex, renderSources } from '../../adapters/discord/render.js';
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
