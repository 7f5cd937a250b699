/**
 * The "show passage" view: each cited sentence in the paragraph it comes from, read from the
 * document itself, so the asker can judge the answer by what surrounds it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Citation } from '../../src/index.js';
import { PASSAGE_CONTEXT_LINES } from './tuning.js';

/** A piece of the paragraph; `cited` marks the sentence the answer quoted. */
export interface PassagePart {
  text: string;
  cited: boolean;
}

export interface Passage {
  citation: Citation;
  /** The paragraph around the cited line, or undefined when the document no longer has it. */
  parts?: PassagePart[];
}

export async function readPassages(corpusDir: string, citations: Citation[]): Promise<Passage[]> {
  const documents = new Map<string, Promise<string[] | undefined>>();
  const linesOf = (docId: string) => {
    if (!documents.has(docId)) documents.set(docId, readLines(corpusDir, docId));
    return documents.get(docId)!;
  };
  return Promise.all(
    citations.map(async (citation) => {
      const lines = await linesOf(citation.docId);
      const parts = lines && paragraphAround(lines, citation.line - 1, citation.quote);
      return parts ? { citation, parts } : { citation };
    }),
  );
}

/** The document's lines; undefined when it is gone or its id would lead out of the corpus folder. */
async function readLines(corpusDir: string, docId: string): Promise<string[] | undefined> {
  const file = path.resolve(corpusDir, docId);
  if (path.relative(corpusDir, file).startsWith('..')) return undefined;
  return readFile(file, 'utf8').then(
    (text) => text.split(/\r?\n/),
    () => undefined,
  );
}

/**
 * The lines of the paragraph around line `at` (0-based): up to PASSAGE_CONTEXT_LINES on each
 * side, stopping at a blank line. The quoted sentence is marked where the line still holds it;
 * a line that no longer does (the document changed) is shown whole, unmarked.
 */
function paragraphAround(lines: string[], at: number, quote: string): PassagePart[] | undefined {
  if (lines[at] === undefined) return undefined;
  let from = at;
  let to = at;
  while (from > 0 && at - from < PASSAGE_CONTEXT_LINES && lines[from - 1]!.trim()) from--;
  while (to < lines.length - 1 && to - at < PASSAGE_CONTEXT_LINES && lines[to + 1]!.trim()) to++;
  const before = lines.slice(from, at).map((line) => `${line}\n`).join('');
  const after = lines.slice(at + 1, to + 1).map((line) => `\n${line}`).join('');
  const line = lines[at]!;
  const start = quote ? line.indexOf(quote) : -1;
  const parts: PassagePart[] =
    start < 0
      ? [{ text: before + line + after, cited: false }]
      : [
          { text: before + line.slice(0, start), cited: false },
          { text: quote, cited: true },
          { text: line.slice(start + quote.length) + after, cited: false },
        ];
  return parts.filter((p) => p.text);
}
