/** Turns the core's answers and reports into Discord embeds that always fit Discord's limits. */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  embedLength,
  hyperlink,
  inlineCode,
  time,
} from 'discord.js';
import { citationTitle, sentenceParts, type Answer, type AnswerSentence, type Citation, type ReindexReport, type SkippedFile, type SourcesReport } from '../../src/index.js';
import { actionId, buttonsFor } from '../shared/actions.js';
import type { LoggedAnswer } from '../shared/ask.js';
import type { Passage } from '../shared/passage.js';
import type { UnansweredReport } from '../shared/unanswered.js';

/** https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
} as const;

/** A source's quote is a reminder of what it says, not the whole sentence again. */
const QUOTE_CHARS = 100;

const COLORS = { answered: 0x2e7d32, notFound: 0x757575, info: 0x1565c0 } as const;

/** Shortens `text` to at most `max` characters, ending in `…`, without splitting a surrogate pair or an escape. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let head = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  // An odd run of backslashes at the end is an escape cut from its character.
  if (/(?<!\\)(?:\\\\)*\\$/.test(head)) head = head.slice(0, -1);
  return `${head}…`;
}

/**
 * Every ASCII character Discord's markdown gives a meaning to: emphasis, code, spoilers, quotes,
 * headings and lists, masked links `[](…)`, mentions and timestamps `<…>`, `@everyone`, and the
 * `:` of a bare URL (`https\\://` is not linked).
 */
const DISCORD_SPECIAL = /[\\*_~`|>#\-+.[\]()<@:]/g;

/**
 * Text from the material or a person, made safe to show: each special character is escaped with
 * a backslash (Discord's markdown reads `\\` before any punctuation as that character), so no
 * formatting, link or mention survives and the reader sees the text as written.
 */
export function escapeDiscord(text: string): string {
  return text.replace(DISCORD_SPECIAL, '\\$&');
}

/** The text `escapeDiscord` was given back (an answer's title is the question it answered). */
export function unescapeDiscord(text: string): string {
  return text.replace(/\\(.)/gsu, '$1');
}

/** Inline code, unless the text holds a backtick (which would end the code early): then escaped text. */
function code(text: string): string {
  return text.includes('`') ? escapeDiscord(text) : inlineCode(text);
}

/** As many whole lines as fit in `max`, then a count of the ones left out. Linear in the number of lines. */
function listWithin(lines: string[], max: number): string {
  const more = (left: number) => `…ほか ${left} 件 (${left} more)`;
  // Room for the longest "more" line, so whatever is kept still fits with it.
  const room = max - (more(lines.length).length + 1);
  let length = -1;
  let kept = 0;
  while (kept < lines.length && length + 1 + lines[kept]!.length <= room) length += 1 + lines[kept++]!.length;
  if (kept === lines.length - 1 && length + 1 + lines[kept]!.length <= max) kept++;
  const left = lines.length - kept;
  return [...lines.slice(0, kept), ...(left > 0 ? [more(left)] : [])].join('\n');
}

const when = (iso: string) => {
  const date = new Date(iso);
  return `${time(date, 'f')}（${time(date, 'R')}）`;
};

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function citationField(c: Citation): APIEmbedField {
  return {
    name: clip(`[${c.n}] ${escapeDiscord(oneLine(citationTitle(c)))}`, EMBED_LIMITS.fieldName),
    value: clip(
      `${code(c.docId)} ${c.line} 行目 (line)${sourceLink(c)}\n> ${escapeDiscord(clip(oneLine(c.quote), QUOTE_CHARS))}`,
      EMBED_LIMITS.fieldValue,
    ),
  };
}

