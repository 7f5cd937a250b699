/**
 * Markdown (CommonMark + GFM tables, front matter, `:::` containers) to blocks, with markdown-it's
 * token line maps. Front matter is YAML: its `title` names the document and its `url` is the
 * page's address. Raw HTML goes through the HTML parser; code is kept apart from prose.
 */
import MarkdownIt, { type Token } from 'markdown-it';
import container from 'markdown-it-container';
import frontMatter from 'markdown-it-front-matter';
import { parse as parseYaml } from 'yaml';
import { emphasisGoesOn, InlineText, startCell, type Block, type BlockKind, type BlockPlace, type ParsedDocument } from './blocks.js';
import { parseHtmlFragment } from './parse-html.js';
import { HeadingTrail, type AnchorStyle } from './slug.js';

let parser: ReturnType<typeof MarkdownIt> | undefined;

/** Built on first use. Every `:::` container is accepted, whatever its type (tip, warning, details…). */
function markdownIt(): ReturnType<typeof MarkdownIt> {
  parser ??= new MarkdownIt({ html: true })
    .use(frontMatter, () => {})
    .use(container, 'any', { validate: () => true });
  return parser;
}

// An explicit heading id: VitePress's and Pandoc's `## Title {#id}`, or MDX's `## Title {/*id*/}` (react.dev).
const EXPLICIT_ID = /\s*\{(?:#([^\s{}]+)|\/\*\s*([^\s*{}]+)\s*\*\/)\}$/;
// An admonition of Python-Markdown and MkDocs (`!!! note "タイトル"`, `??? tip`): its content is
// the indented block after it (or the lines that continue it), which CommonMark reads as code.
const ADMONITION = /^(?:!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+"([^"]*)")?[ \t]*(?:\n([\s\S]*))?$/;
// A paragraph that is only MDX's module statements (`import Tabs from '@theme/Tabs';`, `export const x = …`): code, not text.
const MDX_MODULE_STATEMENTS = /^(?:(?:import\s[^\n]*?\bfrom\s*['"][^'"\n]+['"]|import\s*['"][^'"\n]+['"]);?\s*)+$|^export\s+(?:const|let|var|function|default|async function)\b/;

interface Frame {
  /** What frames the blocks inside (a container's title, an item's label), if anything. */
  framing?: string;
  /** A list item whose first paragraph has not been read yet. */
  freshItem: boolean;
}

export function parseMarkdown(source: string, anchorStyle: AnchorStyle): ParsedDocument {
  // The page's environment: its link reference definitions, which a heading or paragraph read again needs.
  const env: Record<string, unknown> = {};
  const tokens = markdownIt().parse(source, env);
  const blocks: Block[] = [];
  const headings = new HeadingTrail(anchorStyle);
  const frames: Frame[] = [];
  let meta: Record<string, unknown> = {};
  // The title of an admonition whose indented content comes next.
  let admonitionTitle: string | undefined;

  const place = (): BlockPlace => ({
    ...headings.place(),
    framing: frames.flatMap((f) => (f.framing ? [f.framing] : [])),
  });
  const push = (kind: BlockKind, token: Token, text: InlineText) => {
    if (!text.isEmpty) blocks.push({ kind, line: lineOf(token), ...text.finish(), ...place() });
  };
  const pushCode = (token: Token) => {
    const text = new InlineText();
    text.add(token.content);
    push('code', token, text);
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const pendingAdmonition = admonitionTitle;
    admonitionTitle = undefined;
    switch (token.type) {
      case 'front_matter':
        meta = readFrontMatter(String(token.meta));
        break;
      case 'heading_open': {
        const level = Number(token.tag.slice(1));
        const raw = tokens[i + 1]?.content ?? '';
        const explicit = EXPLICIT_ID.exec(raw);
        const text = new InlineText();
        addInline(inlineChildren(raw.replace(EXPLICIT_ID, ''), env), text);
        // An empty heading (`## `) names nothing, as in HTML.
        const title = text.finish().text;
        if (title) headings.enter(level, title, explicit?.[1] ?? explicit?.[2]);
        i += 2;
        break;
      }
      case 'paragraph_open': {
        if (MDX_MODULE_STATEMENTS.test(tokens[i + 1]?.content ?? '')) {
          i += 2;
          break;
        }
        const inline = tokens[i + 1];
        const admonition = ADMONITION.exec(inline?.content ?? '');
        if (admonition) {
          const [, kind, title, continued] = admonition;
          admonitionTitle = title || kind;
          const text = new InlineText();
          addInline(inlineChildren(continued ?? '', env), text);
          frames.push({ framing: admonitionTitle, freshItem: false });
          push('paragraph', token, text);
          frames.pop();
          i += 2;
          break;
        }
        // A paragraph that shows the comment syntax as inline code (`` `{/* … */}` ``) is about it, not commented.
        const showsComment = inline?.children?.some((c) => c.type === 'code_inline' && c.content.includes('{/*'));
        const children = inline?.content.includes('{/*') && !showsComment ? inlineChildren(inline.content, env) : (inline?.children ?? []);
        const frame = frames.at(-1);
        const leadsItem = frame?.freshItem === true;
        if (frame) frame.freshItem = false;
        const label = leadsItem ? leadingLabel(children) : undefined;
        const text = new InlineText();
        if (label?.rest.length === 0) {
          frame!.framing = label.text.replace(/[:：]$/, '');
        } else if (label) {
          // `**参照** [ガイド](…)` reads as `参照: ガイド`, as `**デフォルト:** …` already does.
          addInline(label.tokens, text);
          if (!/[:：]$/.test(label.text) && !/^\s*[:：]/.test(label.rest[0]?.content ?? '')) text.add(': ');
          addInline(label.rest, text);
          push('definition', token, text);
        } else {
          addInline(children, text);
          push(leadsItem ? 'item' : 'paragraph', token, text);
        }
        i += 2;
        break;
      }
      case 'list_item_open':
        frames.push({ freshItem: true });
        break;
      case 'container_any_open':
        frames.push({ framing: containerTitle(token.info), freshItem: false });
        break;
      case 'list_item_close':
      case 'container_any_close':
        frames.pop();
        break;
      case 'table_open':
        i = readTable(tokens, i, (tr, text) => push('row', tr, text));
        break;
      case 'code_block':
        if (pendingAdmonition) {
          const framing = [...place().framing, pendingAdmonition];
          for (const block of parseMarkdown(token.content, anchorStyle).blocks) {
            blocks.push({ ...block, line: block.line + lineOf(token) - 1, ...headings.place(), framing: framing.concat(block.framing) });
          }
        } else pushCode(token);
        break;
      case 'fence':
        pushCode(token);
        break;
      case 'html_block':
        for (const block of parseHtmlFragment(token.content, lineOf(token))) blocks.push({ ...block, ...place() });
        break;
    }
  }
  return { title: stringField(meta, 'title') ?? headings.firstH1, url: stringField(meta, 'url'), blocks };
}

function lineOf(token: Token): number {
  return (token.map?.[0] ?? 0) + 1;
}

// The inline tokens of raw inline Markdown, MDX comments dropped first: the asterisks of one read as
// emphasis. `env`: the page's, for its link reference definitions.
function inlineChildren(raw: string, env: Record<string, unknown>): Token[] {
  return markdownIt().parseInline(withoutMdxComments(raw), env)[0]?.children ?? [];
}

// `raw` without its MDX comments (from `{/*` to the next `*/}`), in one scan: a lazy regular
// expression would rescan to the end from every unclosed one.
function withoutMdxComments(raw: string): string {
  let kept = '';
  let from = 0;
  for (let start = raw.indexOf('{/*'); start !== -1; start = raw.indexOf('{/*', from)) {
    const end = raw.indexOf('*/}', start + 3);
    if (end === -1) break;
    kept += raw.slice(from, start);
    from = end + 3;
  }
  return kept + raw.slice(from);
}

// Template calls that documentation sites expand before Markdown: Hugo shortcodes (Kubernetes:
// `{{< glossary_tooltip text="Pod" term_id="pod" >}}`) and MDN's macros (`{{jsxref("Array")}}`).
// A call is short: bounding its length keeps a text of unclosed `{{<` from being rescanned to its end from each.
const SHORTCODE = /\{\{<[\s\S]{0,1000}?>\}\}|\{\{%[\s\S]{0,1000}?%\}\}/g;
const MACRO_CALL = /\{\{\s*[A-Za-z][\w-]*\s*\(\s*((?:["'][\s\S]{0,1000}?)?)\)\s*\}\}/g;
const MACRO_NAME = /\{\{\s*[A-Z][\w-]*\s*\}\}/g;
const QUOTED = /"([^"]*)"|'([^']*)'/g;

/**
 * What a template call shows the reader: a shortcode's `text="…"`, a macro's display argument (the
 * second, else the first unless it is a path: `{{domxref("Element.id", "id")}}` shows `id`), else nothing.
 */
export function expandTemplateCalls(text: string): string {
  if (!text.includes('{{')) return text;
  return text
    .replace(SHORTCODE, (call) => /\btext="([^"]*)"/.exec(call)?.[1] ?? '')
    .replace(MACRO_CALL, (_, args: string) => {
      const strings = [...args.matchAll(QUOTED)].map((m) => m[1] ?? m[2] ?? '');
      const shown = strings[1] || strings[0] || '';
      return shown.includes('/') ? '' : shown;
    })
    .replace(MACRO_NAME, '');
}

/** Inline tokens to text: markup dropped, link text kept without its address, inline code kept as code, raw HTML dropped. */
function addInline(children: Token[], into: InlineText): void {
  for (const child of children) {
    if (child.type === 'text') into.add(expandTemplateCalls(child.content));
    else if (child.type === 'code_inline') into.addCode(child.content);
    else if (child.type === 'softbreak' || child.type === 'hardbreak') into.lineBreak();
  }
}

/**
 * A list item that opens with bold text is a definition (`**デフォルト:** \`5173\``) or, when
 * the bold text is all of it (`**型**`), a label for what follows in the item; so is one that
 * opens with inline code and a colon.
 */
function leadingLabel(children: Token[]): { text: string; tokens: Token[]; rest: Token[] } | undefined {
  const first = children.findIndex((c) => !(c.type === 'text' && c.content.trim() === ''));
  // `- \`'custom'\`: HTML ミドルウェアを含めない` defines a value as a bold label does.
  if (children[first]?.type === 'code_inline' && children[first + 1]?.type === 'text' && /^\s*[:：]/.test(children[first + 1]!.content)) {
    return { text: children[first]!.content, tokens: [children[first]!], rest: children.slice(first + 1) };
  }
  if (children[first]?.type !== 'strong_open') return undefined;
  const close = children.findIndex((c, j) => j > first && c.type === 'strong_close');
  if (close === -1) return undefined;
  const tokens = children.slice(first + 1, close);
  const label = new InlineText();
  addInline(tokens, label);
  const rest = children.slice(close + 1);
  if (rest[0]?.type === 'text' && emphasisGoesOn(label.finish().text, rest[0].content)) return undefined;
  const hasRest = rest.some((c) => (c.type === 'text' && c.content.trim() !== '') || c.type === 'code_inline');
  return { text: label.finish().text, tokens, rest: hasRest ? rest : [] };
}

/** `tip 注意` (VitePress) or `tip[注意]` (Docusaurus, Starlight) → `注意`; a container without a title frames nothing. */
function containerTitle(info: string): string | undefined {
  const bracketed = /^[^\s[]+\[(.+)\]\s*$/.exec(info.trim());
  const title = bracketed ? bracketed[1]!.trim() : info.trim().split(/\s+/).slice(1).join(' ');
  return title || undefined;
}

/** Reads a GFM table from its `table_open`; each body row becomes `header: cell; …`. Returns the index of `table_close`. */
function readTable(tokens: Token[], start: number, row: (tr: Token, text: InlineText) => void): number {
  const headers: string[] = [];
  let i = start;
  let tr: Token | undefined;
  let text = new InlineText();
  let column = 0;
  for (; i < tokens.length && tokens[i]!.type !== 'table_close'; i++) {
    const token = tokens[i]!;
    if (token.type === 'tr_open') {
      tr = token;
      text = new InlineText();
      column = 0;
    } else if (token.type === 'th_open') {
      const header = new InlineText();
      addInline(tokens[i + 1]?.children ?? [], header);
      headers.push(header.finish().text);
    } else if (token.type === 'td_open') {
      const cell = tokens[i + 1]?.children ?? [];
      startCell(text, headers[column], column);
      addInline(cell, text);
      column++;
    } else if (token.type === 'tr_close' && tr && column > 0) row(tr, text);
  }
  return i;
}

function readFrontMatter(raw: string): Record<string, unknown> {
  try {
    const value: unknown = parseYaml(raw);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    // Broken front matter does not make the page unreadable; it only names nothing.
    return {};
  }
}

function stringField(meta: Record<string, unknown>, key: string): string | undefined {
  const value = meta[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
