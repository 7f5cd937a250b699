/**
 * What the parsers (Markdown, HTML, plain text) make of a document: blocks of plain text, each
 * with its source line, heading path and anchor. Inline markup is gone; inline code is kept as
 * written and marked by spans, so adapters can show it as code.
 */

import type { Span } from './types.js';

/**
 * `paragraph`: prose, split into sentences. `item`: a list item's text, also split into sentences.
 * `definition`: a labelled list line (`- **デフォルト:** \`5173\``), kept whole. `row`: a table row
 * as `header: cell` pairs, kept whole. `line`: a line of a plain-text file (today's sentence rules).
 * `code`: a code block; never an answer, but its identifiers are searchable.
 */
export type BlockKind = 'paragraph' | 'item' | 'definition' | 'row' | 'line' | 'code';

export interface Block {
  kind: BlockKind;
  text: string;
  /** Where inline code sits in `text`. */
  code: Span[];
  /** 1-based line of the file where the block starts. */
  line: number;
  /** Offsets in `text` where each further source line starts (line + 1, line + 2, …). */
  breaks: number[];
  /** The headings the block sits under, outermost first. */
  headingPath: string[];
  /** The anchor of the nearest heading, when there is one. */
  anchor?: string;
  /**
   * The words of the explicit ids of the headings it sits under that their text does not say
   * (`{#built-in-special-attributes}` on `# ビルトインの特別な属性`): a translated page keeps its original's English there.
   */
  headingIdWords: string[];
  /** Words that frame the block without being in it: container titles (`::: tip 注意`), list labels (`- **型**`). */
  framing: string[];
}

/** What a parser reads from one file. */
export interface ParsedDocument {
  /** From front matter, `<title>`, the first `#` heading or the first line, if any. */
  title?: string;
  /** The page's own address (front-matter `url`), if it gives one. */
  url?: string;
  blocks: Block[];
}

export type BlockPlace = Pick<Block, 'headingPath' | 'anchor' | 'headingIdWords' | 'framing'>;

// Scripts written without spaces between words: a line break between two of their characters joins them.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Bold text that opens a list item is its label (`**デフォルト:** 5173`, `**型**`) unless the
 * sentence goes on from it at once in Japanese (`**依存関係**の大部分は…`): then it is emphasis.
 */
export function emphasisGoesOn(label: string, after: string): boolean {
  return !/[:：]$/.test(label) && /^\p{Script=Hiragana}/u.test(after);
}

/** Starts a table cell in a row's text: `header: cell; header: cell`. */
export function startCell(row: InlineText, header: string | undefined, column: number): void {
  if (column > 0) row.attach('; ');
  if (header) row.add(`${header}: `);
}

/**
 * Collects the inline text of one block: whitespace collapsed, a source line break joined as
 * the script wants (nothing between Japanese characters, a space otherwise), code spans kept.
 */
export class InlineText {
  private text = '';
  private readonly code: Span[] = [];
  private readonly breaks: number[] = [];
  private pendingBreaks = 0;
  private pendingSpace = false;
  // Read from here, not from `text`: reading a character of a string built by `+=` flattens it, every time.
  private lastChar = '';

  /** Plain text; its newlines are source line breaks. */
  add(raw: string): void {
    const pieces = raw.split('\n');
    pieces.forEach((piece, i) => {
      if (i > 0) this.lineBreak();
      // Whitespace beside a line break goes with it, as CSS collapses it: indentation of an HTML
      // source line is not a space between two Japanese characters.
      const collapsed = piece.replace(/\s+/g, ' ');
      if (i === 0 && collapsed.startsWith(' ')) this.pendingSpace = true;
      const trimmed = collapsed.trim();
      if (trimmed) this.append(trimmed);
      if (i === pieces.length - 1 && trimmed && collapsed.endsWith(' ')) this.pendingSpace = true;
    });
  }

  /**
   * Inline code, kept as written. A new span right after another, with only markup between them
   * (`<span>\`onMounted\`</span><span>\`mounted\`</span>`), is a second name, set apart by a space;
   * `continuesSpan` is a further piece of the same span (`<code><span>define</span>Config</code>`).
   */
  addCode(code: string, continuesSpan = false): void {
    const text = code.replace(/\s+/g, ' ').trim();
    if (!text) return;
    if (!continuesSpan && this.code.at(-1)?.[1] === this.text.length) this.pendingSpace = true;
    const start = this.append(text);
    this.code.push([start, start + text.length]);
  }

  /** Punctuation that belongs to the text before it (a cell's `;`, a label's `:`): no space before it, whatever whitespace came between. */
  attach(punctuation: string): void {
    const breaks = this.pendingBreaks;
    this.pendingBreaks = 0;
    this.pendingSpace = false;
    this.add(punctuation);
    this.pendingBreaks += breaks;
  }

  lineBreak(): void {
    this.pendingBreaks++;
  }

  get isEmpty(): boolean {
    return this.text === '';
  }

  finish(): Pick<Block, 'text' | 'code' | 'breaks'> {
    return { text: this.text, code: this.code, breaks: this.breaks };
  }

  /** Appends `piece` with the separator owed before it; returns where it starts. */
  private append(piece: string): number {
    if (this.text !== '') {
      const joinsTight = this.pendingBreaks > 0 && !this.pendingSpace && UNSPACED.test(this.lastChar) && UNSPACED.test(piece[0]!);
      if ((this.pendingBreaks > 0 || this.pendingSpace) && !joinsTight) this.text += ' ';
    }
    for (; this.pendingBreaks > 0; this.pendingBreaks--) this.breaks.push(this.text.length);
    this.pendingSpace = false;
    const start = this.text.length;
    this.text += piece;
    this.lastChar = piece.at(-1)!;
    return start;
  }
}
