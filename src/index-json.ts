/**
 * MiniSearch's index as the snapshot stores it: MiniSearch's own `toJSON` layout, except that its
 * bulk, the postings and each document's id and field lengths, is strings of digits (`Digits`).
 * As JSON numbers (an array per term), JSON.parse turned the millions of postings at JSQuAD ×16
 * into ~200 MB of arrays, beside the maps being built from them: most of a loading process's
 * peak. A string parses into one string, decoded straight into MiniSearch's maps (README, "Speed
 * at scale", says what is left of the peak).
 */
import MiniSearch, { type Options } from 'minisearch';
import { inverted } from './term-scores.js';

/**
 * `documents`: for each document, its short id, its id (a count: in this project's index, the
 * same number) and its length in each field, by field id.
 *
 * `postings`: for each term of `terms`, in order, the number of fields that hold it, then for
 * each of them the field's id, the number of its postings, then each posting: its document's
 * short id less the one before it (ids ascend, as documents are added, so it is at least 1)
 * times two, plus one when a term frequency other than 1 follows.
 */
export interface IndexJson {
  documentCount: number;
  nextId: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  dirtCount: number;
  documents: string;
  terms: string[];
  postings: string;
}

export function indexToJson(miniSearch: MiniSearch): IndexJson {
  const index = inverted(miniSearch);
  const documents = new Digits();
  for (const [shortId, id] of index._documentIds) {
    documents.put(shortId);
    documents.put(id as number);
    for (const length of index._fieldLength.get(shortId)!) documents.put(length);
  }
  const terms: string[] = [];
  const postings = new Digits();
  for (const [term, fields] of index._index) {
    terms.push(term);
    postings.put(fields.size);
    for (const [fieldId, frequencies] of fields) {
      postings.put(fieldId);
      postings.put(frequencies.size);
      let last = -1;
      for (const [id, frequency] of frequencies) {
        if (id <= last) throw new Error(`the postings of ${term} are out of order`);
        postings.put((id - last) * 2 + (frequency === 1 ? 0 : 1));
        if (frequency !== 1) postings.put(frequency);
        last = id;
      }
    }
  }
  return {
    documentCount: index._documentCount,
    nextId: index._nextId,
    fieldIds: index._fieldIds,
    averageFieldLength: index._avgFieldLength,
    dirtCount: index._dirtCount,
    documents: documents.text(),
    terms,
    postings: postings.text(),
  };
}

/** The MiniSearch `indexToJson` saved; throws when its documents or postings do not decode (a damaged snapshot). */
export function indexFromJson(json: IndexJson, options: Options): MiniSearch {
  const { documents, terms, postings, ...rest } = json;
  if (typeof documents !== 'string' || !Array.isArray(terms) || typeof postings !== 'string') throw new Error('the documents, terms or postings of the index are damaged');
  const miniSearch = MiniSearch.loadJS({ ...rest, documentIds: {}, fieldLength: {}, index: [], storedFields: {}, serializationVersion: 2 }, options);
  const index = inverted(miniSearch);
  const fieldCount = Object.keys(index._fieldIds).length;
  const nextId = index._nextId;

  const documentDigits = readDigits(documents, 'documents');
  for (let n = 0; n < index._documentCount; n++) {
    const shortId = documentDigits.next();
    const id = documentDigits.next();
    if (!(shortId < nextId) || index._documentIds.has(shortId) || index._idToShortId.has(id)) throw new Error('the documents of the index are damaged');
    // Sized once: pushed, each array would hold room for 17 lengths.
    const lengths = new Array<number>(fieldCount);
    for (let field = 0; field < fieldCount; field++) lengths[field] = documentDigits.next();
    index._documentIds.set(shortId, id);
    index._idToShortId.set(id, shortId);
    index._fieldLength.set(shortId, lengths);
  }
  documentDigits.end();

  const postingDigits = readDigits(postings, 'postings');
  const next = postingDigits.next;
  for (const term of terms) {
    if (typeof term !== 'string') throw new Error('a term of the index is damaged');
    const fields = new Map<number, Map<number, number>>();
    for (let fieldsLeft = next(); fieldsLeft > 0; fieldsLeft--) {
      const fieldId = next();
      const count = next();
      if (!(fieldId < fieldCount && !fields.has(fieldId) && count > 0 && count <= nextId)) throw new Error(`the postings of ${term} are damaged`);
      const frequencies = new Map<number, number>();
      for (let id = -1, n = 0; n < count; n++) {
        const step = next();
        const hasFrequency = step % 2;
        const frequency = hasFrequency ? next() : 1;
        id += (step - hasFrequency) / 2;
        // A frequency of 1 is never written; a step of 0 would repeat the id before.
        if (!(step >= 2 && id < nextId && (!hasFrequency || frequency > 1))) throw new Error(`the postings of ${term} are damaged`);
        frequencies.set(id, frequency);
      }
      fields.set(fieldId, frequencies);
    }
    index._index.set(term, fields);
  }
  postingDigits.end();
  return miniSearch;
}

