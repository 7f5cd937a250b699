/**
 * A small fake of Slack on 127.0.0.1, for driving the real Bolt app:
 * - the Web API (`/api/<method>`): auth.test, chat.postMessage, chat.postEphemeral, users.info,
 *   views.publish, conversations.replies, apps.connections.open;
 * - response_urls (`/response/<id>`);
 * - a Socket Mode WebSocket server (`/socket`) that says hello and sends envelopes;
 * - signed requests to an HTTP receiver, as Slack sends them.
 * Everything that happens is appended, in order, to `records`, so tests can check what was said
 * and in which order (e.g. an ack before the answer).
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { Recorder, startRecordingServer } from '../support/recording-server.js';

/** Response ids starting with this are answered by a slow Slack, after SLOW_MS. */
export const SLOW = 'slow-';
const SLOW_MS = 1500;

export type SlackRecord =
  /** A Web API call by the app; `token` is the bearer token it used. */
  | { kind: 'call'; method: string; args: Record<string, any>; token: string }
  /** A message the app posted to a response_url. */
  | { kind: 'response'; id: string; body: Record<string, any> }
  /** A Socket Mode envelope sent to the app. */
  | { kind: 'envelope'; id: string; type: string }
  /** A response_url post to a `slow-…` id, held for SLOW_MS before it is accepted. */
  | { kind: 'held'; id: string }
  /** An acknowledgement as Slack sees it: the HTTP reply to a request, or a Socket Mode ack. */
  | { kind: 'ack'; id: string; status: number; body: unknown }
  /** The app opened its Socket Mode connection. */
  | { kind: 'connected' };

interface User {
  is_admin?: boolean;
  is_owner?: boolean;
}

export const BOT_USER_ID = 'UBOT';
/** Tokens the fake refuses with `invalid_auth`, as Slack does for a revoked token. */
export const REVOKED = { bot: 'xoxb-revoked', app: 'xapp-revoked' };
/** Bot tokens whose calls fail for a reason other than the token. */
export const FAILING = {
  /** Slack itself failing: `service_unavailable`. */
  slackDown: 'xoxb-slack-down',
  /** HTTP 429 without a Retry-After header, an answer the Web API client gives up on at once. */
  noRetryAfter: 'xoxb-no-retry-after',
};
const TEAM_ID = 'T0FAKE';
/** A thread conversations.replies refuses to read (`missing_scope`, as for a private channel without groups:history). */
export const UNREADABLE_THREAD = '1699999999.000001';

export interface FakeSlack {
  /** The Web API base to give the app as SLACK_API_URL. */
  apiUrl: string;
  records: SlackRecord[];
  record(r: SlackRecord): void;
  /** Users known to users.info. */
  users: Map<string, User>;
  /** A file shared in Slack: the `files[]` entry of a file_share message, served to the bot token. */
  file(name: string, bytes: Uint8Array): { id: string; name: string; url_private_download: string; size: number };
  /** What `conversations.replies` returns for a thread, by its ts (the test sets it). */
  threads: Map<string, Record<string, unknown>[]>;
  responseUrl(id: string): string;
  /** Resolves with the first record (already there or still to come) that `match` accepts. */
  waitFor<R extends SlackRecord>(match: (r: SlackRecord) => r is R, what: string, timeoutMs?: number): Promise<R>;
  /** The first post to response_url `id` whose body `match` accepts. */
  response(id: string, match?: (body: Record<string, any>) => boolean): Promise<SlackRecord & { kind: 'response' }>;
  /** The first call of Web API `method` whose arguments `match` accepts. */
  posted(method: string, match: (args: Record<string, any>) => boolean): Promise<SlackRecord & { kind: 'call' }>;
  /** Drops the app's Socket Mode connection, as a network failure would (no close handshake). */
  dropSocket(): void;
  /** Sends a Socket Mode envelope to the app once it is connected; resolves with its ack. */
  sendEnvelope(type: 'slash_commands' | 'events_api' | 'interactive', payload: object): Promise<SlackRecord & { kind: 'ack' }>;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const recorder = new Recorder<SlackRecord>('fake Slack', (seen) => JSON.stringify(seen, null, 1).slice(0, 4000), 20_000);
  const users = new Map<string, User>();
  const threads = new Map<string, Record<string, unknown>[]>();
  const files = new Map<string, Buffer>();
  let socket: WebSocket | undefined;
  let ts = 0;

