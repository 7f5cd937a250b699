/**
 * Loads the material: `.txt`, `.md` and `.html` files under the corpus folder, recursively.
 * A file that cannot be used is skipped with its reason; one bad file never stops loading.
 */
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BLOCK_BREAK } from './split.js';
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

export async function loadCorpus(dir: string, maxFileBytes: number): Promise<LoadedCorpus> {
  const documents: Document[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of await listCorpusFiles(dir)) {
    const result = await loadFile(path.join(dir, file), file, maxFileBytes);
    if ('reason' in result) skipped.push(result);
    else documents.push(result);
  }
  return { documents, skipped };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

async function loadFile(fullPath: string, id: string, maxFileBytes: number): Promise<Document | SkippedFile> {
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
    const isHtml = /\.html?$/i.test(id);
    const body = isHtml ? htmlToText(text) : text;
    if (body.trim() === '') return skip('empty');
    const title = (isHtml ? htmlTitle(text) : undefined) ?? titleFromFirstLine(body) ?? path.basename(id);
    return { id, title, text: body };
  } catch (error) {
    return skip(`unreadable: ${(error as Error).message}`);
  }
}

/** The first non-empty line, when it is short and does not read as a running sentence. */
function titleFromFirstLine(text: string): string | undefined {
  const first = text.split('\n').find((line) => line.trim() !== '')?.trim().replace(/^#{1,6}\s+/, '');
  if (!first || Array.from(first).length > 80 || /[。.]$/.test(first)) return undefined;
  return first;
}

function htmlTitle(html: string): string | undefined {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  const title = match ? decodeEntities(match[1]!.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim() : '';
  return title || undefined;
}

const BLOCK_TAGS = /^(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|blockquote|pre|hr|title)$/i;

/**
 * Strips tags but keeps every newline of the file, so line numbers still point into the file;
 * block elements become sentence breaks.
 */
function htmlToText(html: string): string {
  const keepNewlines = (s: string) => s.replace(/[^\n]/g, '');
  return decodeEntities(
    html
      .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, keepNewlines)
      .replace(/<!--[\s\S]*?-->/g, keepNewlines)
      .replace(/<\/?([a-z0-9]+)\b[^>]*>/gi, (tag, name: string) => (BLOCK_TAGS.test(name) ? BLOCK_BREAK : '') + keepNewlines(tag))
      .replace(/<[^>]*>/g, keepNewlines),
  );
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return NAMED_ENTITIES[code.toLowerCase()] ?? whole;
  });
}
