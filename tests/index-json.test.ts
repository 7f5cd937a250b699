/**
 * The snapshot stores MiniSearch's postings as flat number arrays (src/index-json.ts): loading
 * them must give back the index MiniSearch built, postings in the same order (ties in ranking
 * keep the order units were first matched), and postings that do not decode must be refused.
 */
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { indexFromJson, indexToJson, type IndexJson } from '../src/index-json.js';

const options = { fields: ['words', 'bigrams'], tokenize: (text: string) => text.split(' ') };
const word = fc.constantFrom(...'日本東京都大阪府学校'.split(''));
const unit = fc.record({ words: fc.array(word, { minLength: 1, maxLength: 10 }), bigrams: fc.array(word, { maxLength: 5 }) });

/**
 * Everything MiniSearch keeps, in its own layout (its `toJSON` lists postings in their order),
 * terms sorted: the radix tree lists them in an order that depends on how they were inserted.
 */
function whole(index: MiniSearch) {
  const json = index.toJSON();
  return { ...json, index: json.index.sort(([a], [b]) => (a < b ? -1 : 1)) };
}

function built(units: { words: string[]; bigrams: string[] }[]): MiniSearch {
  const index = new MiniSearch(options);
  index.addAll(units.map((u, id) => ({ id, words: u.words.join(' '), bigrams: u.bigrams.join(' ') })));
  return index;
}

const roundTrip = (json: IndexJson) => indexFromJson(JSON.parse(JSON.stringify(json)), options);

describe('the index as the snapshot stores it', () => {
  it('loads back the index MiniSearch built, postings in their order', () => {
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 30 }), (units) => {
        const index = built(units);
        const loaded = roundTrip(indexToJson(index));
        expect(JSON.stringify(whole(loaded))).toBe(JSON.stringify(whole(index)));
        expect(loaded.search('日本').map((r) => [r.id, r.score])).toEqual(index.search('日本').map((r) => [r.id, r.score]));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses postings cut short, of an unknown field, out of order or naming no document', () => {
    const json = indexToJson(built([{ words: ['日', '本'], bigrams: ['日'] }, { words: ['日'], bigrams: [] }]));
    const damaged = (damage: (postings: number[]) => void) => {
      const copy = structuredClone(json);
      damage(copy.index.find(([term]) => term === '日')![1]);
      return () => roundTrip(copy);
    };
    expect(() => roundTrip(json)).not.toThrow();
    expect(damaged((p) => p.pop())).toThrow(/damaged/);
    expect(damaged((p) => (p[0] = 7))).toThrow(/damaged/);
    expect(damaged((p) => (p[1] = 3))).toThrow(/damaged/);
    expect(damaged((p) => (p[2] = 2))).toThrow(/damaged/);
    expect(damaged((p) => (p[2] = 0.5))).toThrow(/damaged/);
    expect(damaged((p) => (p[3] = 0))).toThrow(/damaged/);
    const notArray = structuredClone(json) as unknown as { index: unknown[] };
    notArray.index[0] = ['日', 'nonsense'];
    expect(() => roundTrip(notArray as unknown as IndexJson)).toThrow(/damaged/);
  });
});
