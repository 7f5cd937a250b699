/**
 * `npm run bench:adversarial [-- --json]`: the worst questions we know of, and random ones, asked
 * of the core over the bundled corpus, and the worst pages we know of, parsed. Prints the slowest
 * analysis, answer and page, the longest event-loop stall and how much RSS grew. A script, not a
 * test: the machine is shared.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as nextTick } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { renderSources as renderDiscordSources } from '../adapters/discord/render.js';
import { renderSources as renderSlackSources } from '../adapters/slack/render.js';
import { Analyzer } from '../src/analyze.js';
import { validateQuestion } from '../src/answer.js';
import { KnowledgeBase, loadCoreConfig, MAX_QUESTION_CHARS, UserFacingError } from '../src/index.js';
import { toDocument } from '../src/load.js';

const RANDOM_QUESTIONS = 300;
const MANY_DOCUMENTS = 20_000;

/** Characters and shapes that are cheap to type and expensive to analyze. */
function worstQuestions(): Record<string, string> {
  const upTo = (unit: string) =>
    unit.repeat(Math.floor(MAX_QUESTION_CHARS / Math.max(Array.from(unit).length, Array.from(unit.normalize('NFKC')).length)));
  return {
    'U+FDFA (NFKC ×18)': upTo('\ufdfa'),
    'U+FDFA over the limit': '\ufdfa'.repeat(MAX_QUESTION_CHARS),
    'U+3300 block (squared katakana)': Array.from({ length: 125 }, (_, i) => String.fromCodePoint(0x3300 + (i % 0x58))).join(''),
    'one katakana': upTo('ア'),
    'one hiragana': upTo('あ'),
    'one kanji': upTo('漢'),
    Hangul: upTo('한'),
    Thai: upTo('ก'),
    Arabic: upTo('صلى الله '),
    'Latin letters': upTo('a'),
    digits: upTo('9'),
    'distinct words within the limit': Array.from({ length: 80 }, (_, i) => `w${i}`).join(' ').slice(0, MAX_QUESTION_CHARS),
    '5,000 distinct words': Array.from({ length: 5000 }, (_, i) => `word${i}`).join(' '),
    'emoji ZWJ sequences': upTo('👨‍👩‍👧‍👦'),
    'combining marks': upTo('a\u0301\u0302\u0303\u0304'),
    'zero-width spaces': '\u200b'.repeat(10_000) + '小泉防衛相は何歳',
    'question words only': upTo('何'),
    'Japanese sentence repeated': upTo('小泉防衛相とヘグセス長官は何で対決するの'),
  };
}

/** Pages that are cheap to write and were slow to parse (a rescan or a copy per line or element), each under 1 MB. */
function worstPages(): Record<string, string> {
  const n = 50_000;
  return {
    'paragraph of 50,000 lines.md': 'あ\n'.repeat(n),
    'unclosed MDX comments.md': '{/* '.repeat(n),
    'unclosed template calls.md': '{{< '.repeat(n) + '{{% '.repeat(n) + '{{a("'.repeat(n),
    'container title of brackets.md': `:::tip[${'['.repeat(n)}\nx\n:::`,
    // Nested 5,000 deep: htmlparser2 itself is quadratic in depth (its open-element stack is kept
    // with unshift; fb55/htmlparser2#2481), 2.4 s at 50,000, which would hide the walk's own cost.
    'nested sections.html': '<section id="s">'.repeat(n / 10) + '<h2>x</h2>',
    'nested containers.html': `<main>${'<div class="custom-block"><p class="custom-block-title">t</p>'.repeat(n / 10)}x`,
  };
}

