/**
 * One term's postings and BM25 scores in one field, read from MiniSearch's inverted index. The
 * same scores as `miniSearch.search(term, { fields: [field] })` for one exact term
 * (tests/term-scores.test.ts holds them equal), without what `search` builds for every match: a
 * result object with its terms and fields, then a sorted list. Ranking searches dozens of terms a
 * question, each in thousands of units at JSQuAD ×16, and those objects were most of a query's
 * time and garbage.
 */
import type MiniSearch from 'minisearch';

/** The members of MiniSearch (protected, for subclasses) read here; nothing is changed. */
interface InvertedIndex {
  /** term → field id → short document id → term frequency */
  _index: { get(term: string): Map<number, Map<number, number>> | undefined };
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _options: { searchOptions: { bm25: { k: number; b: number; d: number } } };
}

const inverted = (miniSearch: MiniSearch) => miniSearch as unknown as InvertedIndex;

/**
 * Whether every document's id is the short id MiniSearch gave it, as for units added in the order
 * of their ids from 0 and never removed: then a posting's key is the unit's id.
 */
export function idsAreShortIds(miniSearch: MiniSearch): boolean {
  for (const [shortId, id] of inverted(miniSearch)._documentIds) if (shortId !== id) return false;
  return true;
}

/** The units whose `field` holds `term`, each with the term's frequency there (ids as `idsAreShortIds`). */
export function termPostings(miniSearch: MiniSearch, term: string, field: string): ReadonlyMap<number, number> | undefined {
  const index = inverted(miniSearch);
  return index._index.get(term)?.get(index._fieldIds[field]!);
}

/** Calls `visit` with each unit of `postings` (of one term in `field`) and its BM25 score. */
export function forEachScore(miniSearch: MiniSearch, field: string, postings: ReadonlyMap<number, number>, visit: (id: number, score: number) => void): void {
  const index = inverted(miniSearch);
  const fieldId = index._fieldIds[field]!;
  const { k, b, d } = index._options.searchOptions.bm25;
  // MiniSearch's calcBM25Score, operation for operation (equal scores keep ties as they were).
  const inverseFrequency = Math.log(1 + (index._documentCount - postings.size + 0.5) / (postings.size + 0.5));
  const averageLength = index._avgFieldLength[fieldId]!;
  for (const [id, frequency] of postings) {
    const fieldLength = index._fieldLength.get(id)![fieldId]!;
    visit(id, inverseFrequency * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * fieldLength) / averageLength))));
  }
}
