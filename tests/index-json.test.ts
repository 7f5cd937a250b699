/**
 * The snapshot stores MiniSearch's postings and documents as strings of digits (src/index-json.ts):
 * loading them must give back the index MiniSearch built, postings in the same order (ties in
 * ranking keep the order units were first matched), and what does not decode must be refused.
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

/** The numbers of a string of digits (src/index-json.ts, `Digits`), read here by its description. */
function numbers(text: string): number[] {
  const read: number[] = [];
  let value = 0;
  let scale = 1;
  for (const code of Array.from(text, (c) => c.charCodeAt(0))) {
    if (code >= 0xc000) {
      read.push(Math.floor((code - 0xc000) / 64), (code - 0xc000) % 64);
      continue;
    }
    value += ((code - 0x4000) % 0x4000) * scale;
    scale *= 0x4000;
    if (code < 0x8000) [read[read.length], value, scale] = [value, 0, 1];
  }
  return read;
}

/** `values` as digits, each number alone (the loader reads them as well as pairs). */
function encoded(values: number[]): string {
  const codes: number[] = [];
  for (let value of values) {
    for (; value >= 0x4000; value = Math.floor(value / 0x4000)) codes.push(0x8000 + (value % 0x4000));
    codes.push(0x4000 + value);
  }
  return String.fromCharCode(...codes);
}

