/**
 * HTML to blocks with htmlparser2 (which decodes every named and numeric entity, via `entities`):
 * headings, paragraphs, list items and table rows keep their structure and source lines; scripts,
 * styles, navigation, comments and framework components (`<VueSchoolLink>`) are dropped.
 */
import { Parser } from 'htmlparser2';
import { emphasisGoesOn, InlineText, startCell, type Block, type BlockKind, type BlockPlace, type ParsedDocument } from './blocks.js';
import { OpenElements } from './open-elements.js';
import { HeadingTrail, type AnchorStyle } from './slug.js';

/** Elements whose content is never material. */
const DROPPED = new Set(['script', 'style', 'nav', 'noscript', 'template', 'svg', 'iframe', 'form', 'button']);
/** Regions a generated site gives its menus and search box, not the page's content. */
const DROPPED_ROLES = new Set(['navigation', 'search']);
/** The permalink a site puts inside each heading (`¶`, `#`): Sphinx and MkDocs, VitePress, Docusaurus. */
const PERMALINK_CLASS = /(?:^|\s)(?:headerlink|header-anchor|hash-link)(?:\s|$)/;
/** The language label VitePress puts on a code block (`<span class="lang">js</span>`): not prose, and not what the sentence before the code introduces. */
const CODE_LABEL_CLASS = /(?:^|\s)lang(?:\s|$)/;
/** The title of a container (`::: tip 注意` as VitePress renders it, Sphinx's admonitions): it frames the container. */
const CONTAINER_TITLE_CLASS = /(?:^|\s)(?:custom-block-title|admonition-title)(?:\s|$)/;
/** Elements that end the text before them and start a new block. */
const BLOCK_ELEMENTS = new Set([
  'p', 'div', 'section', 'article', 'main', 'aside', 'header', 'footer', 'body', 'blockquote', 'figure', 'figcaption',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'caption', 'tr', 'details', 'summary', 'pre', 'hr', 'br', 'form',
]);
const HEADING = /^h([1-6])$/;
const TABLE_PARTS = new Set(['thead', 'tbody', 'tfoot', 'tr', 'th', 'td']);

/** The blocks of raw HTML inside another document (Markdown); where they sit is the caller's to say. */
export type FragmentBlock = Omit<Block, keyof BlockPlace>;

/** A whole page: when it marks its main content (`<main>`, `role="main"`), what is outside (site header, sidebars, footer) is dropped. */
export function parseHtml(source: string, anchorStyle: AnchorStyle): ParsedDocument {
  const onlyMain = hasMainRegion(source);
  let page = walk(source, 1, anchorStyle, onlyMain);
  // A main region with nothing in it (inside a dropped `<nav>`, or empty) does not empty the page.
  if (onlyMain && page.blocks.length === 0) page = walk(source, 1, anchorStyle, false);
  return { title: page.title ?? page.firstH1, blocks: page.blocks };
}

export function parseHtmlFragment(source: string, firstLine: number): FragmentBlock[] {
  return walk(source, firstLine, 'vitepress', false).blocks.map(({ headingPath: _, anchor: __, headingIdWords: ___, framing: ____, ...block }) => block);
}

const isMainRegion = (name: string, attributes: Record<string, string>) => name === 'main' || attributes.role === 'main';

function hasMainRegion(source: string): boolean {
  if (!/main/i.test(source)) return false;
  let found = false;
  new Parser({ onopentag: (name, attributes) => (found ||= isMainRegion(name, attributes)) }, { lowerCaseAttributeNames: true }).end(source);
  return found;
}

function isDropped(rawName: string, name: string, attributes: Record<string, string>): boolean {
  return (
    DROPPED.has(name) ||
    // A component (`<VueSchoolLink>`) is written in PascalCase; HTML's own elements never are
    // (old pages write them in capitals, `<P>`, which is still HTML).
    (/[A-Z]/.test(rawName) && /[a-z]/.test(rawName)) ||
    DROPPED_ROLES.has(attributes.role ?? '') ||
    attributes['aria-hidden'] === 'true' ||
    'hidden' in attributes ||
    PERMALINK_CLASS.test(attributes.class ?? '') ||
    (name === 'span' && CODE_LABEL_CLASS.test(attributes.class ?? ''))
  );
}

