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
 * postings, then each posting: its document's (short) id less the one before it (ids ascend, as
 * documents are added), negated and followed by the term frequency when that is not 1.
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
      let last = -1;
      for (const [id, frequency] of frequencies) {
        if (id <= last) throw new Error(`the postings of ${term} are out of order`);
        if (frequency === 1) postings.push(id - last);
        else postings.push(last - id, frequency);
        last = id;
      }
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
      const count = postings[at + 1]!;
      if (!(fieldId >= 0 && fieldId < fieldCount && Number.isInteger(count) && count > 0)) throw new Error(`the postings of ${term} are damaged`);
      const frequencies = new Map<number, number>();
      at += 2;
      for (let id = -1, n = 0; n < count; n++) {
        const step = postings[at++]!;
        const frequency = step > 0 ? 1 : postings[at++]!;
        id += Math.abs(step);
        if (!(Number.isInteger(id) && step !== 0 && id < json.nextId && frequency > 0 && at <= postings.length)) throw new Error(`the postings of ${term} are damaged`);
        frequencies.set(id, frequency);
      }
      fields.set(fieldId, frequencies);
    }
    index._index.set(term, fields);
  }
  return miniSearch;
}