describe('the index as the snapshot stores it', () => {
  it('loads back the index MiniSearch built, postings in their order', () => {
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 30 }), (units) => {
        const index = built(units);
        const loaded = roundTrip(indexToJson(index));
        expect(JSON.stringify(whole(loaded))).toBe(JSON.stringify(whole(index)));
        for (const query of ['日本', '東京 大阪', '学校']) {
          expect(loaded.search(query).map((r) => [r.id, r.score])).toEqual(index.search(query).map((r) => [r.id, r.score]));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('will not write what its form cannot hold: postings out of id order, or ids that are not counts', () => {
    const index = built([{ words: ['日', '本'], bigrams: [] }, { words: ['日'], bigrams: [] }]);
    // The postings of 日 in words, as a map of id → frequency: written as steps from the id before.
    const postings = (index as unknown as { _index: { get(t: string): Map<number, Map<number, number>> } })._index.get('日')!.values().next().value!;
    const [first, second] = [...postings] as [number, number][];
    postings.clear();
    postings.set(...second!).set(...first!);
    expect(() => indexToJson(index)).toThrow('the postings of 日 are out of order');
    const named = new MiniSearch(options);
    named.add({ id: 'a', words: '日', bigrams: '' });
    expect(() => indexToJson(named)).toThrow("a is not a count: the index's ids must be");
    for (const id of [-1, 1.5]) {
      const odd = new MiniSearch(options);
      odd.add({ id, words: '日', bigrams: '' });
      expect(() => indexToJson(odd)).toThrow(`${id} is not a count: the index's ids must be`);
    }
  });

  it('keeps numbers of several digits, and pairs small ones in one character that JSON leaves as it is', () => {
    // 20,000 units: 大 only in the last (a step of 40,000: two digits), 日 300 times in it.
    const units = Array.from({ length: 20_000 }, (_, id) => ({ words: id % 7_000 === 0 ? ['日', '本'] : ['東'], bigrams: [] as string[] }));
    units[19_999] = { words: Array<string>(300).fill('日'), bigrams: ['大'] };
    const index = built(units);
    const json = indexToJson(index);
    expect(numbers(json.postings)).toEqual(expect.arrayContaining([40_000, 300]));
    // 東's steps of 2 (one unit to the next) go two to a character.
    expect(json.postings.length).toBeLessThan(numbers(json.postings).length * 0.6);
    for (const text of [json.postings, json.documents]) expect(JSON.stringify(text)).toBe(`"${text}"`);
    const loaded = roundTrip(json);
    expect(JSON.stringify(whole(loaded))).toBe(JSON.stringify(whole(index)));
    expect(loaded.search('日').map((r) => [r.id, r.score])).toEqual(index.search('日').map((r) => [r.id, r.score]));
  });

  it('refuses postings cut short or left over, of an unknown or repeated field, out of order, naming no document, or not digits', () => {
    // One term, 日: in words twice in unit 0 and once in unit 1, in bigrams once in unit 0.
    const json = indexToJson(built([{ words: ['日', '日'], bigrams: ['日'] }, { words: ['日'], bigrams: [] }]));
    const postings = numbers(json.postings);
    // fields, [words: field, count, (step, frequency), step], [bigrams: field, count, step]
    expect(postings).toEqual([2, 0, 2, 3, 2, 2, 1, 1, 2]);
    expect(json.postings).toHaveLength(5); // four pairs and the last alone
    const damaged = (damage: (postings: number[]) => void) => {
      const copy = [...postings];
      damage(copy);
      return () => roundTrip({ ...json, postings: encoded(copy) });
    };
    expect(() => roundTrip(json)).not.toThrow();
    expect(() => roundTrip({ ...json, postings: encoded(postings) })).not.toThrow();
    expect(damaged((p) => p.pop())).toThrow(/postings are damaged \(they end early\)/);
    expect(damaged((p) => p.push(1))).toThrow(/postings are damaged \(numbers left over\)/);
    expect(damaged((p) => (p[1] = 7))).toThrow(/damaged/); // no field 7
    expect(damaged((p) => (p[6] = 0))).toThrow(/damaged/); // words twice
    expect(damaged((p) => (p[2] = 3))).toThrow(/damaged/); // three postings in words
    expect(damaged((p) => (p[2] = 0))).toThrow(/damaged/); // none
    expect(damaged((p) => (p[5] = 0))).toThrow(/damaged/); // unit 0 again
    expect(damaged((p) => (p[5] = 4))).toThrow(/damaged/); // unit 2 of 2
    expect(damaged((p) => (p[4] = 1))).toThrow(/damaged/); // a frequency of 1 written
    // A number whose last digit is missing, a pair's second number left over, a character that is no digit.
    expect(() => roundTrip({ ...json, postings: json.postings.slice(0, -1) + String.fromCharCode(0x8000 + 2) })).toThrow(/damaged \(they end early\)/);
    expect(() => roundTrip({ ...json, postings: json.postings.slice(0, -1) + String.fromCharCode(0xc000 + 2 * 64 + 2) })).toThrow(/damaged \(numbers left over\)/);
    expect(() => roundTrip({ ...json, postings: `*${json.postings.slice(1)}` })).toThrow(/damaged \(not digits\)/);
    // Nor is the last character, one past the digits and pairs (U+D000 on), or a pair's character where a number's next digit should be.
    for (const last of ['*', '\uff10', String.fromCharCode(0x8000 + 2, 0xc000, 0x4000 + 1)]) {
      expect(() => roundTrip({ ...json, postings: json.postings.slice(0, -1) + last })).toThrow(/damaged \(not digits\)/);
    }
    expect(() => roundTrip({ ...json, postings: json.postings.slice(0, -2) })).toThrow(/damaged/);
    // A term too many or too few for the postings, a term that is not a string.
    expect(() => roundTrip({ ...json, terms: ['日', '本'] })).toThrow(/damaged \(they end early\)/);
    expect(() => roundTrip({ ...json, terms: [] })).toThrow(/damaged \(numbers left over\)/);
    expect(() => roundTrip({ ...json, terms: [5] as unknown as string[] })).toThrow(/damaged/);
    expect(() => roundTrip({ ...json, postings: 5 } as unknown as IndexJson)).toThrow(/damaged/);
  });

  it('refuses documents cut short or left over, named twice, or past the ids given', () => {
    const json = indexToJson(built([{ words: ['日'], bigrams: ['本'] }, { words: ['日', '本'], bigrams: [] }]));
    const documents = numbers(json.documents);
    // Per unit: its short id, its id, its length in words and in bigrams (an empty field counts one: MiniSearch's own).
    expect(documents).toEqual([0, 0, 1, 1, 1, 1, 2, 1]);
    expect(json.documents).toHaveLength(4); // four pairs, the first of them two zeros
    const damaged = (damage: (documents: number[]) => void) => {
      const copy = [...documents];
      damage(copy);
      return () => roundTrip({ ...json, documents: encoded(copy) });
    };
    expect(() => roundTrip({ ...json, documents: encoded(documents) })).not.toThrow();
    expect(damaged((d) => d.pop())).toThrow(/documents are damaged \(they end early\)/);
    expect(damaged((d) => d.push(0))).toThrow(/documents are damaged \(numbers left over\)/);
    expect(damaged((d) => (d[4] = 0))).toThrow(/documents of the index are damaged/); // short id 0 twice
    expect(damaged((d) => (d[5] = 0))).toThrow(/documents of the index are damaged/); // id 0 twice
    expect(damaged((d) => (d[4] = 2))).toThrow(/documents of the index are damaged/); // short id 2 of 2
  });
});
