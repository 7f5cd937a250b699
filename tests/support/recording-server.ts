/**
 * What the fake Discord and the fake Slack share: an HTTP and WebSocket server on 127.0.0.1, and a
 * recorder of everything that happens, in order, that tests wait on. Each fake only says how its
 * platform answers.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export class Recorder<R> {
  readonly records: R[] = [];
  private readonly events = new EventEmitter();

  /** `name` and `describe` make a timeout say what was waited for and what was seen instead. */
  constructor(
    private readonly name: string,
    private readonly describe: (records: R[]) => string,
    private readonly timeoutMs: number,
  ) {
    this.events.setMaxListeners(0); // one listener per pending wait; a burst has many
  }

  record(r: R): void {
    this.records.push(r);
    this.events.emit('record', r);
  }

  /** Resolves with the first record (already there or still to come) that `match` accepts. */
  waitFor<S extends R>(match: (r: R) => r is S, what: string, timeoutMs?: number): Promise<S>;
  waitFor(match: (r: R) => boolean, what: string, timeoutMs?: number): Promise<R>;
  waitFor(match: (r: R) => boolean, what: string, timeoutMs = this.timeoutMs): Promise<R> {
    const found = this.records.find(match);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onRecord = (r: R) => {
        if (!match(r)) return;
        done();
        resolve(r);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.name}: no ${what} within ${timeoutMs} ms; it saw:\n${this.describe(this.records)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.events.off('record', onRecord);
      };
      this.events.on('record', onRecord);
    });
  }
}

export interface RecordingServer {
  /** `127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

export interface Handlers {
  /** Answers one HTTP request, its body already read. */
  request(req: http.IncomingMessage, body: string, res: http.ServerResponse): void;
  /** WebSocket connections on `wsPath`. */
  wsPath: string;
  connection(ws: WebSocket, req: http.IncomingMessage): void;
}

export async function startRecordingServer(handlers: Handlers): Promise<RecordingServer> {
  const server = http.createServer();
  const wss = new WebSocketServer({ server, path: handlers.wsPath });
  const sockets = new Set<WebSocket>();
  server.on('request', (req, res) => void readBody(req).then((body) => handlers.request(req, body, res)));
  wss.on('connection', (ws, req) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    handlers.connection(ws, req);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