  const server = await startRecordingServer({
    request(req, body, res) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      };
      if (req.method === 'GET' && url.pathname.startsWith('/files/')) {
        // url_private_download: only with the bot token, as Slack serves private files.
        const file = files.get(decodeURIComponent(url.pathname.slice('/files/'.length)));
        if (!file || req.headers.authorization !== 'Bearer xoxb-test') return reply(404, { ok: false });
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file);
        return;
      }
      if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
        const id = url.pathname.slice('/response/'.length);
        if (!id.startsWith(SLOW)) {
          recorder.record({ kind: 'response', id, body: JSON.parse(body) });
          return reply(200, { ok: true });
        }
        // A slow Slack: the reply is held, and only counts as delivered if the app is still there to finish it.
        recorder.record({ kind: 'held', id });
        setTimeout(() => {
          if (res.socket?.destroyed) return;
          recorder.record({ kind: 'response', id, body: JSON.parse(body) });
          reply(200, { ok: true });
        }, SLOW_MS);
        return;
      }
      if (req.method !== 'POST' || !url.pathname.startsWith('/api/')) return reply(404, { ok: false });
      const method = url.pathname.slice('/api/'.length);
      const args = parseArgs(body, req.headers['content-type']);
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      recorder.record({ kind: 'call', method, args, token });
      if (token === FAILING.noRetryAfter) return reply(429, { ok: false, error: 'ratelimited' });
      reply(200, answerCall(method, args, token));
    },
    wsPath: '/socket',
    connection(ws) {
      socket = ws;
      recorder.record({ kind: 'connected' });
      ws.on('message', (data) => {
        const { envelope_id, payload } = JSON.parse(String(data)) as { envelope_id: string; payload: unknown };
        recorder.record({ kind: 'ack', id: envelope_id, status: 200, body: payload });
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' } }));
    },
  });

  function answerCall(method: string, args: Record<string, any>, token: string): object {
    if (token === REVOKED.bot || token === REVOKED.app) return { ok: false, error: 'invalid_auth' };
    if (token === FAILING.slackDown) return { ok: false, error: 'service_unavailable' };
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: BOT_USER_ID, bot_id: 'BBOT', team_id: TEAM_ID, team: 'Fake', user: 'qa-bot' };
      case 'apps.connections.open':
        return { ok: true, url: `ws://${server.origin}/socket` };
      case 'chat.postMessage':
        ts += 1;
        return { ok: true, channel: args.channel, ts: `1800000000.${String(ts).padStart(6, '0')}` };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: '1800000000.000000' };
      case 'views.publish':
        return { ok: true, view: { id: 'VHOME', ...args.view } };
      case 'conversations.replies':
        if (args.ts === UNREADABLE_THREAD) return { ok: false, error: 'missing_scope' };
        return { ok: true, messages: threads.get(String(args.ts)) ?? [] };
      case 'users.info': {
        const user = users.get(String(args.user));
        return user ? { ok: true, user: { id: args.user, ...user } } : { ok: false, error: 'user_not_found' };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  const waitFor: FakeSlack['waitFor'] = (match, what, timeoutMs) => recorder.waitFor(match, what, timeoutMs);

  return {
    apiUrl: `http://${server.origin}/api/`,
    records: recorder.records,
    record: (r) => recorder.record(r),
    users,
    threads,
    file(name, bytes) {
      files.set(name, Buffer.from(bytes));
      return { id: `F${files.size}`, name, url_private_download: `http://${server.origin}/files/${encodeURIComponent(name)}`, size: bytes.length };
    },
    responseUrl: (id) => `http://${server.origin}/response/${id}`,
    waitFor,
    response: (id, match = () => true) =>
      waitFor((r): r is SlackRecord & { kind: 'response' } => r.kind === 'response' && r.id === id && match(r.body), `a response to ${id}`),
    posted: (method, match) => waitFor((r): r is SlackRecord & { kind: 'call' } => r.kind === 'call' && r.method === method && match(r.args), `a ${method} call`),
    dropSocket: () => socket?.terminate(),
    async sendEnvelope(type, payload) {
      await waitFor((r): r is SlackRecord => r.kind === 'connected', 'an app connected over Socket Mode');
      const id = randomUUID();
      recorder.record({ kind: 'envelope', id, type });
      socket!.send(JSON.stringify({ envelope_id: id, type, payload, accepts_response_payload: type !== 'events_api' }));
      return waitFor((r): r is SlackRecord & { kind: 'ack' } => r.kind === 'ack' && r.id === id, `an ack of envelope ${id}`);
    },
    close: () => server.close(),
  };
}

/**
 * Posts a request to a Bolt HTTP receiver the way Slack does, signed with `secret`; records the
 * HTTP reply as the request's ack. `timestamp` (seconds) and `signature` can be forced to test rejection.
 */
export async function postSigned(
  fake: FakeSlack,
  url: string,
  body: string,
  contentType: 'application/x-www-form-urlencoded' | 'application/json',
  { id, secret, timestamp = Math.floor(Date.now() / 1000), signature }: { id: string; secret: string; timestamp?: number; signature?: string },
): Promise<SlackRecord & { kind: 'ack' }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature ?? sign(secret, timestamp, body),
    },
    body,
  });
  const ack = { kind: 'ack' as const, id, status: res.status, body: await res.text() };
  fake.record(ack);
  return ack;
}

