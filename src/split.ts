/**
 * Japanese-aware sentence splitting that keeps where each sentence came from (document, ordinal,
 * 1-based line), so every answer can cite a real line.
 */
import type { Document, Sentence } from './types.js';

/** A break the loader puts where HTML had a block element: ends a sentence, not a line. */
export const BLOCK_BREAK = '\u2029';

const OPENERS: Record<string, string> = { '「': '」', '『': '』', '（': '）', '(': ')', '“': '”', '"': '"', '【': '】' };
const ALWAYS_ENDS = new Set(['。', '！', '？', '!', '?']);
// Closing marks that belong to the sentence they follow (`…です。」`).
const TRAILERS = /^[」』）)”"】]/;
const SOFT_BREAKS = /[、，,\s]/;
const MEANINGLESS = /^[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}\d]*$/u;
// A list marker or heading hash at the start of a line is layout, not words of the sentence.
const LINE_MARKER = /^\s*(?:#{1,6}\s+|[-*+•・]\s*|\d{1,3}[.)]\s+|>\s*)/;

export function splitSentences(doc: Document, maxChars: number): Sentence[] {
  const sentences: Sentence[] = [];
  const push = (text: string, line: number) => {
    for (const piece of cutLong(text.trim(), maxChars)) {
      if (!MEANINGLESS.test(piece)) sentences.push({ docId: doc.id, n: sentences.length, line, text: piece });
    }
  };
  doc.text.split('\n').forEach((rawLine, index) => {
    for (const block of rawLine.split(BLOCK_BREAK)) {
      for (const text of splitLine(block.replace(LINE_MARKER, ''))) push(text, index + 1);
    }
  });
  return sentences;
}

/** Splits one line after sentence-ending marks that are not inside brackets or quotes. */
function splitLine(line: string): string[] {
  const out: string[] = [];
  const open: string[] = []; // expected closers; an unclosed bracket protects only this line
  let start = 0;
  const chars = Array.from(line);
  let text = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    text += ch;
    if (open.length > 0 && ch === open[open.length - 1]) {
      open.pop();
      continue;
    }
    const closer = OPENERS[ch];
    if (closer) {
      open.push(closer);
      continue;
    }
    if (open.length > 0 || !ALWAYS_ENDS.has(ch)) continue;
    // ASCII ! and ? end a sentence only before a space or the line's end (keeps URLs and `Yahoo!ニュース`).
    if ((ch === '!' || ch === '?') && i + 1 < chars.length && !/\s/.test(chars[i + 1]!) && !ALWAYS_ENDS.has(chars[i + 1]!)) continue;
    while (i + 1 < chars.length && (ALWAYS_ENDS.has(chars[i + 1]!) || TRAILERS.test(chars[i + 1]!))) text += chars[++i];
    out.push(text);
    text = '';
    start = i + 1;
  }
  if (start < chars.length || text) out.push(text);
  return out;
}

/** Cuts a sentence longer than `maxChars` at the last `、` or space before the limit (else hard). */
function cutLong(text: string, maxChars: number): string[] {
  const pieces: string[] = [];
  let rest = Array.from(text);
  while (rest.length > maxChars) {
    let cut = maxChars;
    for (let i = maxChars - 1; i >= maxChars / 2; i--) {
      if (SOFT_BREAKS.test(rest[i]!)) {
        cut = i + 1;
        break;
      }
    }
    pieces.push(rest.slice(0, cut).join('').trim());
    rest = rest.slice(cut);
  }
  pieces.push(rest.join('').trim());
  return pieces.filter((p) => p !== '');
}
