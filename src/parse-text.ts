/**
 * Plain text to blocks: each line is a block, split into sentences by the usual rules. Its
 * title is its first line when that reads as a title (short, not a running sentence).
 */
import type { ParsedDocument } from './blocks.js';

// A list marker or heading hash at the start of a line is layout, not words of the sentence.
const LINE_MARKER = /^\s*(?:#{1,6}\s+|[-*+•・]\s*|\d{1,3}[.)]\s+|>\s*)/;

export function parseText(source: string): ParsedDocument {
  const lines = source.split('\n');
  const blocks = lines.flatMap((raw, i) => {
    const text = raw.replace(LINE_MARKER, '').trim();
    return text ? [{ kind: 'line' as const, text, code: [], line: i + 1, breaks: [], headingPath: [], headingIdWords: [], framing: [] }] : [];
  });
  return { title: titleFromFirstLine(blocks[0]?.text), blocks };
}

function titleFromFirstLine(first: string | undefined): string | undefined {
  if (!first || Array.from(first).length > 80 || /[。.]$/.test(first)) return undefined;
  return first;
}
