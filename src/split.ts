/**
 * Japanese-aware sentence splitting of one piece of text, and cutting of over-long sentences.
 * Both return pieces that can be found again in their input, so offsets and lines carry over.
 */

const OPENERS: Record<string, string> = { '「': '」', '『': '』', '（': '）', '(': ')', '“': '”', '"': '"', '【': '】' };
const ALWAYS_ENDS = new Set(['。', '！', '？', '!', '?']);
// Closing marks that belong to the sentence they follow (`…です。」`).
const TRAILERS = /^[」』）)”"】]/;
const SOFT_BREAKS = /[、，,\s]/;
const MEANINGLESS = /^[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}\d]*$/u;

/** Punctuation, symbols, digits or emoji only: nothing to answer with. */
export function isMeaningless(text: string): boolean {
  return MEANINGLESS.test(text);
}

/**
 * Splits text after sentence-ending marks that are not inside brackets or quotes. The pieces,
 * joined, are the text again.
 */
export function splitText(line: string): string[] {
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

/** Cuts a sentence longer than `maxChars` at the last `、` or space before the limit (else hard); pieces are trimmed. */
export function cutLong(text: string, maxChars: number): string[] {
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
