/**
 * Loads the material: `.txt`, `.md` and `.html` files under the corpus folder, recursively, each
 * parsed into blocks by the parser of its kind.
 * A file that cannot be used is skipped with its reason; one bad file never stops loading.
 */
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ParsedDocument } from './blocks.js';
import { parseHtml } from './parse-html.js';
import { parseMarkdown } from './parse-markdown.js';
import { parseText } from './parse-text.js';
import type { AnchorStyle } from './slug.js';
import type { Document, SkippedFile } from './types.js';

export const DOCUMENT_EXTENSIONS = ['.txt', '.md', '.html', '.htm'];

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

export async function loadCorpus(dir: string, maxFileBytes: number, anchorStyle: AnchorStyle = 'vitepress'): Promise<LoadedCorpus> {
  const documents: Document[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of await listCorpusFiles(dir)) {
    const result = await loadFile(path.join(dir, file), file, maxFileBytes, anchorStyle);
    if ('reason' in result) skipped.push(result);
    else documents.push(result);
  }
  return { documents, skipped };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

async function loadFile(fullPath: string, id: string, maxFileBytes: number, anchorStyle: AnchorStyle): Promise<Document | SkippedFile> {
  const skip = (reason: string): SkippedFile => ({ file: id, reason });
  try {
    const info = await stat(fullPath).catch(async (error: Error) => {
      if ((await lstat(fullPath)).isSymbolicLink()) return undefined;
      throw error;
    });
    if (!info) return skip('broken symbolic link: what it points to does not exist');
    if (!info.isFile()) return skip('not a file');
    const { size } = info;
    if (size > maxFileBytes) return skip(`too large: ${size} bytes (MAX_FILE_BYTES is ${maxFileBytes})`);
    const bytes = await readFile(fullPath);
    if (bytes.includes(0)) return skip('binary: contains NUL bytes');
    let text: string;
    try {
      text = utf8.decode(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    } catch {
      return skip('not valid UTF-8 (save it as UTF-8)');
    }
    const parsed = parseDocument(id, text, anchorStyle);
    if (parsed.blocks.every((block) => block.kind === 'code')) return skip('empty: no text to answer from');
    return { id, title: parsed.title ?? path.basename(id), url: parsed.url, blocks: parsed.blocks };
  } catch (error) {
    return skip(`unreadable: ${(error as Error).message}`);
  }
}

/** Markdown and HTML by their real parsers; anything else as plain text. */
function parseDocument(id: string, text: string, anchorStyle: AnchorStyle): ParsedDocument {
  const extension = path.extname(id).toLowerCase();
  if (extension === '.md') return parseMarkdown(text, anchorStyle);
  if (extension === '.html' || extension === '.htm') return parseHtml(text, anchorStyle);
  return parseText(text);
}
