/**
 * MiniSearch's radix tree as patched by `patches/minisearch+7.2.0.patch` (applied by `npm install`
 * through patch-package): a node with many children finds one through an index of their first
 * characters instead of scanning them all. Checked against a plain Map on Japanese keys through
 * inserts, removals (which merge nodes) and prefix views, and through MiniSearch itself: add,
 * remove, search and a snapshot round trip.
 */
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Enough first characters that the root and inner nodes pass the scan limit (8 children), few
// enough that keys share prefixes (nodes split and merge); 𠮷 is a surrogate pair.
const ALPHABET = [...'日本東京都大阪府学校生徒防衛相臣小泉進次郎あいうえかきくけこヘグセスア𠮷'].flatMap((c) => [...c]);
const key = fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 6 }).map((chars) => chars.join(''));
/** A removal names one of the keys set so far (by position), so most removals remove something. */
const operation = fc.oneof(fc.record({ set: key, value: fc.nat() }), fc.record({ remove: fc.nat() }));

describe('the patched radix tree', () => {
  it('is installed: both builds of MiniSearch carry the child index', () => {
    const dist = path.dirname(path.dirname(createRequire(import.meta.url).resolve('minisearch')));
    for (const build of ['es/index.js', 'cjs/index.cjs', 'es/SearchableMap.js']) {
      expect(readFileSync(path.join(dist, build), 'utf8'), build).toContain('childIndexes');
    }
  });

  it('holds what a Map holds after any inserts and removals, and views a prefix as filtering its keys would', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 300 }), fc.array(key, { maxLength: 20 }), (operations, probes) => {
        const tree = new SearchableMap<number>();
        const plain = new Map<string, number>();
        for (const op of operations) {
          if ('set' in op) {
            tree.set(op.set, op.value);
            plain.set(op.set, op.value);
          } else {
            const keys = [...plain.keys()];
            const removed = keys[op.remove % keys.length] ?? '';
            tree.delete(removed);
            plain.delete(removed);
          }
        }
        for (const probe of [...plain.keys(), ...probes]) {
          expect(tree.get(probe)).toBe(plain.get(probe));
          expect(tree.has(probe)).toBe(plain.has(probe));
        }
        expect([...tree.entries()].sort()).toEqual([...plain.entries()].sort());
        for (const prefix of probes) {
          const view = [...tree.atPrefix(prefix).keys()].sort();
          expect(view).toEqual([...plain.keys()].filter((k) => k.startsWith(prefix)).sort());
        }
      }),
      { numRuns: 200 },
    );
  });

  it('finds children of a wide node after one of them was removed, split or merged', () => {
    const tree = new SearchableMap<number>();
    for (const [i, char] of ALPHABET.entries()) tree.set(`${char}国`, i);
    tree.delete('日国'); // the root's child 日国 goes
    tree.set('日本', 1); // and 日 starts a new one
    tree.set('日光', 2); // which splits into 日 › 本, 光
    tree.delete('日本'); // and merges back into 日光
    tree.update('日光', (n) => (n ?? 0) + 100);
    expect(tree.fetch('本国', () => -1)).toBe(1);
    expect(tree.fetch('新国', () => -1)).toBe(-1);
    expect([tree.get('日国'), tree.get('日本'), tree.get('日光'), tree.get('新国')]).toEqual([undefined, undefined, 102, -1]);
    const expected = ALPHABET.filter((char) => char !== '日').map((char) => `${char}国`).concat('日光', '新国');
    expect([...tree.keys()].sort()).toEqual(expected.sort());
    tree.clear();
    expect(tree.get('本国')).toBeUndefined();
    tree.set('本', 7);
    expect([...tree.entries()]).toEqual([['本', 7]]);
  });
});

describe('MiniSearch on the patched tree', () => {
  const options = { fields: ['words'], tokenize: (text: string) => text.split(' ') };
  const documents = fc.array(fc.uniqueArray(key, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 60 });

  /** Each term's matching ids and scores, as MiniSearch finds them. */
  const found = (index: MiniSearch, terms: string[]) => terms.map((term) => index.search(term).map((r) => [r.id, r.score] as const).sort((a, b) => a[0] - b[0]));

  it('finds exactly the documents holding a term, after removals, additions and a snapshot round trip', () => {
    fc.assert(
      fc.property(documents, documents, fc.array(key, { maxLength: 10 }), (docs, later, absent) => {
        const rows = docs.map((terms, id) => ({ id, words: terms.join(' ') }));
        const laterRows = later.map((terms, i) => ({ id: rows.length + i, words: terms.join(' ') }));
        const index = new MiniSearch(options);
        index.addAll(rows);
        for (const row of rows) if (row.id % 3 === 0) index.remove(row);
        index.addAll(laterRows);
        const kept = rows.filter((row) => row.id % 3 !== 0).concat(laterRows);
        const terms = [...new Set([...docs.flat(), ...later.flat(), ...absent])];
        terms.forEach((term, i) => {
          const holding = kept.filter((row) => row.words.split(' ').includes(term)).map((row) => row.id);
          expect(found(index, [term])[0]!.map(([id]) => id), terms[i]).toEqual(holding);
        });
        const loaded = MiniSearch.loadJS(JSON.parse(JSON.stringify(index)), options);
        expect(found(loaded, terms)).toEqual(found(index, terms));
      }),
      { numRuns: 100 },
    );
  });
});
