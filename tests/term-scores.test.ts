/**
 * Ranking reads each term's postings and BM25 scores from MiniSearch's inverted index
 * (src/term-scores.ts) instead of calling `search` per term: it must find the same units with the
 * same scores, to the last bit (ties are broken by order, so a rounding difference would reorder).
 */
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { indexFromJson, indexToJson } from '../src/index-json.js';
import { idsAreShortIds, SCORED_POSTINGS_KEPT, scoredPostings, termPostings } from '../src/term-scores.js';

const FIELDS = ['words', 'bigrams'];
const options = { fields: FIELDS, tokenize: (text: string) => text.split(' ') };
const term = fc.constantFrom(...'日本東京都大阪府学校生徒防衛相'.split('')).chain((a) => fc.constantFrom(a, `${a}本`, `${a}国`, `東${a}`));
const unit = fc.record({ words: fc.array(term, { minLength: 1, maxLength: 12 }), bigrams: fc.array(term, { maxLength: 6 }) });

/** Each unit's score for `t` in `field`, by MiniSearch's own search and as read here. */
function bothWays(index: MiniSearch, t: string, field: string) {
  const searched = index.search(t, { fields: [field] }).map((r) => [r.id as number, r.score] as const);
  const read: (readonly [number, number])[] = [];
  const postings = termPostings(index, t, field);
  if (postings) {
    const { ids, scores } = scoredPostings(index, field, postings);
    ids.forEach((id, i) => read.push([id, scores[i]!]));
  }
  const byId = (a: readonly [number, number], b: readonly [number, number]) => a[0] - b[0];
  return { searched: searched.sort(byId), read: read.sort(byId), postings };
}

describe('term scores read from the index', () => {
  it('equal what MiniSearch.search finds for one term in one field, also after a snapshot round trip', () => {
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 40 }), fc.array(term, { minLength: 1, maxLength: 8 }), (units, probes) => {
        const rows = units.map((u, id) => ({ id, words: u.words.join(' '), bigrams: u.bigrams.join(' ') }));
        const built = new MiniSearch(options);
        built.addAll(rows);
        const loaded = indexFromJson(JSON.parse(JSON.stringify(indexToJson(built))), options);
        for (const index of [built, loaded]) {
          expect(idsAreShortIds(index)).toBe(true);
          for (const t of probes) {
            for (const field of FIELDS) {
              const { searched, read, postings } = bothWays(index, t, field);
              expect(read).toEqual(searched);
              expect([...(postings?.keys() ?? [])].sort((a, b) => a - b)).toEqual(searched.map(([id]) => id));
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('scores again once documents are added or removed (every score depends on them)', () => {
    const index = new MiniSearch(options);
    index.addAll([
      { id: 0, words: '日本 東京', bigrams: '' },
      { id: 1, words: '日本', bigrams: '' },
    ]);
    expect(bothWays(index, '日本', 'words').read).toEqual(bothWays(index, '日本', 'words').searched);
    index.add({ id: 2, words: '大阪 大阪 大阪', bigrams: '' });
    const added = bothWays(index, '日本', 'words');
    expect(added.read).toEqual(added.searched);
    index.remove({ id: 2, words: '大阪 大阪 大阪', bigrams: '' });
    index.add({ id: 3, words: '日本 日本 日本 日本', bigrams: '' });
    const replaced = bothWays(index, '日本', 'words');
    expect(replaced.read).toEqual(replaced.searched);
    // Removed with nothing added: the next id stays, the document count does not.
    index.remove({ id: 3, words: '日本 日本 日本 日本', bigrams: '' });
    const removed = bothWays(index, '日本', 'words');
    expect(removed.read).toEqual(removed.searched);
  });

  it('keeps the scores of up to SCORED_POSTINGS_KEPT postings per index, dropping the first kept first', () => {
    const index = new MiniSearch(options);
    index.add({ id: 0, words: '日本', bigrams: '' });
    // Postings lists of common terms at scale: `size` units each (all unit 0 here, which is all the scores need).
    const list = (size: number) => ({ size, forEach: (each: (frequency: number, id: number) => void) => { for (let i = 0; i < size; i++) each(1, 0); } }) as unknown as ReadonlyMap<number, number>;
    const half = SCORED_POSTINGS_KEPT / 2;
    const [first, second, third] = [list(half), list(half), list(1)];
    const firstScores = scoredPostings(index, 'words', first);
    expect(firstScores.ids.length).toBe(half);
    expect(scoredPostings(index, 'words', first) === firstScores).toBe(true);
    // Exactly the budget: both kept.
    const secondScores = scoredPostings(index, 'words', second);
    expect(scoredPostings(index, 'words', first) === firstScores).toBe(true);
    // One over: the first list kept goes, and only it.
    scoredPostings(index, 'words', third);
    expect(scoredPostings(index, 'words', second) === secondScores).toBe(true);
    expect(scoredPostings(index, 'words', first) === firstScores).toBe(false);
  });

  it('knows when the ids are not the short ids MiniSearch gave (postings would name other units)', () => {
    const index = new MiniSearch(options);
    index.addAll([
      { id: 1, words: '日本', bigrams: '' },
      { id: 0, words: '東京', bigrams: '' },
    ]);
    expect(idsAreShortIds(index)).toBe(false);
  });
});
