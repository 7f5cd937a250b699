/**
 * Synonym groups that moderators edit next to the corpus (`synonyms.csv`): one group a line,
 * terms separated by commas, `#` starts a comment. A question that contains one term of a group
 * is also searched for the others. English terms let English questions reach Japanese text.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { normalize } from './normalize.js';
import type { SkippedFile } from './types.js';

export const SYNONYMS_FILE = 'synonyms.csv';

export type SynonymGroups = string[][];

export function parseSynonyms(text: string): SynonymGroups {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, ''))
    .map((line) => line.split(/[,、]/).map((term) => normalize(term).trim()).filter(Boolean))
    .filter((group) => group.length > 1);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads `synonyms.csv` from the corpus folder; no file means no synonyms. A file that cannot be
 * used (a folder, not UTF-8, unreadable) means no synonyms too, and `skipped` says why.
 */
export async function loadSynonyms(corpusDir: string): Promise<{ groups: SynonymGroups; skipped?: SkippedFile }> {
  const skip = (reason: string) => ({ groups: [], skipped: { file: SYNONYMS_FILE, reason } });
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(corpusDir, SYNONYMS_FILE));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { groups: [] };
    return skip(code === 'EISDIR' ? 'is a folder, not a file' : `unreadable: ${(error as Error).message}`);
  }
  try {
    return { groups: parseSynonyms(utf8.decode(bytes)) };
  } catch {
    return skip('not valid UTF-8 (save it as UTF-8)');
  }
}

export interface SynonymHit {
  /** The term of the group that the text mentions. */
  term: string;
  /** The group's other terms. */
  others: string[];
}

/**
 * For every group the question mentions: the term it used (the longest, so `お父さん` rather than
 * the `父` inside it) and the group's others. A term is mentioned when the text holds it or it is
 * one of `baseForms`, the question's words in dictionary form (`ほめてた` mentions `ほめる`).
 */
export function findSynonyms(normalizedText: string, groups: SynonymGroups, baseForms: readonly string[] = []): SynonymHit[] {
  const hits: SynonymHit[] = [];
  const mentioned = (term: string) => mentions(normalizedText, term) || baseForms.includes(term);
  for (const group of groups) {
    const used = group.filter(mentioned);
    if (used.length === 0) continue;
    const term = used.reduce((longest, t) => (t.length > longest.length ? t : longest));
    hits.push({ term, others: group.filter((t) => t !== term) });
  }
  return hits;
}

function mentions(text: string, term: string): boolean {
  // Latin words must match whole (`us` is not in `must`); Japanese terms match anywhere.
  if (/^[a-z0-9 .'-]+$/.test(term)) return new RegExp(`(?<![a-z0-9])${escapeRegExp(term)}(?![a-z0-9])`).test(text);
  return text.includes(term);
}

/** `text` as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
