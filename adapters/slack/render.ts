/**
 * Core results → Slack messages: Block Kit plus a plain-text `text` fallback (used for
 * notifications and by clients that cannot show blocks). Everything that came from a user or a
 * document is escaped, so it can never become a mention (`<!channel>`, `<@U…>`) or a link.
 */
import type { types } from '@slack/bolt';
import { citationTitle, sentenceParts, type Answer, type AnswerSentence, type ReindexReport, type SkippedFile, type SourcesReport } from '../../src/index.js';
import { actionId, buttonsFor } from '../shared/actions.js';
import type { Passage } from '../shared/passage.js';
import type { UnansweredReport } from '../shared/unanswered.js';

export interface SlackMessage {
  text: string;
  blocks?: types.KnownBlock[];
}

/** Block Kit limits: characters in one section or context text, blocks in one message. */
export const SECTION_MAX = 3000;
export const MAX_BLOCKS = 50;
const CONTEXT_MAX_ELEMENTS = 10;
/** `/sources` names this many documents, then counts the rest: a longer list helps nobody in a chat. */
const SOURCES_LISTED = 100;

/** `& < >` as the entities Slack decodes: what is left can never be a mention or a link. */
function escapeEntities(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * Slack's markup has no escape for its formatting characters, so in text from the material or a
 * person they become look-alikes that mean nothing to it (`*` → `∗`). No mention, link or
 * formatting survives; `verbatim` texts (see `mrkdwn`) keep Slack from linking bare URLs.
 */
const FORMATTING_LOOKALIKES: Record<string, string> = { '*': '∗', _: 'ˍ', '~': '∼', '`': 'ˋ' };

/**
 * Text from the material or a person, made safe to show in mrkdwn. An underscore inside a word
 * (`LOG_QUESTIONS`, `VITE_SOME_KEY`) stays as written: Slack opens italics only at the start of a
 * word, and every underscore that could is replaced, so none is left for it to close.
 */
export function escapeMrkdwn(s: string): string {
  return escapeEntities(s).replace(/[*~`]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, (ch) => FORMATTING_LOOKALIKES[ch]!);
}

/** A file name or identifier as inline code, exactly as written (Slack formats nothing inside code). */
export function codeSpan(s: string): string {
  return `\`${escapeEntities(s.replaceAll('`', FORMATTING_LOOKALIKES['`']!))}\``;
}

/** Our own message (a usage hint, a refusal, an error), with no blocks: its formatting kept. */
export function plain(text: string): SlackMessage {
  return { text: escapeEntities(text) };
}

/**
 * `question` is echoed above the answer where the asker's own words are not visible (slash
 * commands); `id`, the logged question, puts 👍 / 👎 / show-passage buttons under it.
 */
export function renderAnswer(answer: Answer, question?: string, id?: number): SlackMessage {
  const head = question === undefined ? [] : [context([cut(`*Q.* ${escapeMrkdwn(question.trim())}`)])];
  // Sentences are the units, so a long answer is split between sentences, never inside one.
  const answered = answer.status === 'answered';
  const units = answered ? answer.sentences.map((s) => `${sentenceMrkdwn(s)} [${s.cite}]`) : [escapeMrkdwn(answer.text)];
  const sources = answered
    ? answer.citations.map((c): SourceLine => ({ title: `[${c.n}] ${citationTitle(c)}`, where: `${c.docId}:${c.line}`, url: c.url }))
    : answer.closest.map((d): SourceLine => ({ title: `近い資料 (closest): ${d.title}`, where: d.docId }));
  return {
    // The notification fallback: plain words, where formatting does no harm but a mention would.
    text: escapeEntities([answer.text, ...sources.flatMap((s) => [`${s.title} · ${s.where}`, ...(s.url ? [s.url] : [])])].join('\n')),
    blocks: assemble(head, pack(units, '\n').map(section), [
      ...chunk(sources.map(sourceMrkdwn), CONTEXT_MAX_ELEMENTS).map(context),
      ...(id === undefined ? [] : [answerButtons(answer, id)]),
    ]),
  };
}

function answerButtons(answer: Answer, id: number): types.ActionsBlock {
  return {
    type: 'actions',
    elements: buttonsFor(answer).map((b) => ({
      type: 'button',
      action_id: actionId(b.kind, id),
      text: { type: 'plain_text', text: `${b.emoji} ${b.label}`, emoji: true },
    })),
  };
}

/**
 * Slack reads `*` as bold only beside spaces or punctuation, never inside a Japanese sentence;
 * zero-width spaces around the markers give it that boundary without showing anything.
 */
const bold = (escaped: string) => `\u200b*${escaped}*\u200b`;

/** "Show passage": each cited sentence, in bold, within its paragraph. */
export function renderPassages(passages: Passage[]): SlackMessage {
  const blocks = passages.flatMap(({ citation: c, parts }) => {
    const text = parts
      ? parts.map((p) => (p.cited ? bold(escapeMrkdwn(p.text)) : escapeMrkdwn(p.text))).join('')
      : '（資料が変わったため表示できません。The document has changed since.）';
    return [context([cut(`${escapeMrkdwn(`[${c.n}] ${citationTitle(c)}`)} · ${codeSpan(`${c.docId}:${c.line}`)}`)]), section(cut(text))];
  });
  return { text: '出典の文脈 (cited passages)', blocks: assemble([], blocks, []) };
}

/** The moderators' view: the most frequent unanswered or 👎 questions, near-duplicates counted together. */
export function renderUnanswered(report: UnansweredReport): SlackMessage {
  const title = `未回答・👎 の質問、過去 ${report.days} 日 (unanswered or 👎 questions, last ${report.days} days)`;
  const lines = report.groups.map((g) => {
    const more = g.wordings.length > 1 ? ` · ${g.wordings.length} 通りの言い方 (wordings)` : '';
    return `*${g.count}×* ${escapeMrkdwn(g.question)} — 回答なし (refused) ${g.refused} · 👎 ${g.downVotes}${more}`;
  });
  if (lines.length === 0) {
    lines.push(report.problem ? `質問は記録されていません (questions are not logged): ${escapeMrkdwn(report.problem)}` : 'ありません。(None.)');
  }
  return { text: escapeEntities(title), blocks: assemble([section(`*${escapeMrkdwn(title)}*`)], pack(lines, '\n').map(section), []) };
}

/** A sentence as mrkdwn: its text escaped, its inline code shown as code, the answer span in bold around the escaped text. */
function sentenceMrkdwn(sentence: AnswerSentence): string {
  return sentenceParts(sentence)
    .map((part) => (part.code ? codeSpan(part.text) : part.answer ? bold(escapeMrkdwn(part.text)) : escapeMrkdwn(part.text)))
    .join('');
}

interface SourceLine {
  title: string;
  /** File and line, or file: shown as code, exactly as named. */
  where: string;
  url?: string;
}

/** A source line, linked to its section when it has an address: `<url|text>` with `|`, `<`, `>` and spaces kept out of the URL. */
function sourceMrkdwn(source: SourceLine): string {
  const line = `${escapeMrkdwn(source.title)} · ${codeSpan(source.where)}`;
  if (!source.url) return cut(line);
  const url = source.url.replace(/[|<>\s]/g, encodeURIComponent);
  return `<${url}|${cut(line, SECTION_MAX - url.length - 3)}>`;
}

export function renderSources(report: SourcesReport): SlackMessage {
  const total = report.documents.reduce((sum, d) => sum + d.sentences, 0);
  const summary = `資料 ${report.documents.length} 件、${total} 文 (${report.documents.length} documents, ${total} sentences; index built ${report.builtAt})`;
  const listed = report.documents.slice(0, SOURCES_LISTED);
  const left = report.documents.length - listed.length;
  const lines = listed.map((d) => `• ${escapeMrkdwn(d.title)} · ${codeSpan(d.docId)} (${d.sentences} 文)`);
  if (left > 0) lines.push(`…ほか ${left} 件 (${left} more)`);
  return {
    text: escapeEntities(summary),
    blocks: assemble([section(`*${escapeMrkdwn(summary)}*`)], pack(lines, '\n').map(section), skippedBlocks(report.skipped)),
  };
}

export function renderReindex(report: ReindexReport): SlackMessage {
  const how = report.joined
    ? '実行中だった再索引が完了しました。(A reindex was already running; it is done'
    : '再索引が完了しました。(Reindex done';
  const summary =
    `${how}: ${report.documents} documents (${report.analyzed} analyzed anew, ${report.reused} unchanged), ${report.sentences} sentences, ` +
    `${(report.tookMs / 1000).toFixed(1)} s, built ${report.builtAt}.)`;
  return {
    text: escapeEntities(summary),
    blocks: assemble([section(escapeMrkdwn(summary))], [], skippedBlocks(report.skipped)),
  };
}

function skippedBlocks(skipped: SkippedFile[]): types.KnownBlock[] {
  const lines = skipped.map((s) => `読み込めなかったファイル (skipped) ${codeSpan(s.file)}: ${escapeMrkdwn(s.reason)}`);
  return pack(lines, '\n').map((text) => context([text]));
}

/** Head and tail always fit; the body loses its last sections when the message would pass MAX_BLOCKS. */
function assemble(head: types.KnownBlock[], body: types.KnownBlock[], tail: types.KnownBlock[]): types.KnownBlock[] {
  const room = MAX_BLOCKS - head.length - tail.length;
  const kept = body.length > room ? [...body.slice(0, room - 1), context(['…長いため一部を省略 (shortened to fit)'])] : body;
  return [...head, ...kept, ...tail];
}

/** App Home: moderators see the unanswered questions, the documents and the last reindex; everyone else how to ask. */
export function renderHome(view: { unanswered: UnansweredReport; sources: SourcesReport } | undefined): types.HomeView {
  if (!view) return { type: 'home', blocks: [section(escapeEntities(HOW_TO_ASK))] };
  const reindexed = section(`*最終再索引 (last reindex)*: ${escapeMrkdwn(view.sources.builtAt)}`);
  // A home view holds up to 100 blocks: half for each list.
  const half = (blocks: types.KnownBlock[]) => blocks.slice(0, MAX_BLOCKS - 1);
  return {
    type: 'home',
    blocks: [...half(renderUnanswered(view.unanswered).blocks!), { type: 'divider' }, reindexed, ...half(renderSources(view.sources).blocks!)],
  };
}

const HOW_TO_ASK = '資料について質問するには `/ask 質問`、チャンネルでメンション、またはこのアプリにDMしてください。(Ask with `/ask <question>`, a mention, or a direct message.)';

/** Joins units into texts of at most `max` characters, breaking only between units; a longer unit is cut. */
export function pack(units: string[], joiner: string, max = SECTION_MAX): string[] {
  const texts: string[] = [];
  let current = '';
  for (const unit of units.map((u) => cut(u, max))) {
    if (current && current.length + joiner.length + unit.length <= max) current += joiner + unit;
    else {
      if (current) texts.push(current);
      current = unit;
    }
  }
  if (current) texts.push(current);
  return texts;
}

/** Shortens escaped text to `max` characters without splitting an `&amp;`-style entity or a surrogate pair. */
function cut(text: string, max = SECTION_MAX): string {
  if (text.length <= max) return text;
  let end = max - 1; // room for the ellipsis
  const amp = text.lastIndexOf('&', end - 1);
  if (amp > end - 5 && text.indexOf(';', amp) >= end) end = amp;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end -= 1;
  return `${text.slice(0, end)}…`;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A mrkdwn text object; verbatim, so only markup we wrote ourselves is formatted. */
const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });

const section = (text: string): types.SectionBlock => ({ type: 'section', text: mrkdwn(text) });

const context = (texts: string[]): types.ContextBlock => ({ type: 'context', elements: texts.map(mrkdwn) });
