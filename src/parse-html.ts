/**
 * HTML to blocks with htmlparser2 (which decodes every named and numeric entity, via `entities`):
 * headings, paragraphs, list items and table rows keep their structure and source lines; scripts,
 * styles, navigation, comments and framework components (`<VueSchoolLink>`) are dropped.
 */
import { Parser } from 'htmlparser2';
import { InlineText, startCell, type Block, type BlockKind, type BlockPlace, type ParsedDocument } from './blocks.js';
import { HeadingTrail, type AnchorStyle } from './slug.js';

/** Elements whose content is never material. */
const DROPPED = new Set(['script', 'style', 'nav', 'noscript', 'template', 'svg', 'iframe']);
/** Elements that end the text before them and start a new block. */
const BLOCK_ELEMENTS = new Set([
  'p', 'div', 'section', 'article', 'main', 'aside', 'header', 'footer', 'body', 'blockquote', 'figure', 'figcaption',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'caption', 'tr', 'details', 'summary', 'pre', 'hr', 'br', 'form',
]);
const HEADING = /^h([1-6])$/;

/** The blocks of raw HTML inside another document (Markdown); where they sit is the caller's to say. */
export type FragmentBlock = Omit<Block, keyof BlockPlace>;

export function parseHtml(source: string, anchorStyle: AnchorStyle): ParsedDocument {
  const { title, firstH1, blocks } = walk(source, 1, anchorStyle);
  return { title: title ?? firstH1, blocks };
}

export function parseHtmlFragment(source: string, firstLine: number): FragmentBlock[] {
  return walk(source, firstLine, 'vitepress').blocks.map(({ headingPath: _, anchor: __, framing: ___, ...block }) => block);
}

function walk(source: string, firstLine: number, anchorStyle: AnchorStyle) {
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineAt = (offset: number) => firstLine + upperBound(lineStarts, offset) - 1;

  const blocks: Block[] = [];
  const headings = new HeadingTrail(anchorStyle);
  let title: string | undefined;
  let dropDepth = 0; // inside a dropped element (nested ones count)
  const open: string[] = [];

  // The block being collected.
  let text = new InlineText();
  let kind: BlockKind = 'paragraph';
  let line = firstLine;
  let textLine = firstLine; // line the collected text has reached
  let collecting: 'title' | 'heading' | undefined;
  let collectingCode = false;
  let headingAttrs: { level: number; id?: string } | undefined;
  // Table rows: header texts, and the cell being read.
  let headers: string[] = [];
  let column = -1;
  let inHeaderRow = false;

  const startBlock = (next: BlockKind, at: number) => {
    flush();
    kind = next;
    line = textLine = lineAt(at);
  };
  const flush = () => {
    if (!text.isEmpty && !collecting && column < 0) {
      blocks.push({
        kind,
        line,
        ...text.finish(),
        ...headings.place(),
        framing: [],
      });
    }
    text = new InlineText();
  };

  const parser = new Parser(
    {
      onopentag(rawName, attributes) {
        const name = rawName.toLowerCase();
        const at = parser.startIndex;
        open.push(rawName);
        // A component (`<VueSchoolLink>`) is written in PascalCase; HTML's own elements never are.
        if (dropDepth > 0 || DROPPED.has(name) || /[A-Z]/.test(rawName)) {
          dropDepth++;
          return;
        }
        const heading = HEADING.exec(name);
        if (name === 'title' || heading) {
          startBlock('paragraph', at);
          collecting = name === 'title' ? 'title' : 'heading';
          headingAttrs = heading ? { level: Number(heading[1]), id: attributes.id || undefined } : undefined;
        } else if (name === 'table') {
          startBlock('paragraph', at);
          headers = [];
        } else if (name === 'tr') {
          flush();
          line = textLine = lineAt(at);
          column = 0;
          inHeaderRow = true;
        } else if (name === 'th' || name === 'td') {
          if (name === 'td') inHeaderRow = false;
          if (!inHeaderRow) startCell(text, headers[column], column);
          else textLine = lineAt(at);
        } else if (name === 'code' && !open.includes('pre')) {
          collectingCode = true;
        } else if (BLOCK_ELEMENTS.has(name) && column < 0) {
          startBlock(name === 'li' ? 'item' : name === 'pre' ? 'code' : 'paragraph', at);
        }
      },
      ontext(chunk) {
        if (dropDepth > 0) return;
        const at = lineAt(parser.startIndex);
        for (; textLine < at; textLine++) text.lineBreak();
        if (collectingCode) text.addCode(chunk);
        else text.add(chunk);
        textLine += chunk.split('\n').length - 1;
      },
      onclosetag(rawName) {
        const name = rawName.toLowerCase();
        open.pop();
        if (dropDepth > 0) {
          dropDepth--;
          return;
        }
        if (collecting && (name === 'title' || HEADING.test(name))) {
          const value = text.finish().text;
          if (collecting === 'title') title ??= value || undefined;
          else if (value && headingAttrs) {
            headings.enter(headingAttrs.level, value, headingAttrs.id);
          }
          collecting = undefined;
          text = new InlineText();
        } else if (name === 'code' && collectingCode) {
          collectingCode = false;
        } else if (name === 'th' || name === 'td') {
          if (inHeaderRow) {
            headers.push(text.finish().text);
            text = new InlineText();
          }
          column++;
        } else if (name === 'tr') {
          const isRow = !inHeaderRow && column > 0;
          column = -1;
          if (isRow) {
            kind = 'row';
            flush();
          } else text = new InlineText();
        } else if (BLOCK_ELEMENTS.has(name) && column < 0) {
          flush();
          kind = 'paragraph';
        }
      },
    },
    { lowerCaseTags: false, lowerCaseAttributeNames: true, recognizeSelfClosing: true, decodeEntities: true },
  );
  parser.end(source);
  flush();
  return { title, firstH1: headings.firstH1, blocks };
}

/** How many of the sorted `values` are at most `x`. */
function upperBound(values: number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
