/**
 * MiniSearch's index as the snapshot stores it: MiniSearch's own `toJSON` layout, except that
 * each term's postings are one flat array of numbers instead of an object per field keyed by
 * document id. At JSQuAD ×16 the index holds millions of postings; as objects they were most of
 * the snapshot's parse time, and `loadJS` then read each object's keys back as strings.
 */
import MiniSearch, { type Options } from 'minisearch';
import { inverted } from './term-scores.js';

/**
 * `index`: each term with, for each field that holds it, the field's id, the number of its
 * postings, then each posting's document (short) id and term frequency.
 */
export interface IndexJson {
  documentCount: number;
  nextId: number;
  documentIds: Record<string, unknown>;
  fieldIds: Record<string, number>;
  fieldLength: Record<string, number[]>;
  averageFieldLength: number[];
  dirtCount: number;
  index: [term: string, postings: number[]][];
}

export function indexToJson(miniSearch: MiniSearch): IndexJson {
  const index = inverted(miniSearch);
  const terms: [string, number[]][] = [];
  for (const [term, fields] of index._index) {
    const postings: number[] = [];
    for (const [fieldId, frequencies] of fields) {
      postings.push(fieldId, frequencies.size);
      for (const [id, frequency] of frequencies) postings.push(id, frequency);
    }
    terms.push([term, postings]);
  }
  return {
    documentCount: index._documentCount,
    nextId: index._nextId,
    documentIds: Object.fromEntries(index._documentIds),
    fieldIds: index._fieldIds,
    fieldLength: Object.fromEntries(index._fieldLength),
    averageFieldLength: index._avgFieldLength,
    dirtCount: index._dirtCount,
    index: terms,
  };
}

/** The MiniSearch `indexToJson` saved; throws when a term's postings do not decode (a damaged snapshot). */
export function indexFromJson(json: IndexJson, options: Options): MiniSearch {
  const { index: terms, ...rest } = json;
  const miniSearch = MiniSearch.loadJS({ ...rest, index: [], storedFields: {}, serializationVersion: 2 }, options);
  const index = inverted(miniSearch);
  const fieldCount = Object.keys(index._fieldIds).length;
  for (const [term, postings] of terms) {
    if (typeof term !== 'string' || !Array.isArray(postings)) throw new Error('a term of the index is damaged');
    const fields = new Map<number, Map<number, number>>();
    let at = 0;
    while (at < postings.length) {
      const fieldId = postings[at]!;
      const end = at + 2 + 2 * postings[at + 1]!;
      if (!(fieldId >= 0 && fieldId < fieldCount && end <= postings.length)) throw new Error(`the postings of ${term} are damaged`);
      const frequencies = new Map<number, number>();
      for (at += 2; at < end; at += 2) {
        const id = postings[at]!;
        if (!(Number.isInteger(id) && id >= 0 && id < json.nextId)) throw new Error(`the postings of ${term} name no document`);
        frequencies.set(id, postings[at + 1]!);
      }
      fields.set(fieldId, frequencies);
    }
    index._index.set(term, fields);
  }
  return miniSearch;
}