/** The slowest of the worst pages: its name and how long it took to parse into a document. */
function slowestPage(): { name: string; ms: number } {
  const timed = Object.entries(worstPages()).map(([name, text]) => {
    const started = performance.now();
    toDocument({ id: name, text }, 'vitepress');
    return { name, ms: performance.now() - started };
  });
  return timed.reduce((a, b) => (b.ms > a.ms ? b : a));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
  const indexDir = await mkdtemp(path.join(os.tmpdir(), 'qa-adversarial-'));
  try {
    const kb = await KnowledgeBase.open(loadCoreConfig({ ...process.env, INDEX_DIR: indexDir }));
    const analyzer = await Analyzer.load();
    const questions = Object.entries(worstQuestions());
    fc.sample(fc.string({ unit: 'binary', maxLength: MAX_QUESTION_CHARS }), { numRuns: RANDOM_QUESTIONS, seed: 42 }).forEach((q, i) =>
      questions.push([`random #${i}`, q]),
    );
    // Warm up the JIT so the first question is not blamed for it.
    for (let i = 0; i < 20; i++) await kb.ask('小泉防衛相は何歳ですか');

    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const results: { name: string; analysisMs: number; askMs: number; outcome: string }[] = [];
    for (const [name, question] of questions) {
      let analysisMs = 0;
      let outcome: string;
      const started = performance.now();
      try {
        const valid = validateQuestion(question);
        const t = performance.now();
        analyzer.analyze(valid);
        analysisMs = performance.now() - t;
        outcome = (await kb.ask(question)).status;
      } catch (error) {
        if (!(error instanceof UserFacingError)) throw error;
        outcome = 'refused';
      }
      results.push({ name, analysisMs, askMs: performance.now() - started - analysisMs, outcome });
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      await nextTick();
    }
    loop.disable();

    // `/sources` over a large corpus: the list must render in linear time.
    const many = { ...kb.sources(), documents: Array.from({ length: MANY_DOCUMENTS }, (_, i) => ({ docId: `docs/page-${i}.md`, title: `ページ ${i}`, sentences: 12 })) };
    const sourcesStarted = performance.now();
    renderDiscordSources(many);
    renderSlackSources(many);
    const sourcesMs = performance.now() - sourcesStarted;

    const page = slowestPage();
    const slowestAnalysis = results.reduce((a, b) => (b.analysisMs > a.analysisMs ? b : a));
    const slowestAsk = results.reduce((a, b) => (b.askMs > a.askMs ? b : a));
    const summary = {
      questions: results.length,
      slowestAnalysisMs: round(slowestAnalysis.analysisMs),
      slowestAnalysis: slowestAnalysis.name,
      slowestAskMs: round(slowestAsk.askMs),
      slowestAsk: slowestAsk.name,
      // A question is answered synchronously, so its whole time is a stall too; the monitor
      // catches any other (garbage collection, timers).
      longestEventLoopStallMs: round(Math.max(loop.max / 1e6, ...results.map((r) => r.analysisMs + r.askMs))),
      peakRssGrowthMb: round((peakRss - rssBefore) / 2 ** 20),
      sourcesOf20000DocumentsMs: round(sourcesMs),
      slowestPageMs: round(page.ms),
      slowestPage: page.name,
    };
    if (values.json) {
      console.log(JSON.stringify({ ...summary, worst: results.filter((r) => !r.name.startsWith('random')) }, null, 2));
      return;
    }
    for (const r of results.filter((x) => !x.name.startsWith('random'))) {
      console.log(`${r.name.padEnd(34)} analysis ${r.analysisMs.toFixed(1).padStart(6)} ms  ask ${r.askMs.toFixed(1).padStart(6)} ms  ${r.outcome}`);
    }
    console.log(`\n${results.length} questions (${RANDOM_QUESTIONS} random, seed 42)`);
    console.log(`slowest analysis           ${summary.slowestAnalysisMs} ms (${summary.slowestAnalysis})`);
    console.log(`slowest answer             ${summary.slowestAskMs} ms (${summary.slowestAsk})`);
    console.log(`longest event-loop stall   ${summary.longestEventLoopStallMs} ms`);
    console.log(`peak RSS growth            ${summary.peakRssGrowthMb} MB`);
    console.log(`/sources of ${MANY_DOCUMENTS} documents  ${summary.sourcesOf20000DocumentsMs} ms (Discord and Slack rendering)`);
    console.log(`slowest page to parse      ${summary.slowestPageMs} ms (${summary.slowestPage})`);
  } finally {
    await rm(indexDir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 10) / 10;

await main();