/** How a test talks to the app as Slack would, in one of the two modes. */
export interface Driver {
  /** Sends a slash command; resolves with the ack. Replies go to the response_url of `id`. */
  command(command: string, text: string, user: string, id: string): Promise<SlackRecord & { kind: 'ack' }>;
  /** Delivers an Events API event (a retry when `eventId` was delivered before); resolves with the ack. */
  event(event: Record<string, unknown>, eventId?: string): Promise<SlackRecord & { kind: 'ack' }>;
  /** Clicks the button `actionId` under a message, as `user`; replies go to the response_url of `id`. */
  click(actionId: string, user: string, id: string): Promise<SlackRecord & { kind: 'ack' }>;
}

/** Signed requests to the HTTP receiver at `url` (its port may only be known once the app started). */
export function httpDriver(fake: FakeSlack, url: () => string, secret: string): Driver {
  const form = 'application/x-www-form-urlencoded';
  return {
    command: (command, text, user, id) =>
      postSigned(fake, url(), new URLSearchParams(slashCommand(fake, command, text, user, id)).toString(), form, { id, secret }),
    event: (event, eventId) =>
      postSigned(fake, url(), JSON.stringify(eventCallback(event, eventId)), 'application/json', { id: randomUUID(), secret }),
    // Interactive payloads arrive as one form field, `payload`, holding JSON.
    click: (actionId, user, id) =>
      postSigned(fake, url(), new URLSearchParams({ payload: JSON.stringify(blockActions(fake, actionId, user, id)) }).toString(), form, { id, secret }),
  };
}

/** Envelopes over the Socket Mode connection. */
export function socketDriver(fake: FakeSlack): Driver {
  return {
    command: (command, text, user, id) => fake.sendEnvelope('slash_commands', slashCommand(fake, command, text, user, id)),
    event: (event, eventId) => fake.sendEnvelope('events_api', eventCallback(event, eventId)),
    click: (actionId, user, id) => fake.sendEnvelope('interactive', blockActions(fake, actionId, user, id)),
  };
}

/** Slack's v0 request signature. */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The fields Slack sends for a slash command (form fields over HTTP, the payload in Socket Mode). */
export function slashCommand(fake: FakeSlack, command: string, text: string, user: string, id: string): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'fake',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: user,
    user_name: user.toLowerCase(),
    command,
    text,
    api_app_id: 'A0FAKE',
    response_url: fake.responseUrl(id),
    trigger_id: `trigger-${id}`,
  };
}

/** An Events API `event_callback` around `event` (the HTTP body, or the Socket Mode payload). */
export function eventCallback(event: Record<string, unknown>, eventId = `Ev${randomUUID().slice(0, 8)}`): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: 'A0FAKE',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true }],
  };
}

/** A `block_actions` payload: a click on a button of a message the bot posted in C0GENERAL. */
export function blockActions(fake: FakeSlack, actionId: string, user: string, id: string): Record<string, unknown> {
  return {
    type: 'block_actions',
    token: 'legacy-verification-token',
    api_app_id: 'A0FAKE',
    team: { id: TEAM_ID, domain: 'fake' },
    user: { id: user, username: user.toLowerCase(), team_id: TEAM_ID },
    container: { type: 'message', message_ts: '1800000000.000001', channel_id: 'C0GENERAL', is_ephemeral: false },
    channel: { id: 'C0GENERAL', name: 'general' },
    message: { type: 'message', ts: '1800000000.000001', user: BOT_USER_ID, text: 'an answer' },
    trigger_id: `trigger-${id}`,
    response_url: fake.responseUrl(id),
    actions: [{ type: 'button', action_id: actionId, block_id: 'answer', text: { type: 'plain_text', text: 'button' }, action_ts: String(Date.now() / 1000) }],
  };
}

/** Web API arguments arrive as form fields (with `blocks` and `view` JSON-encoded) or as JSON. */
function parseArgs(body: string, contentType = ''): Record<string, any> {
  if (contentType.includes('json')) return body ? JSON.parse(body) : {};
  const args: Record<string, any> = Object.fromEntries(new URLSearchParams(body));
  for (const key of ['blocks', 'view']) if (typeof args[key] === 'string') args[key] = JSON.parse(args[key]);
  return args;
}

/** Ids (`fresh('U')` → `U1`) and message timestamps (`stamp(1700000300)` → `1700000300.000002`) no other of a test file's has. */
export function uniqueIds(): { fresh: (prefix: string) => string; stamp: (seconds: number) => string } {
  let seq = 0;
  return { fresh: (prefix) => `${prefix}${++seq}`, stamp: (seconds) => `${seconds}.${String(++seq).padStart(6, '0')}` };
}

/** The action ids of the buttons under a message. */
export function buttonsOf(message: Record<string, any>): string[] {
  return (message.blocks ?? []).filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements.map((e: any) => e.action_id));
}