/**
 * Non-negative integers as text, one character for one number or, often, two. A number is one or
 * more digits of 14 bits, low digits first: the character U+4000 plus the digit, plus 2^14 when
 * more digits of the number follow (U+4000–U+BFFF). Two numbers in a row below 64, a and b, are
 * the one character U+C000 + 64a + b (U+C000–U+CFFF). No surrogates, nothing JSON escapes.
 *
 * The snapshot's text holds Japanese, so JSON.parse reads it as one string of two-byte
 * characters, whatever they are, and that string is garbage beside the index while it loads: a
 * character per number (almost every one is below 2^14; most postings' steps below 64) is far
 * less of it than base64's 6 bits a character, and is read with charCodeAt, without a Buffer.
 */
const FIRST_DIGIT = 0x4000;
const DIGIT_VALUES = 0x4000;
const FIRST_PAIR = 0xc000;
const PAIRED_BELOW = 64;

/** Numbers as characters, into a buffer of UTF-16 code units that doubles as it fills. */
class Digits {
  private codes = new Uint16Array(1 << 16);
  private length = 0;
  /** A number below PAIRED_BELOW waiting for the next: they may share a character. */
  private waiting = -1;

  put(value: number): void {
    if (!(Number.isInteger(value) && value >= 0)) throw new Error(`${String(value)} is not a count: the index's ids must be`);
    // A number below 2^53 takes at most 4 digits, after the one waiting.
    if (this.length + 5 > this.codes.length) {
      const grown = new Uint16Array(this.codes.length * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    if (value < PAIRED_BELOW && this.waiting >= 0) {
      this.codes[this.length++] = FIRST_PAIR + this.waiting * PAIRED_BELOW + value;
      this.waiting = -1;
      return;
    }
    this.flush();
    if (value < PAIRED_BELOW) {
      this.waiting = value;
      return;
    }
    while (value >= DIGIT_VALUES) {
      this.codes[this.length++] = FIRST_DIGIT + DIGIT_VALUES + (value % DIGIT_VALUES);
      value = Math.floor(value / DIGIT_VALUES);
    }
    this.codes[this.length++] = FIRST_DIGIT + value;
  }

  text(): string {
    this.flush();
    return Buffer.from(this.codes.buffer, 0, this.length * 2).toString('utf16le');
  }

  /** The number waiting, alone: one digit. */
  private flush(): void {
    if (this.waiting >= 0) this.codes[this.length++] = FIRST_DIGIT + this.waiting;
    this.waiting = -1;
  }
}

/** The numbers of `text` (see `Digits`) one by one; `end` checks none is left. Throws, naming `what`, when they do not decode. */
function readDigits(text: string, what: string) {
  let at = 0;
  /** The second number of a pair, once the first is read. */
  let second = -1;
  const damaged = (why: string) => new Error(`the ${what} are damaged (${why})`);
  return {
    next(): number {
      if (second >= 0) {
        const value = second;
        second = -1;
        return value;
      }
      const code = text.charCodeAt(at++);
      if (code >= FIRST_PAIR && code < FIRST_PAIR + PAIRED_BELOW * PAIRED_BELOW) {
        second = (code - FIRST_PAIR) % PAIRED_BELOW;
        return (code - FIRST_PAIR - second) / PAIRED_BELOW;
      }
      let value = 0;
      let scale = 1;
      for (let digit = code - FIRST_DIGIT; ; digit = text.charCodeAt(at++) - FIRST_DIGIT) {
        // NaN past the end; any other character is not a digit.
        if (!(digit >= 0 && digit < 2 * DIGIT_VALUES)) throw damaged(at > text.length ? 'they end early' : 'not digits');
        value += (digit % DIGIT_VALUES) * scale;
        if (digit < DIGIT_VALUES) return value;
        scale *= DIGIT_VALUES;
      }
    },
    end(): void {
      if (at !== text.length || second >= 0) throw damaged('numbers left over');
    },
  };
}
