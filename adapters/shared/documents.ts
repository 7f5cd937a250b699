/**
 * Moderators add and remove documents from chat: the file is fetched from the platform (never
 * more than the corpus takes), handed to the core, which checks it and indexes only it, and the
 * reply says what changed.
 */
import { type DocumentChange, UserFacingError } from '../../src/index.js';
import type { ModeratorAction } from './moderators.js';

export const ADD_DOCUMENT: ModeratorAction = { ja: '資料の追加', en: 'add documents' };
export const REMOVE_DOCUMENT: ModeratorAction = { ja: '資料の削除', en: 'remove documents' };

/** Downloads a file a user shared, refusing one larger than `maxBytes` before and while reading it. */
export async function download(url: string, maxBytes: number, headers: Record<string, string> = {}): Promise<Uint8Array> {
  const tooLarge = () => new UserFacingError(`ファイルが大きすぎます (the file is over MAX_FILE_BYTES, ${maxBytes} bytes)`);
  const response = await fetch(url, { headers }).catch((error: Error) => {
    throw new UserFacingError(`ファイルを取得できませんでした (could not download the file: ${error.message})`);
  });
  if (!response.ok || !response.body) throw new UserFacingError(`ファイルを取得できませんでした (could not download the file: HTTP ${response.status})`);
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** What the moderator is told once the change is indexed. */
export function changeText(change: DocumentChange, removed = false): string {
  const took = `${(change.report.tookMs / 1000).toFixed(1)} s`;
  return removed
    ? `削除しました: ${change.docId}（${took}）(Removed ${change.docId}; reindexed in ${took}.)`
    : `追加しました: ${change.docId}、${change.units} 件を索引に追加（${took}）(Added ${change.docId}: ${change.units} units indexed in ${took}.)`;
}
