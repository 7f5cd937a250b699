/**
 * Blocks to units, the pieces that are indexed, ranked and cited: the sentences of paragraphs
 * and list items, and whole definition lines and table rows. Each keeps its source line, its
 * section (heading path below the title) and anchor. Code blocks are never units: their
 * identifiers go to the units beside them.
 */
import type { Block, BlockKind } from './blocks.js';
import { identifiersIn } from './identifiers.js';
import { cutLong, isMeaningless, splitText } from './split.js';
import type { Document, Span, Unit, UnitKind } from './types.js';

/** A unit with what only the index needs: the words that frame it and the code identifiers it answers to. */
export interface UnitDraft {
  unit: Unit;
  /** Container titles, list labels and the words of its headings' ids (Block.headingIdWords). */
  framing: string[];
  identifiers: string[];
}

const UNIT_KIND: Record<Exclude<BlockKind, 'code'>, UnitKind> = {
  paragraph: 'sentence',
  line: 'sentence',
  item: 'item',
  definition: 'definition',
  row: 'row',
};

export function splitUnits(doc: Document, maxChars: number): UnitDraft[] {
  const drafts: UnitDraft[] = [];
  const sections: string[] = []; // parallel to drafts: the heading path, as a key
  // Identifiers of code blocks not yet given to a following unit, and the section they are in.
  let pending: { section: string; identifiers: string[] } = { section: '', identifiers: [] };
  for (const block of doc.blocks) {
    const sectionKey = block.headingPath.join('\n');
    if (block.kind === 'code') {
      // Code illustrates the prose around it: the unit before it and the one after, in its section.
      const identifiers = identifiersIn(block.text);
      if (sections.at(-1) === sectionKey) {
        drafts.at(-1)!.identifiers.push(...identifiers);
        drafts.at(-1)!.unit.beforeCode = true;
      }
      pending = { section: sectionKey, identifiers: pending.section === sectionKey ? pending.identifiers.concat(identifiers) : identifiers };
      continue;
    }
    const section = block.headingPath[0] === doc.title ? block.headingPath.slice(1) : block.headingPath;
    const headingIdentifiers = identifiersIn(section.join(' '));
    for (const piece of pieces(block, maxChars)) {
      const unit: Unit = {
        docId: doc.id,
        n: drafts.length,
        line: block.line + block.breaks.filter((offset) => offset <= piece.start).length,
        text: piece.text,
        kind: UNIT_KIND[block.kind],
        section,
        ...(block.anchor ? { anchor: block.anchor } : {}),
        ...(piece.code.length > 0 ? { code: piece.code } : {}),
      };
      const own = piece.code.flatMap(([start, end]) => identifiersIn(piece.text.slice(start, end)));
      const nearby = pending.section === sectionKey ? pending.identifiers : [];
      drafts.push({ unit, framing: block.headingIdWords.length > 0 ? [...block.framing, block.headingIdWords.join(' ')] : block.framing, identifiers: [...new Set([...own, ...headingIdentifiers, ...nearby])] });
      sections.push(sectionKey);
      pending = { section: '', identifiers: [] };
    }
  }
  return drafts;
}

interface Piece {
  text: string;
  /** Offset of the piece in its block's text. */
  start: number;
  /** Code spans, relative to the piece. */
  code: Span[];
}

/** Definitions and rows stay whole; prose is split into sentences (never inside inline code). Over-long pieces are cut. */
function pieces(block: Block, maxChars: number): Piece[] {
  const { text, code } = block;
  const sentences = block.kind === 'definition' || block.kind === 'row' ? [text] : splitText(maskCode(text, code));
  const out: Piece[] = [];
  let offset = 0;
  for (const sentence of sentences) {
    const whole = text.slice(offset, offset + sentence.length);
    let cursor = 0;
    for (const cut of cutLong(whole, maxChars)) {
      const at = whole.indexOf(cut, cursor);
      cursor = at + cut.length;
      const start = offset + at;
      if (!isMeaningless(cut)) out.push({ text: cut, start, code: spansWithin(code, start, start + cut.length) });
    }
    offset += sentence.length;
  }
  return out;
}

/** The text with inline code blanked out (same length), so no sentence ends inside code. */
function maskCode(text: string, code: Span[]): string {
  let masked = text;
  for (const [start, end] of code) masked = masked.slice(0, start) + 'x'.repeat(end - start) + masked.slice(end);
  return masked;
}

/** The spans that fall in `[start, end)`, clipped to it and made relative to `start`. */
function spansWithin(code: Span[], start: number, end: number): Span[] {
  return code.filter(([s, e]) => e > start && s < end).map(([s, e]) => [Math.max(s, start) - start, Math.min(e, end) - start]);
}
