/** The core's public data shapes: what adapters and the CLI see. */

/** One loaded file of the material. `id` is its path relative to the corpus folder. */
export interface Document {
  id: string;
  title: string;
  text: string;
}

/** One sentence of a document: the unit that is indexed, ranked and cited. */
export interface Sentence {
  docId: string;
  /** 0-based ordinal of the sentence within its document. */
  n: number;
  /** 1-based line of the document where the sentence starts. */
  line: number;
  text: string;
}

/** A numbered source of an answer; `n` is the number shown as `[n]` in the answer text. */
export interface Citation {
  n: number;
  docId: string;
  title: string;
  line: number;
  quote: string;
}

export interface AnswerSentence {
  text: string;
  /** The `n` of the citation this sentence comes from. */
  cite: number;
}

export interface ClosestDocument {
  docId: string;
  title: string;
}

export type AnswerStatus = 'answered' | 'not_found';

export interface Answer {
  status: AnswerStatus;
  /** Ready to show: the sentences, each followed by its `[n]`; or the not-found message. */
  text: string;
  sentences: AnswerSentence[];
  /** Numbered in order of first use in `text`. Empty when `not_found`. */
  citations: Citation[];
  /** When `not_found`: up to three documents that came closest (may be empty). */
  closest: ClosestDocument[];
  tookMs: number;
}

export interface SkippedFile {
  /** Path relative to the corpus folder. */
  file: string;
  reason: string;
}

export interface ReindexReport {
  documents: number;
  sentences: number;
  skipped: SkippedFile[];
  tookMs: number;
  /** ISO time the new index was built. */
  builtAt: string;
  /** Who asked for the run (free text from the adapter), if anyone. */
  by?: string;
  /** True when this call joined a reindex that was already running instead of starting one. */
  joined: boolean;
}

export interface SourceDocument {
  docId: string;
  title: string;
  sentences: number;
}

export interface SourcesReport {
  documents: SourceDocument[];
  /** ISO time the index in use was built. */
  builtAt: string;
  skipped: SkippedFile[];
}
