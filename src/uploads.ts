/**
 * Documents that moderators add or remove from chat: a file is checked like any corpus file
 * (kind, size, not binary, UTF-8, some text to answer from) and its name made safe before
 * anything is written; it is written beside its final name and renamed, so the corpus never
 * holds half a file. A refusal says why and changes nothing.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserFacingError } from './errors.js';
import { exists, writeAtomically } from './files.js';
import { decodeText, DOCUMENT_EXTENSIONS, toDocument } from './load.js';
import type { AnchorStyle } from './slug.js';

/** A file a moderator could not add or remove; the message says why, in Japanese and English. */
export class UploadRefusedError extends UserFacingError {
  override name = 'UploadRefusedError';
}

export interface Upload {
  /** The file's name as the platform gave it. */
  name: string;
  bytes: Uint8Array;
  /** Whether an existing document of that name may be replaced. */
  replace?: boolean;
}

export interface UploadRules {
  corpusDir: string;
  /** Where uploads go: the corpus folder or a folder inside it. */
  uploadDir: string;
  maxFileBytes: number;
  anchorStyle: AnchorStyle;
}

const refuse = (japanese: string, english: string): never => {
  throw new UploadRefusedError(`${japanese} (${english})`);
};

/**
 * The file's id in the corpus (its path from the corpus folder) once it is safe to write there:
 * a plain name of a known kind, within the size limit, UTF-8 text with something to answer from.
 */
export async function checkUpload(upload: Upload, rules: UploadRules): Promise<string> {
  const name = upload.name.normalize('NFC');
  if (name !== path.basename(name) || name.includes('\\') || /[\p{Cc}]/u.test(name) || name === '..' || name.startsWith('.')) {
    refuse('ファイル名にはフォルダーや隠しファイルを指定できません', `"${upload.name}" is not a plain file name: no folders, no "..", no hidden files`);
  }
  if (!DOCUMENT_EXTENSIONS.includes(path.extname(name).toLowerCase())) {
    refuse(`対応していない種類です: ${DOCUMENT_EXTENSIONS.join(', ')} のみ`, `only ${DOCUMENT_EXTENSIONS.join(', ')} files can be added`);
  }
  if (upload.bytes.length > rules.maxFileBytes) {
    refuse('ファイルが大きすぎます', `${upload.bytes.length} bytes is over MAX_FILE_BYTES (${rules.maxFileBytes})`);
  }
  const decoded = decodeText(upload.bytes);
  if ('problem' in decoded) {
    if (decoded.problem === 'binary') refuse('バイナリファイルは追加できません', 'the file is binary (it contains NUL bytes)');
    refuse('UTF-8 のテキストではありません。UTF-8 で保存してください', 'the file is not UTF-8 (Shift_JIS?); save it as UTF-8');
  }
  const text = (decoded as { text: string }).text;
  const id = path.relative(rules.corpusDir, path.join(rules.uploadDir, name)).split(path.sep).join('/');
  const parsed = toDocument({ id, text }, rules.anchorStyle);
  if ('reason' in parsed) refuse('回答に使える文章がありません', `nothing to answer from: ${parsed.reason}`);
  if (!upload.replace && (await exists(path.join(rules.corpusDir, id)))) {
    refuse('同じ名前の資料があります。置き換えるには replace を指定してください', `${id} already exists; add it with replace to overwrite it`);
  }
  return id;
}

/**
 * Writes the checked file as `id` in the corpus; returns how to undo it (remove it, or put the
 * replaced file back) should the reindex that follows fail.
 */
export async function writeUpload(corpusDir: string, id: string, bytes: Uint8Array): Promise<() => Promise<void>> {
  const file = path.join(corpusDir, id);
  const previous = await readFile(file).catch(() => undefined);
  await writeAtomically(file, bytes);
  return previous ? () => writeAtomically(file, previous) : () => rm(file, { force: true });
}

/** Removes document `id` (as `sources()` names it); returns how to put it back. */
export async function removeDocumentFile(corpusDir: string, id: string): Promise<() => Promise<void>> {
  const file = path.join(corpusDir, id);
  if (path.relative(corpusDir, file).startsWith('..')) refuse('その資料はありません', `${id} is not in the corpus`);
  const previous = await readFile(file).catch(() => refuse('その資料はありません', `${id} is not in the corpus`));
  await rm(file);
  return () => writeAtomically(file, previous);
}
