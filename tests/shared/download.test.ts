/** Fetching a file a moderator shared, from a real HTTP server on 127.0.0.1, and what they are told once it is indexed. */
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeText, download } from '../../adapters/shared/documents.js';
import { UserFacingError } from '../../src/index.js';

const MAX = 1000;
let server: http.Server;
let base: string;
/** The headers of the last request, to check what was sent along. */
let lastHeaders: http.IncomingHttpHeaders = {};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    lastHeaders = req.headers;
    const size = Number(req.url!.split('/')[2]);
    if (req.url!.startsWith('/missing')) return void res.writeHead(404).end('no');
    // Declared: the length is in the headers. Streamed: it is not (chunked), so only counting the bytes finds it.
    if (req.url!.startsWith('/declared/')) return void res.writeHead(200, { 'content-length': size }).end(Buffer.alloc(size, 0x61));
    // Announces `size` bytes but sends only the first 100 before the connection ends: only the announced length tells.
    if (req.url!.startsWith('/announced/')) {
      res.writeHead(200, { 'content-length': size });
      res.write(Buffer.alloc(100, 0x61), () => res.socket?.end());
      return;
    }
    res.writeHead(200);
    for (let sent = 0; sent < size; sent += 100) res.write(Buffer.alloc(Math.min(100, size - sent), 0x61));
    res.end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const refusal = (url: string) => download(url, MAX).then(
  () => undefined,
  (error: unknown) => (error instanceof UserFacingError ? error.message : `not user-facing: ${String(error)}`),
);

describe('download', () => {
  it('fetches a file of up to MAX_FILE_BYTES, declared or streamed, sending the headers it is given', async () => {
    expect((await download(`${base}/declared/${MAX}`, MAX)).length).toBe(MAX);
    expect(await download(`${base}/streamed/${MAX}`, MAX, { authorization: 'Bearer t' })).toEqual(Buffer.alloc(MAX, 0x61));
    expect(lastHeaders.authorization).toBe('Bearer t');
  });

  it('refuses a file one byte over MAX_FILE_BYTES, whether its length is declared or only counted', async () => {
    const tooLarge = `ファイルが大きすぎます (the file is over MAX_FILE_BYTES, ${MAX} bytes)`;
    expect(await refusal(`${base}/declared/${MAX + 1}`)).toBe(tooLarge);
    expect(await refusal(`${base}/streamed/${MAX + 1}`)).toBe(tooLarge);
  });

  it('refuses a file whose declared length is over MAX_FILE_BYTES before reading its body', async () => {
    expect(await refusal(`${base}/announced/${MAX + 1}`)).toBe(`ファイルが大きすぎます (the file is over MAX_FILE_BYTES, ${MAX} bytes)`);
  });

  it('says the file could not be fetched, with the HTTP status or the network error', async () => {
    expect(await refusal(`${base}/missing`)).toBe('ファイルを取得できませんでした (could not download the file: HTTP 404)');
    // A port nothing listens on: the server's own, once closed, is not reused while the test runs.
    const closed = http.createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await refusal(`http://127.0.0.1:${port}/x`)).toBe('ファイルを取得できませんでした (could not download the file: fetch failed)');
  });
});

describe('changeText', () => {
  const report = { documents: 6, sentences: 600, analyzed: 1, reused: 5, skipped: [], tookMs: 1250, builtAt: '2026-01-01T00:00:00.000Z', joined: false };

  it('tells the moderator what was added or removed, how many units, and the time in seconds', () => {
    expect(changeText({ docId: 'uploads/mars.md', units: 12, report })).toBe(
      '追加しました: uploads/mars.md、12 件を索引に追加（1.3 s）(Added uploads/mars.md: 12 units indexed in 1.3 s.)',
    );
    expect(changeText({ docId: 'uploads/mars.md', units: 0, report }, true)).toBe('削除しました: uploads/mars.md（1.3 s）(Removed uploads/mars.md; reindexed in 1.3 s.)');
  });
});
