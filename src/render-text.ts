/** Renders an answer or a report for a terminal; and the pieces every renderer shares. */
import type { RankedSentence, Signals } from './rank.js';
import type { RefusalEvidence } from './refusal.js';
import type { Answer, AnswerSentence, Citation, ReindexReport } from './types.js';

/** What a citation names: `title › section`. */
export function citationTitle(c: Citation): string {
  return c.section ? `${c.title} › ${c.section}` : c.title;
}

/**
 * A sentence cut into plain text, inline code and the answer span, in order, for renderers that
 * show code as code and the answer in bold (an answer span that overlaps code is not marked).
 */
export function sentenceParts(sentence: AnswerSentence): { text: string; code: boolean; answer: boolean }[] {
  const code = sentence.code ?? [];
  const answer = sentence.answer && !code.some(([start, end]) => start < sentence.answer![1] && sentence.answer![0] < end) ? sentence.answer : undefined;
  const spans = [...code.map((span) => ({ span, code: true })), ...(answer ? [{ span: answer, code: false }] : [])].sort((a, b) => a.span[0] - b.span[0]);
  const parts: { text: string; code: boolean; answer: boolean }[] = [];
  let at = 0;
  for (const { span: [start, end], code: isCode } of spans) {
    if (start > at) parts.push({ text: sentence.text.slice(at, start), code: false, answer: false });
    parts.push({ text: sentence.text.slice(start, end), code: isCode, answer: !isCode });
    at = end;
  }
  if (at < sentence.text.length) parts.push({ text: sentence.text.slice(at), code: false, answer: false });
  return parts;
}

export function answerToText(answer: Answer): string {
  const lines = [answer.text];
  if (answer.citations.length > 0) {
    lines.push('', '出典 (sources):');
    for (const c of answer.citations) lines.push(`[${c.n}] ${citationTitle(c)} — ${c.docId}:${c.line}`, ...(c.url ? [`    ${c.url}`] : []));
  } else if (answer.closest.length > 0) {
    lines.push('', '近い資料 (closest documents):');
    for (const d of answer.closest) lines.push(`- ${d.title} — ${d.docId}`);
  }
  lines.push('', `(${answer.tookMs} ms)`);
  return lines.join('\n');
}

export function reindexReportToText(report: ReindexReport): string {
  const lines = [
    `Indexed ${report.documents} documents (${report.analyzed} analyzed anew, ${report.reused} unchanged), ${report.sentences} sentences in ${report.tookMs} ms.`,
  ];
  if (report.skipped.length > 0) {
    lines.push(`Skipped ${report.skipped.length} file(s):`);
    for (const s of report.skipped) lines.push(`- ${s.file}: ${s.reason}`);
  }
  return lines.join('\n');
}

/** What the refusal decided on, then the first `limit` candidates behind an answer, one line each: score, signals, where, text. */
export function explainToText({ ranked, refusal, refused }: { ranked: readonly RankedSentence[]; refusal: RefusalEvidence; refused: boolean }, limit = 10): string {
  const decision = `refusal: ${refused ? 'refused' : 'answered'} (best coverage ${refusal.coverage.toFixed(2)}, names something absent: ${refusal.namesAbsent}${refusal.namesAbsentName ? ' (a name)' : ''}, lacks the number asked for: ${refusal.lacksQuantity}, holds the code asked about: ${refusal.bestHoldsNamedCode})`;
  const names = ranked.length > 0 ? (Object.keys(ranked[0]!.signals) as (keyof Signals)[]) : [];
  const lines = [decision, `${'#'.padStart(3)} ${'score'.padStart(6)} ${names.map((n) => n.padStart(Math.max(5, n.length))).join(' ')}  sentence`];
  ranked.slice(0, limit).forEach((r, i) => {
    const signals = names.map((n) => r.signals[n].toFixed(2).padStart(Math.max(5, n.length))).join(' ');
    lines.push(`${String(i + 1).padStart(3)} ${r.score.toFixed(3).padStart(6)} ${signals}  ${r.sentence.docId}:${r.sentence.line} ${r.sentence.text}`);
  });
  return lines.join('\n');
}
