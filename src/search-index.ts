/**
 * The MiniSearch index over units (sentences, list items, definitions, table rows). Each unit is
 * analyzed once, at build time, into space-joined term fields; questions are analyzed the same
 * way and searched field by field.
 */
import MiniSearch from 'minisearch';
import type { Analysis, Analyzer } from './analyze.js';
import { answerTypesIn, PERSON_NAME } from './answer-types.js';
import { normalize, plainText } from './normalize.js';
import { yieldToEventLoop } from './files.js';
import { indexFromJson, indexToJson, type IndexJson } from './index-json.js';
import { idsAreShortIds } from './term-scores.js';
import { soundIndex } from './transliterate.js';
import type { Document, SourceDocument, Unit } from './types.js';
import { splitUnits } from './units.js';

/** A unit as stored in the index: what ranking and citing need without the documents. */
export interface IndexedSentence extends Unit {
  id: number;
  title: string;
  /** Bit set of AnswerType values the sentence can answer. */
  types: number;
  /** Its nouns (base forms): what it could answer with. */
  nouns: string[];
  /** The person names it mentions (kuromoji's 人名 words): a who-question wants one it did not name. */
  people: string[];
  /** Its text normalized, without separating punctuation (see plainText): what phrasing is compared on. */
  plain: string;
}

/**
 * `words`: the unit's own words (a labelled line's with its nearest heading's). `context`: the
 * title and the neighbouring units' words. `section`: the words of the heading path and of what
 * frames the unit (container titles, list labels, the English of its headings' ids). `code`: the
 * identifiers of its inline code, its headings and the code blocks beside it.
 */
export type SearchField = 'words' | 'bigrams' | 'readings' | 'context' | 'section' | 'code';
export const SEARCH_FIELDS: SearchField[] = ['words', 'bigrams', 'readings', 'context', 'section', 'code'];
/** What MiniSearch indexes for a sentence: its id and its analyzed fields (space-joined terms). */
type IndexedRow = { id: number } & Record<SearchField, string>;
/**
 * Terms are analyzed before they reach MiniSearch: it only splits on the spaces we put. It
 * stores nothing: the sentences live beside it, indexed by id, because MiniSearch would copy
 * stored fields into every one of thousands of partial matches a query makes.
 */
const MINISEARCH_OPTIONS = {
  fields: SEARCH_FIELDS,
  tokenize: (text: string) => text.split(' '),
  processTerm: (term: string) => term || null,
};

export interface SearchIndex {
  miniSearch: MiniSearch<IndexedRow>;
  /** Every sentence, at the position of its id: what answers cite. */
  sentences: IndexedSentence[];
  documents: SourceDocument[];
  /**
   * In how many units each word, bigram and code identifier occurs: the rarity used to weigh
   * matches (MiniSearch counts these too, but does not expose them), and what the material names.
   */
  sentenceFrequency: Map<string, number>;
  /** The same for reading bigrams, kept apart: `テイ` read from 低 is not the `テイ` written in `ステイ`. */
  readingFrequency: Map<string, number>;
  /** The material's words by the skeleton of their sound: what an English spelling (`Koizumi`) finds. */
  sounds: Map<string, string[]>;
}

/**
 * What one document contributes to the index, computed from that document alone: its units
 * ready to store (without ids) and to index, and the terms to count. Cached per document content
 * (see analysis-cache.ts), so a reindex analyzes only what changed.
 */
export interface AnalyzedDocument {
  source: SourceDocument;
  units: AnalyzedUnit[];
}

export interface AnalyzedUnit {
  sentence: Omit<IndexedSentence, 'id'>;
  fields: Record<SearchField, string>;
  /** Its distinct words, bigrams and code identifiers (counted in `sentenceFrequency`). */
  terms: string[];
  /** Its distinct reading bigrams (counted in `readingFrequency`). */
  readings: string[];
  /** Its words with their katakana readings: what English spellings are matched by sound against. */
  kana: [string, string][];
}

