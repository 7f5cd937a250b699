/** The core's public data shapes: what adapters and the CLI see. */

import type { Block } from './blocks.js';

/** `[start, end)` offsets (UTF-16) into a text: where inline code sits. */
export type Span = [number, number];

/** One loaded and parsed file of the material. `id` is its path relative to the corpus folder. */
export interface Document {
  id: string;
  title: string;
  /** The page's own address (front-matter `url`), if it gives one. */
  url?: string;
  blocks: Block[];
}

/**
 * What a unit is: a `sentence` of prose, a list `item`, a `definition` line
 * (`デフォルト: 5173`) or a table `row` (`型: string; 既定値: false`).
 */
export type UnitKind = 'sentence' | 'item' | 'definition' | 'row';

/** One answerable piece of a document: what is indexed, ranked and cited. */
export interface Unit {
  docId: string;
  /** 0-based ordinal of the unit within its document. */
  n: number;
  /** 1-based line of the document where the unit starts. */
  line: number;
  /** Plain text: no markup; inline code as written. */
  text: string;
  kind: UnitKind;
  /** The headings it sits under, below the document's title (`サーバーオプション`, `server.port`). */
  section: string[];
  /** The anchor of its nearest heading, if any. */
  anchor?: string;
  /** Where inline code sits in `text`, if anywhere. */
  code?: Span[];
  /** A code block follows it: what it introduces (`…次のように展開します:`) is the code. */
  beforeCode?: true;
}

/** A numbered source of an answer; `n` is the number shown as `[n]` in the answer text. */
export interface Citation {
  n: number;
  docId: string;
  title: string;
  line: number;
  quote: string;
  /** The heading path below the title, joined: `サーバーオプション › server.port` (absent at the top of a page). */
  section?: string;
  anchor?: string;
  /** A link to the cited section, when the page has an address (SOURCE_URL_TEMPLATE or front-matter `url`). */
  url?: string;
}

export interface AnswerSentence {
  text: string;
  /** The `n` of the citation this sentence comes from. */
  cite: number;
  /** Where inline code sits in `text`, if anywhere: adapters show it as code. */
  code?: Span[];
  /** In the first sentence of an answer to a typed question (a date, a number, a person): where the answer sits. Adapters show it in bold. */
  answer?: Span;
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
  /** Documents analyzed anew, and documents whose unchanged analysis was reused from the cache. */
  analyzed: number;
  reused: number;
  skipped: SkippedFile[];
  /** Until the new index answered (its snapshot is saved after that, before the report is given). */
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
  /** Units (sentences, list items, definitions, table rows) indexed from it. */
  sentences: number;
  /** Its front-matter `url`, if it gives one. */
  url?: string;
}

export interface SourcesReport {
  documents: SourceDocument[];
  /** ISO time the index in use was built. */
  builtAt: string;
  skipped: SkippedFile[];
}
