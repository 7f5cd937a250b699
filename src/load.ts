/**
 * Loads the material: `.txt`, Markdown (`.md`, `.mdx`) and HTML files under the corpus folder, recursively, each
 * parsed into blocks by the parser of its kind.
 * A file that cannot be used is skipped with its reason; one bad file never stops loading.
 */
import { lstatSync, readFileSync, statSync, type Stats } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ParsedDocument } from './blocks.js';
import { eachFile } from './files.js';
import { parseHtml } from './parse-html.js';
import { parseMarkdown } from './parse-markdown.js';
import { parseText } from './parse-text.js';
import type { AnchorStyle } from './slug.js';
import type { Document, SkippedFile } from './types.js';

/** Markdown as documentation sites name it: VitePress and GitHub `.md`, Docusaurus and Astro `.mdx`. */
const MARKDOWN_EXTENSIONS = ['.md', '.mdx', '.markdown'];
export const DOCUMENT_EXTENSIONS = ['.txt', ...MARKDOWN_EXTENSIONS, '.html', '.htm'];

export interface LoadedCorpus {
  documents: Document[];
  skipped: SkippedFile[];
}

/** Lists the corpus files (relative paths, sorted) that the loader would read. */
export async function listCorpusFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    // Links are listed too: the loader follows a link to a file and reports a broken one.
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && DOCUMENT_EXTENSIONS.includes(path.extname(e.name).toLowerCase()))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** A corpus file read and checked, not yet parsed: what the analysis cache is keyed by. */
export interface CorpusFile {
  id: string;
  /** Decoded UTF-8, without a byte order mark, with `\n` line ends. */
  text: string;
}

/** Reads every corpus file that can be used; the others are skipped with their reason. */
export async function readCorpus(dir: string, maxFileBytes: number): Promise<{ files: CorpusFile[]; skipped: SkippedFile[] }> {
  const files: CorpusFile[] = [];
  const skipped: SkippedFile[] = [];
  await eachFile(await listCorpusFiles(dir), (id) => {
    const result = readCorpusFile(path.join(dir, id), id, maxFileBytes);
    if ('reason' in result) skipped.push(result);
    else files.push(result);
  });
  return { files, skipped };
}

/** Reads and parses every corpus file that can be used. */
export async function loadCorpus(dir: string, maxFileBytes: number, anchorStyle: AnchorStyle = 'vitepress'): Promise<LoadedCorpus> {
  const { files, skipped } = await readCorpus(dir, maxFileBytes);
  const documents: Document[] = [];
  for (const file of files) {
    const result = toDocument(file, anchorStyle);
    if ('reason' in result) skipped.push(result);
    else documents.push(result);
  }
  return { documents, skipped: skipped.sort((a, b) => a.file.localeCompare(b.file)) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A file's bytes as corpus text (no byte order mark, `\n` line ends), or why they are not text:
 * NUL bytes (binary) or not UTF-8. The corpus loader and uploads from chat judge files alike.
 */
export function decodeText(bytes: Uint8Array): { text: string } | { problem: 'binary' | 'not UTF-8' } {
  if (bytes.includes(0)) return { problem: 'binary' };
  try {
    return { text: utf8.decode(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') };
  } catch {
    return { problem: 'not UTF-8' };
  }
}

function readCorpusFile(fullPath: string, id: string, maxFileBytes: number): CorpusFile | SkippedFile {
  const skip = (reason: string): SkippedFile => ({ file: id, reason });
  try {
    let info: Stats;
    try {
      info = statSync(fullPath);
    } catch (error) {
      if (lstatSync(fullPath).isSymbolicLink()) return skip('broken symbolic link: what it points to does not exist');
      throw error;
    }
    if (!info.isFile()) return skip('not a file');
    const { size } = info;
    if (size > maxFileBytes) return skip(`too large: ${size} bytes (MAX_FILE_BYTES is ${maxFileBytes})`);
    const decoded = decodeText(readFileSync(fullPath));
    if ('text' in decoded) return { id, text: decoded.text };
    return skip(decoded.problem === 'binary' ? 'binary: contains NUL bytes' : 'not valid UTF-8 (save it as UTF-8)');
  } catch (error) {
    return skip(`unreadable: ${(error as Error).message}`);
  }
}

/** Parses a file into a document by the parser of its kind; one with no text to answer from is skipped. */
export function toDocument({ id, text }: CorpusFile, anchorStyle: AnchorStyle): Document | SkippedFile {
  let parsed: ParsedDocument;
  try {
    parsed = parseDocument(id, text, anchorStyle);
  } catch (error) {
    return { file: id, reason: `cannot be parsed: ${(error as Error).message}` };
  }
  if (parsed.blocks.every((block) => block.kind === 'code')) return { file: id, reason: 'empty: no text to answer from' };
  return { id, title: parsed.title ?? path.basename(id), url: parsed.url, blocks: parsed.blocks };
}

/** Markdown and HTML by their real parsers; anything else as plain text. */
function parseDocument(id: string, text: string, anchorStyle: AnchorStyle): ParsedDocument {
  const extension = path.extname(id).toLowerCase();
  if (MARKDOWN_EXTENSIONS.includes(extension)) return parseMarkdown(text, anchorStyle);
  if (extension === '.html' || extension === '.htm') return parseHtml(text, anchorStyle);
  return parseText(text);
}