function walk(source: string, firstLine: number, anchorStyle: AnchorStyle, onlyMain: boolean) {
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineAt = (offset: number) => firstLine + upperBound(lineStarts, offset) - 1;

  const blocks: Block[] = [];
  const headings = new HeadingTrail(anchorStyle);
  let title: string | undefined;
  let dropDepth = 0; // inside a dropped element (nested ones count)
  let mainDepth = 0; // inside the page's main content
  const open = new OpenElements();
  const outsideMain = () => onlyMain && mainDepth === 0 && collecting !== 'title';
  // A list item that opens with bold text, as Markdown's `- **デフォルト:** \`5173\`` renders: a
  // definition when text follows the label, else the label frames the rest of the item.
  let labelOpen = false;
  // Inline code that opens an item labels it only when a colon follows (`<code>'custom'</code>: …`).
  let codeLabelOpen = false;
  let label: { text: string; followed: boolean; code?: boolean } | undefined;
  const beforeContent = (chunk: string) => {
    if (!label || labelOpen || label.followed) return;
    if (label.code ? !/^\s*[:：]/.test(chunk) : emphasisGoesOn(label.text, chunk)) {
      label = undefined;
      return;
    }
    label.followed = true;
    if (!/[:：]$/.test(label.text) && !/^\s*[:：]/.test(chunk)) text.attach(': ');
  };

  // The block being collected.
  let text = new InlineText();
  let kind: BlockKind = 'paragraph';
  let line = firstLine;
  let textLine = firstLine; // line the collected text has reached
  let collecting: 'title' | 'heading' | undefined;
  let collectingCode = false;
  // Whether the `<code>` being read has shown text already: its next piece continues the same span.
  let codeContinues = false;
  let headingAttrs: { level: number; id?: string } | undefined;
  // Table rows: header texts, and the cell being read.
  let headers: string[] = [];
  let column = -1;
  let inHeaderRow = false;
  // A row of only `th` names the columns; a later `th`, or one beside a `td`, names its row.
  let hasHeaderRow = false;
  let rowStart = 0;
  // Tables inside a cell: their rows and cells are more of the outer cell's text.
  let nestedTables = 0;

  const startBlock = (next: BlockKind, at: number) => {
    flush();
    kind = next;
    line = textLine = lineAt(at);
  };
  const flush = () => {
    if (label?.code && !label.followed) label = undefined;
    if (label && !label.followed) {
      open.frame(label.text.replace(/[:：]$/, ''));
    } else if (!text.isEmpty && !collecting && column < 0) {
      blocks.push({
        kind: label ? 'definition' : kind,
        line,
        ...text.finish(),
        ...headings.place(),
        framing: open.framing,
      });
    }
    label = undefined;
    text = new InlineText();
  };

  const parser = new Parser(
    {
      onopentag(rawName, attributes) {
        const name = rawName.toLowerCase();
        const at = parser.startIndex;
        const main = dropDepth === 0 && isMainRegion(name, attributes);
        const sectionLike = name === 'section' || /(?:^|\s)section(?:\s|$)/.test(attributes.class ?? '');
        open.push({ name, main, ...(sectionLike && attributes.id ? { sectionId: attributes.id } : {}) });
        if (dropDepth > 0 || isDropped(rawName, name, attributes)) {
          dropDepth++;
          return;
        }
        if (main) mainDepth++;
        if (name !== 'title' && outsideMain()) return;
        const heading = HEADING.exec(name);
        if (column >= 0 && (heading || name === 'title' || BLOCK_ELEMENTS.has(name) || (nestedTables > 0 && TABLE_PARTS.has(name)))) {
          // Inside a cell, a heading, a paragraph or a table of its own is more of the cell's text, set apart.
          if (name === 'table') nestedTables++;
          text.add(' ');
        } else if (name === 'title' || heading) {
          startBlock('paragraph', at);
          collecting = name === 'title' ? 'title' : 'heading';
          headingAttrs = heading ? { level: Number(heading[1]), id: attributes.id || open.takeSectionId() } : undefined;
        } else if (name === 'table') {
          startBlock('paragraph', at);
          headers = [];
          hasHeaderRow = false;
        } else if (name === 'tr') {
          flush();
          line = textLine = lineAt(at);
          column = 0;
          inHeaderRow = !hasHeaderRow;
          rowStart = headers.length;
        } else if (name === 'th' || name === 'td') {
          if (name === 'td' && inHeaderRow && column > 0) {
            // The `th` before it named this row (`port | 5173` reads `port: 5173`), not a column.
            text = new InlineText();
            text.add(headers.splice(rowStart).join(' '));
            text.attach(': ');
          } else if (name === 'td' || !inHeaderRow) startCell(text, headers[column], column);
          if (name === 'td') inHeaderRow = false;
          if (inHeaderRow) textLine = lineAt(at);
        } else if (name === 'code' && !open.inPre) {
          beforeContent('');
          codeLabelOpen = kind === 'item' && text.isEmpty && !label;
          collectingCode = true;
          codeContinues = false;
        } else if ((name === 'strong' || name === 'b') && kind === 'item' && text.isEmpty && !label) {
          labelOpen = true;
        } else if (BLOCK_ELEMENTS.has(name) && column < 0) {
          // Inside a heading, a `<br>` only breaks its line: the heading stays whole.
          if (collecting) text.lineBreak();
          else {
            startBlock(name === 'pre' ? 'code' : open.inListItem ? 'item' : 'paragraph', at);
            // A definition list's term frames the descriptions after it, as a list item's label does.
            if (name === 'dt' || CONTAINER_TITLE_CLASS.test(attributes.class ?? '')) open.top!.titlesParent = true;
          }
        }
      },
      ontext(chunk) {
        if (dropDepth > 0 || outsideMain()) return;
        const at = lineAt(parser.startIndex);
        for (; textLine < at; textLine++) text.lineBreak();
        if (chunk.trim() !== '') beforeContent(chunk);
        if (collectingCode) {
          text.addCode(chunk, codeContinues);
          codeContinues ||= chunk.trim() !== '';
        } else text.add(chunk);
        textLine += chunk.split('\n').length - 1;
      },
      onclosetag(rawName) {
        const name = rawName.toLowerCase();
        const endsBlock = BLOCK_ELEMENTS.has(name) && column < 0 && !collecting && dropDepth === 0 && !outsideMain() && !open.top?.titlesParent;
        // Flushed while the element is still open, so what frames it frames its text too (`<li><p><strong>詳細</strong></p>本文</li>`).
        if (endsBlock) flush();
        const closed = open.pop();
        if (dropDepth > 0) {
          dropDepth--;
          return;
        }
        const outside = outsideMain();
        if (closed?.main) mainDepth--;
        if (outside) return;
        const endsInCell = column >= 0 && name !== 'tr' && (HEADING.test(name) || BLOCK_ELEMENTS.has(name));
        if (endsInCell || (nestedTables > 0 && TABLE_PARTS.has(name))) {
          if (name === 'table' && nestedTables > 0) nestedTables--;
          text.add(' ');
        } else if (collecting && (name === 'title' || HEADING.test(name))) {
          const value = text.finish().text;
          if (collecting === 'title') title ??= value || undefined;
          else if (value && headingAttrs) {
            headings.enter(headingAttrs.level, value, headingAttrs.id);
          }
          collecting = undefined;
          text = new InlineText();
        } else if (name === 'code' && collectingCode) {
          collectingCode = false;
          if (codeLabelOpen) label = { text: text.finish().text, followed: false, code: true };
          codeLabelOpen = false;
        } else if ((name === 'strong' || name === 'b') && labelOpen) {
          labelOpen = false;
          label = { text: text.finish().text, followed: false };
        } else if (name === 'th' || name === 'td') {
          if (inHeaderRow) {
            headers.push(text.finish().text);
            text = new InlineText();
          }
          column++;
        } else if (name === 'tr') {
          const isRow = !inHeaderRow && column > 0;
          if (inHeaderRow && column > 0) hasHeaderRow = true;
          column = -1;
          if (isRow) {
            kind = 'row';
            flush();
          } else text = new InlineText();
        } else if (closed?.titlesParent) {
          open.frame(text.finish().text, open.top);
          text = new InlineText();
          kind = open.inListItem ? 'item' : 'paragraph';
        } else if (endsBlock) {
          kind = open.inListItem ? 'item' : 'paragraph';
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
