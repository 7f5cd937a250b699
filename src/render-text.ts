/** Renders an answer or a report for a terminal. */
import type { Answer, ReindexReport } from './types.js';

export function answerToText(answer: Answer): string {
  const lines = [answer.text];
  if (answer.citations.length > 0) {
    lines.push('', '出典 (sources):');
    for (const c of answer.citations) lines.push(`[${c.n}] ${c.title} — ${c.docId}:${c.line}`);
  } else if (answer.closest.length > 0) {
    lines.push('', '近い資料 (closest documents):');
    for (const d of answer.closest) lines.push(`- ${d.title} — ${d.docId}`);
  }
  lines.push('', `(${answer.tookMs} ms)`);
  return lines.join('\n');
}

export function reindexReportToText(report: ReindexReport): string {
  const lines = [`Indexed ${report.documents} documents, ${report.sentences} sentences in ${report.tookMs} ms.`];
  if (report.skipped.length > 0) {
    lines.push(`Skipped ${report.skipped.length} file(s):`);
    for (const s of report.skipped) lines.push(`- ${s.file}: ${s.reason}`);
  }
  return lines.join('\n');
}