/** ` · [開く (open)](url)` when the source has an address; the URL's parentheses and spaces are encoded so the link cannot break. */
function sourceLink(c: Citation): string {
  // encodeURIComponent leaves parentheses alone, and `)` would end the link.
  const url = c.url?.replace(/[()\s<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return url ? ` · ${hyperlink('開く (open)', url)}` : '';
}

/** A sentence as Discord Markdown: its text escaped, its inline code shown as code, the answer span in bold around the escaped text. */
function sentenceMarkdown(sentence: AnswerSentence): string {
  return sentenceParts(sentence)
    .map((part) => (part.code ? code(part.text) : part.answer ? `**${escapeDiscord(part.text)}**` : escapeDiscord(part.text)))
    .join('');
}

function skippedFields(skipped: SkippedFile[]): APIEmbedField[] {
  if (skipped.length === 0) return [];
  const lines = skipped.map((s) => `${code(s.file)}: ${escapeDiscord(oneLine(s.reason))}`);
  return [{ name: `読み込めなかったファイル (skipped files): ${skipped.length}`, value: listWithin(lines, EMBED_LIMITS.fieldValue) }];
}

/** One answer sentence with its citation marker: the unit the description is cut by. */
interface Unit {
  text: string;
  cite: number;
}

/** As the core writes `answer.text`: each sentence on its own line, followed by its marker. */
const marker = (cite: number) => ` [${cite}]`;
const SEPARATOR = '\n';
const withMarker = (u: Unit) => u.text + marker(u.cite);

/** The longest run of whole sentences that fits in `max`; a lone over-long first sentence is clipped, marker kept. */
function leadingUnits(units: Unit[], max: number): Unit[] {
  const kept: Unit[] = [];
  let length = 0;
  for (const u of units) {
    length += (kept.length ? SEPARATOR.length : 0) + withMarker(u).length;
    if (length > max) break;
    kept.push(u);
  }
  if (kept.length > 0 || units.length === 0) return kept;
  const first = units[0]!;
  return [{ text: clip(first.text, max - marker(first.cite).length), cite: first.cite }];
}

/**
 * The answer as an embed: title = the question, description = the answer with its `[n]` markers,
 * one field per cited source, footer = time taken. When Discord's limits force a cut, whole
 * sentences are dropped from the end (never part of a marker), and with them the sources only
 * they cited.
 */
export function renderAnswer(question: string, answer: Answer): APIEmbed {
  const title = clip(escapeDiscord(oneLine(question)), EMBED_LIMITS.title);
  const took = `回答時間 (time) ${answer.tookMs} ms`;

  if (answer.status === 'not_found' || answer.sentences.length === 0) {
    const closest = answer.closest.map((d) => `${escapeDiscord(oneLine(d.title))} — ${code(d.docId)}`);
    return {
      title,
      color: COLORS.notFound,
      description: clip(escapeDiscord(answer.text), EMBED_LIMITS.description),
      fields: closest.length ? [{ name: '近い資料 (closest documents)', value: listWithin(closest, EMBED_LIMITS.fieldValue) }] : [],
      footer: { text: took },
    };
  }

  const units = answer.sentences.map((s) => ({ text: sentenceMarkdown(s), cite: s.cite }));
  const whole = units.map(withMarker).join(SEPARATOR);
  let kept = leadingUnits(units, EMBED_LIMITS.description);
  for (;;) {
    const cited = new Set(kept.map((u) => u.cite));
    const description = kept.map(withMarker).join(SEPARATOR);
    const embed: APIEmbed = {
      title,
      color: COLORS.answered,
      description,
      fields: answer.citations.filter((c) => cited.has(c.n)).map(citationField),
      footer: { text: description === whole ? took : `${took} · 長いため一部を省略 (shortened to fit)` },
    };
    // One sentence and its source always fit (256 + 4096 + 256 + 1024 + footer < 6000).
    const fits = embed.fields!.length <= EMBED_LIMITS.fields && embedLength(embed) <= EMBED_LIMITS.total;
    if (fits || kept.length <= 1) return embed;
    kept = kept.slice(0, -1);
  }
}

/** `/sources`: the indexed documents with their sentence counts, and when the index was built. */
export function renderSources(report: SourcesReport): APIEmbed {
  const lines = report.documents.map(
    (d) => `**${escapeDiscord(oneLine(d.title))}** — ${code(d.docId)} · ${d.sentences} 文 (sentences)`,
  );
  return {
    title: `索引にある資料 (indexed documents): ${report.documents.length}`,
    color: COLORS.info,
    description: lines.length ? listWithin(lines, EMBED_LIMITS.description) : '索引に資料がありません。(The index holds no documents.)',
    fields: [{ name: '索引の作成 (built)', value: when(report.builtAt) }, ...skippedFields(report.skipped)],
  };
}

/** `/reindex`: what the new index holds, what was skipped and why, how long it took. */
export function renderReindex(report: ReindexReport): APIEmbed {
  return {
    title: report.joined
      ? '実行中の再索引に合流し、完了しました (joined a running reindex; done)'
      : '再索引が完了しました (reindex done)',
    color: COLORS.info,
    fields: [
      { name: '資料 (documents)', value: String(report.documents), inline: true },
      { name: '文 (sentences)', value: String(report.sentences), inline: true },
      { name: '所要時間 (took)', value: `${report.tookMs} ms`, inline: true },
      { name: '解析し直した資料 (analyzed anew)', value: `${report.analyzed} / ${report.documents}`, inline: true },
      { name: '索引の作成 (built)', value: when(report.builtAt) },
      ...skippedFields(report.skipped),
    ],
  };
}

/** 👍, 👎 and "show passage" under an answer; none when the question was not logged (nothing to attach a vote to). */
export function answerButtons({ answer, id }: LoggedAnswer): APIActionRowComponent<APIButtonComponent>[] {
  if (id === undefined) return [];
  const row: APIActionRowComponent<APIButtonComponent> = {
    type: ComponentType.ActionRow,
    components: buttonsFor(answer).map((b) => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      custom_id: actionId(b.kind, id),
      emoji: { name: b.emoji },
      label: b.label,
    })),
  };
  return [row];
}