/** Splits a document into units and analyzes each: the slow part of building, done once per document. */
export async function analyzeDocument(doc: Document, analyzer: Analyzer, maxSentenceChars: number): Promise<AnalyzedDocument> {
  const drafts = splitUnits(doc, maxSentenceChars);
  const analyses: Analysis[] = [];
  for (const { unit } of drafts) {
    analyses.push(analyzer.analyze(unit.text));
    // Let the event loop breathe: chat adapters must acknowledge within 3 s while we build.
    if (analyses.length % YIELD_EVERY === 0) await yieldToEventLoop();
  }
  const titleWords = analyzer.analyze(doc.title).words;
  // Units of one section share its headings: analyze each heading path once.
  const sectionWords = new Map<string, string>();
  const wordsOfSection = (terms: string[]) => {
    const key = terms.join('\n');
    let words = sectionWords.get(key);
    if (words === undefined) {
      words = analyzer.analyze(key).words.join(' ');
      sectionWords.set(key, words);
    }
    return words;
  };
  // A labelled line (`期待する値: number | string`) says something of its nearest heading (`## key`):
  // the heading's words are its own, as a sentence names what it speaks of.
  const ownWords = (unit: Unit, analysis: Analysis) =>
    unit.kind === 'definition' && unit.section.length > 0 ? analysis.words.concat(wordsOfSection(unit.section.slice(-1)).split(' ').filter(Boolean)) : analysis.words;
  const units = drafts.map(({ unit, framing, identifiers }, i): AnalyzedUnit => {
    const analysis = analyses[i]!;
    return {
      sentence: {
        ...unit,
        title: doc.title,
        types: answerTypesIn(unit.text, analysis.pos),
        plain: plainText(normalize(unit.text)),
        nouns: [...new Set(analysis.words.filter((_, j) => analysis.pos[j]!.startsWith('名詞')))],
        people: [...new Set(analysis.words.filter((_, j) => analysis.pos[j]!.startsWith(PERSON_NAME)))],
      },
      fields: {
        words: ownWords(unit, analysis).join(' '),
        bigrams: analysis.bigrams.concat(analysis.identifierWords).join(' '),
        readings: analysis.readings.join(' '),
        // Neighbours and title: a sentence that says "it" still belongs to what surrounds it.
        context: titleWords.concat(analyses[i - 1]?.words ?? [], analyses[i + 1]?.words ?? []).join(' '),
        section: wordsOfSection(unit.section.concat(framing)),
        code: [...new Set(identifiers)].join(' '),
      },
      terms: [...new Set(analysis.words.concat(analysis.bigrams, identifiers))],
      readings: [...new Set(analysis.readings)],
      kana: analysis.words.flatMap((word, j): [string, string][] => (analysis.kana[j] ? [[word, analysis.kana[j]!]] : [])),
    };
  });
  return { source: { docId: doc.id, title: doc.title, sentences: units.length, ...(doc.url ? { url: doc.url } : {}) }, units };
}

/** The analysis of a document for a copy of it at `docId` (units name their document). */
export function relocated(analysis: AnalyzedDocument, docId: string): AnalyzedDocument {
  if (analysis.source.docId === docId) return analysis;
  return { source: { ...analysis.source, docId }, units: analysis.units.map((unit) => ({ ...unit, sentence: { ...unit.sentence, docId } })) };
}

/** The index over analyzed documents, in their order: ids, term counts, sounds, MiniSearch. */
export async function assembleIndex(documents: AnalyzedDocument[]): Promise<SearchIndex> {
  const miniSearch = new MiniSearch<IndexedRow>(MINISEARCH_OPTIONS);
  const sentenceFrequency = new Map<string, number>();
  const readingFrequency = new Map<string, number>();
  const stored: IndexedSentence[] = [];
  const kanaByWord = new Map<string, string>();
  for (const { units } of documents) {
    const rows = units.map(({ sentence, fields, terms, readings, kana }): IndexedRow => {
      count(sentenceFrequency, terms);
      count(readingFrequency, readings);
      for (const [word, reading] of kana) kanaByWord.set(word, reading);
      // Ids count from 0 in the order units are added: MiniSearch's short ids (see term-scores.ts).
      const id = stored.push({ ...sentence, id: stored.length }) - 1;
      return { id, ...fields };
    });
    await miniSearch.addAllAsync(rows, { chunkSize: 200 });
  }
  return {
    miniSearch,
    sentences: stored,
    documents: documents.map((d) => d.source),
    sentenceFrequency,
    readingFrequency,
    sounds: soundIndex(kanaByWord),
  };
}

/** About 10 ms of analysis between yields. */
const YIELD_EVERY = 50;

/** `terms` are distinct: each counts once for its unit. */
function count(counts: Map<string, number>, terms: string[]): void {
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
}

export interface SerializedIndex {
  miniSearch: IndexJson;
  sentences: IndexedSentence[];
  documents: SourceDocument[];
  sentenceFrequency: [string, number][];
  readingFrequency: [string, number][];
  sounds: [string, string[]][];
}

export function serializeIndex(index: SearchIndex): SerializedIndex {
  return {
    miniSearch: indexToJson(index.miniSearch),
    sentences: index.sentences,
    documents: index.documents,
    sentenceFrequency: [...index.sentenceFrequency],
    readingFrequency: [...index.readingFrequency],
    sounds: [...index.sounds],
  };
}

/** Rebuilds the index from a snapshot; throws when the snapshot's parts do not fit together. */
export function deserializeIndex(data: SerializedIndex): SearchIndex {
  const miniSearch = indexFromJson(data.miniSearch, MINISEARCH_OPTIONS) as MiniSearch<IndexedRow>;
  // Ranking reads postings keyed by MiniSearch's short ids as unit ids (see term-scores.ts); the
  // sentences' own shape is checked when the snapshot is read (snapshot.ts).
  const sentencesFit = idsAreShortIds(miniSearch) && Array.isArray(data.sentences) && data.sentences.length === miniSearch.documentCount;
  if (!sentencesFit || !Array.isArray(data.documents) || !Array.isArray(data.sentenceFrequency) || !Array.isArray(data.readingFrequency) || !Array.isArray(data.sounds)) {
    throw new Error('sentences, documents, term counts or sounds do not match the index');
  }
  return {
    miniSearch,
    sentences: data.sentences,
    documents: data.documents,
    sentenceFrequency: new Map(data.sentenceFrequency),
    readingFrequency: new Map(data.readingFrequency),
    sounds: new Map(data.sounds),
  };
}

export function sentenceById(index: SearchIndex, id: number): IndexedSentence | undefined {
  return index.sentences[id];
}
