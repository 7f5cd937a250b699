/**
 * One term's postings and BM25 scores in one field, read from MiniSearch's inverted index. The
 * same scores as `miniSearch.search(term, { fields: [field] })` for one exact term
 * (tests/term-scores.test.ts holds them equal), without what `search` builds for every match: a
 * result object with its terms and fields, then a sorted list. Ranking searches dozens of terms a
 * question, each in thousands of units at JSQuAD ×16, and those objects were most of a query's
 * time and garbage.
 */
import type MiniSearch from 'minisearch';

/** The members of MiniSearch (protected, for subclasses) read here and by index-json.ts, which also fills the maps. */
interface InvertedIndex {
  /** term → field id → short document id → term frequency */
  _index: Iterable<[string, Map<number, Map<number, number>>]> & {
    get(term: string): Map<number, Map<number, number>> | undefined;
    set(term: string, fields: Map<number, Map<number, number>>): void;
  };
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _nextId: number;
  _dirtCount: number;
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _options: { searchOptions: { bm25: { k: number; b: number; d: number } } };
}

export const inverted = (miniSearch: MiniSearch) => miniSearch as unknown as InvertedIndex;

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

/** A term's postings in one field as arrays: each unit (ids as `idsAreShortIds`) and its BM25 score, in the postings' order. */
export interface ScoredPostings {
  ids: Int32Array;
  scores: Float64Array;
}

/**
 * How many postings' scores are kept per index (12 bytes each; the first kept are dropped
 * first). A question at JSQuAD ×16 reads tens of thousands of postings, mostly from the same
 * common lists as the questions before it, and reading them from MiniSearch's maps entry by entry
 * (and the garbage that made) was most of its time. A budget of 1 or 0.5 million did not lower a
 * serving process's RSS at ×16 (more lists scored again, more garbage) and raised p99 (README,
 * "Speed at scale").
 */
export const SCORED_POSTINGS_KEPT = 2_000_000;

interface ScoreCache {
  /** The index's state the scores were computed in: any added or removed document changes them all. */
  nextId: number;
  documentCount: number;
  dirtCount: number;
  kept: number;
  lists: Map<ReadonlyMap<number, number>, ScoredPostings>;
}
const scoreCaches = new WeakMap<MiniSearch, ScoreCache>();

/** The units of `postings` (one term's in `field`, from `termPostings`) and their BM25 scores. */
export function scoredPostings(miniSearch: MiniSearch, field: string, postings: ReadonlyMap<number, number>): ScoredPostings {
  const index = inverted(miniSearch);
  let cache = scoreCaches.get(miniSearch);
  if (cache?.nextId !== index._nextId || cache.documentCount !== index._documentCount || cache.dirtCount !== index._dirtCount) {
    cache = { nextId: index._nextId, documentCount: index._documentCount, dirtCount: index._dirtCount, kept: 0, lists: new Map() };
    scoreCaches.set(miniSearch, cache);
  }
  let scored = cache.lists.get(postings);
  if (!scored) {
    scored = score(index, field, postings);
    cache.lists.set(postings, scored);
    cache.kept += scored.ids.length;
    for (const [list, { ids }] of cache.lists) {
      if (cache.kept <= SCORED_POSTINGS_KEPT) break;
      cache.lists.delete(list);
      cache.kept -= ids.length;
    }
  }
  return scored;
}

function score(index: InvertedIndex, field: string, postings: ReadonlyMap<number, number>): ScoredPostings {
  const fieldId = index._fieldIds[field]!;
  const { k, b, d } = index._options.searchOptions.bm25;
  // MiniSearch's calcBM25Score, operation for operation (equal scores keep ties as they were).
  const inverseFrequency = Math.log(1 + (index._documentCount - postings.size + 0.5) / (postings.size + 0.5));
  const averageLength = index._avgFieldLength[fieldId]!;
  const scored = { ids: new Int32Array(postings.size), scores: new Float64Array(postings.size) };
  let at = 0;
  postings.forEach((frequency, id) => {
    const fieldLength = index._fieldLength.get(id)![fieldId]!;
    scored.ids[at] = id;
    scored.scores[at++] = inverseFrequency * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * fieldLength) / averageLength)));
  });
  return scored;
}