/** "Show passage": each cited sentence, in bold, within its paragraph; sources that no longer fit are dropped. */
export function renderPassages(passages: Passage[]): APIEmbed {
  const fields = passages.map(({ citation: c, parts }): APIEmbedField => {
    const text = parts
      ? parts.map((p) => (p.cited ? `**${escapeDiscord(p.text)}**` : escapeDiscord(p.text))).join('')
      : '（資料が変わったため表示できません。The document has changed since.）';
    return {
      name: clip(`[${c.n}] ${escapeDiscord(oneLine(citationTitle(c)))}`, EMBED_LIMITS.fieldName),
      value: clip(`${code(c.docId)} ${c.line} 行目 (line)${sourceLink(c)}\n${text}`, EMBED_LIMITS.fieldValue),
    };
  });
  const embed: APIEmbed = { title: '出典の文脈 (cited passages)', color: COLORS.info, fields };
  while (embed.fields!.length > 1 && embedLength(embed) > EMBED_LIMITS.total) embed.fields!.pop();
  return embed;
}

/** The moderators' view: the most frequent unanswered or 👎 questions, near-duplicates counted together. */
export function renderUnanswered(report: UnansweredReport): APIEmbed {
  const lines = report.groups.map((g) => {
    const more = g.wordings.length > 1 ? ` · ${g.wordings.length} 通りの言い方 (wordings)` : '';
    return `**${g.count}×** ${escapeDiscord(oneLine(g.question))} — 回答なし (refused) ${g.refused} · 👎 ${g.downVotes}${more}`;
  });
  const empty = report.problem
    ? `質問は記録されていません (questions are not logged): ${escapeDiscord(report.problem)}`
    : 'ありません。(None.)';
  return {
    title: `未回答・👎 の質問、過去 ${report.days} 日 (unanswered or 👎 questions, last ${report.days} days)`,
    color: COLORS.info,
    description: clip(lines.length ? listWithin(lines, EMBED_LIMITS.description) : empty, EMBED_LIMITS.description),
  };
}
