/**
 * A small fake Discord on 127.0.0.1 for driving the real discord.js client: the REST routes the
 * bot uses (served under `/api/v10`, so discord.js is pointed at it with `rest.api`) and a
 * WebSocket gateway (HELLO, IDENTIFY, heartbeats, READY, GUILD_CREATE, then the interactions a
 * test injects). Every REST request is recorded with its arrival time, so tests and the bench can
 * look at exactly what the bot sent and when.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { type WebSocket, WebSocketServer } from 'ws';

export const IDS = {
  application: '100000000000000001',
  guild: '200000000000000001',
  channel: '300000000000000001',
  owner: '500000000000000001',
  moderatorRole: '400000000000000001',
} as const;

/** Discord's permission bits the tests need (as in discord.js's PermissionFlagsBits). */
export const PERMISSIONS = { viewAndSend: (1n << 10n) | (1n << 11n), manageGuild: 1n << 5n } as const;

export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, e.g. `/interactions/123/tok/callback`. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The JSON the bot sent; tests read the fields they check. */
  body: any;
  /** performance.now() when the request arrived. */
  at: number;
}

export interface InjectOptions {
  /** Command name, e.g. `ask`. */
  name: string;
  /** Option values by name: strings, booleans, numbers. */
  options?: Record<string, string | boolean | number>;
  /** Defaults to a fresh user, so per-user rate limits never leak between tests. */
  userId?: string;
  /** The member's permissions in the channel; defaults to view + send only. */
  permissions?: bigint;
  roles?: string[];
  /** Refuse the bot's edit of the deferred reply (400), as Discord does an invalid message. */
  failEdit?: boolean;
}

/** One injected interaction and what the bot sent back for it. */
export interface Injected {
  id: string;
  token: string;
  /** performance.now() when the event was sent on the gateway. */
  sentAt: number;
  /** The initial response: `POST /interactions/:id/:token/callback`. */
  callback(): Promise<RecordedRequest>;
  /** The edit of the deferred reply: `PATCH /webhooks/:app/:token/messages/@original`. */
  edited(): Promise<RecordedRequest>;
  /** The first follow-up message: `POST /webhooks/:app/:token`. */
  followUp(): Promise<RecordedRequest>;
  /** Every request made so far with this interaction's token. */
  requests(): RecordedRequest[];
}

export interface FakeDiscordOptions {
  token?: string;
  /** HELLO's heartbeat interval; discord.js sends its first heartbeat after a random part of it. */
  heartbeatIntervalMs?: number;
  /** How long `callback()`, `edited()`… wait before failing the test. */
  waitTimeoutMs?: number;
}

const API_PREFIX = '/api/v10';

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** The last IDENTIFY payload's `d`. */
  identify: { token: string; intents: number } | undefined;

  private readonly events = new EventEmitter();
  private readonly sockets = new Set<WebSocket>();
  /** Sends a dispatch event on the identified bot's connection. */
  private dispatchToBot: ((t: string, d: unknown) => void) | undefined;
  private nextId = 10n ** 18n;
  private readonly commandIds = new Map<string, string>();
  private readonly failingEdits = new Set<string>();

  private constructor(
    private readonly server: http.Server,
    private readonly wss: WebSocketServer,
    private readonly options: Required<FakeDiscordOptions>,
  ) {
    this.events.setMaxListeners(0); // one listener per pending wait; a burst has many
  }

  get token(): string {
    return this.options.token;
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = http.createServer();
    const wss = new WebSocketServer({ server, path: '/gateway' });
    const fake = new FakeDiscord(server, wss, {
      token: options.token ?? 'fake-bot-token',
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      waitTimeoutMs: options.waitTimeoutMs ?? 15_000,
    });
    server.on('request', (req, res) => void fake.onRequest(req, res));
    wss.on('connection', (ws, req) => fake.onConnection(ws, req));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  private get origin(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** For discord.js's `rest.api` (and DISCORD_API_URL). */
  get apiUrl(): string {
    return `http://${this.origin}/api`;
  }

  /** Resolves with the first recorded request (past or future) that matches. */
  waitFor(match: (r: RecordedRequest) => boolean, what: string): Promise<RecordedRequest> {
    const found = this.requests.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onRequest = (r: RecordedRequest) => {
        if (!match(r)) return;
        clearTimeout(timer);
        this.events.off('request', onRequest);
        resolve(r);
      };
      const timer = setTimeout(() => {
        this.events.off('request', onRequest);
        const seen = this.requests.map((r) => `${r.method} ${r.path}`).join('\n  ');
        reject(new Error(`fake Discord: no ${what} within ${this.options.waitTimeoutMs} ms; requests seen:\n  ${seen}`));
      }, this.options.waitTimeoutMs);
      this.events.on('request', onRequest);
    });
  }

  /** Sends an INTERACTION_CREATE for a chat input command, as Discord does when someone runs it. */
  injectCommand(opts: InjectOptions): Injected {
    const dispatch = this.dispatchToBot;
    if (!dispatch) throw new Error('fake Discord: no bot has identified on the gateway');
    const id = this.snowflake();
    const token = `interaction-token-${id}`;
    const userId = opts.userId ?? this.snowflake();
    const options = Object.entries(opts.options ?? {}).map(([name, value]) => ({
      name,
      type: typeof value === 'string' ? 3 : typeof value === 'boolean' ? 5 : 10,
      value,
    }));
    const permissions = String(opts.permissions ?? PERMISSIONS.viewAndSend);
    if (opts.failEdit) this.failingEdits.add(token);
    dispatch('INTERACTION_CREATE', {
      id,
      application_id: IDS.application,
      type: 2, // APPLICATION_COMMAND
      token,
      version: 1,
      data: { id: this.commandId(opts.name), name: opts.name, type: 1, options },
      guild_id: IDS.guild,
      channel_id: IDS.channel,
      channel: { id: IDS.channel, type: 0, guild_id: IDS.guild, name: 'general' },
      member: {
        user: user(userId, `user${userId.slice(-4)}`),
        roles: opts.roles ?? [],
        permissions,
        joined_at: '2025-01-01T00:00:00.000Z',
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
      },
      app_permissions: String(PERMISSIONS.viewAndSend),
      locale: 'ja',
      guild_locale: 'ja',
      entitlements: [],
      authorizing_integration_owners: { '0': IDS.guild },
      context: 0,
      attachment_size_limit: 10_485_760,
    });
    const sentAt = performance.now();
    const mine = (method: string, path: string) => (r: RecordedRequest) => r.method === method && r.path === path;
    return {
      id,
      token,
      sentAt,
      callback: () => this.waitFor(mine('POST', `/interactions/${id}/${token}/callback`), `callback for ${opts.name}`),
      edited: () =>
        this.waitFor(mine('PATCH', `/webhooks/${IDS.application}/${token}/messages/@original`), `edit for ${opts.name}`),
      followUp: () => this.waitFor(mine('POST', `/webhooks/${IDS.application}/${token}`), `follow-up for ${opts.name}`),
      requests: () => this.requests.filter((r) => r.path.includes(`/${token}`)),
    };
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- REST ----

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', `http://${this.origin}`);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname),
      query: url.searchParams,
      headers: req.headers,
      body: raw && req.headers['content-type']?.includes('json') ? JSON.parse(raw) : raw || undefined,
      at: performance.now(),
    };
    this.requests.push(recorded);
    const { status, body } = this.route(recorded);
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
    this.events.emit('request', recorded);
  }

  private route(r: RecordedRequest): { status: number; body?: unknown } {
    const route = `${r.method} ${r.path}`;
    const authorized = r.headers.authorization === `Bot ${this.token}`;
    const unauthorized = { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    let m: RegExpMatchArray | null;
    if (route === 'GET /gateway/bot') {
      if (!authorized) return unauthorized;
      return {
        status: 200,
        body: {
          url: `ws://${this.origin}/gateway`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 60_000, max_concurrency: 1 },
        },
      };
    }
    if ((m = route.match(/^PUT \/applications\/(\d+)(?:\/guilds\/\d+)?\/commands$/))) {
      if (!authorized) return unauthorized;
      const list = r.body as { name: string }[];
      return { status: 200, body: list.map((c) => ({ ...c, id: this.commandId(c.name), application_id: m![1], version: '1' })) };
    }
    if (/^POST \/interactions\/\d+\/[^/]+\/callback$/.test(route)) return { status: 204 };
    if (/^DELETE \/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(route)) return { status: 204 };
    if ((m = route.match(/^PATCH \/webhooks\/\d+\/([^/]+)\/messages\/@original$/))) {
      if (this.failingEdits.has(m[1]!)) return { status: 400, body: { message: 'Invalid Form Body', code: 50035 } };
      return { status: 200, body: this.message(r.body) };
    }
    if (/^POST \/webhooks\/\d+\/[^/]+$/.test(route)) return { status: 200, body: this.message(r.body) };
    return { status: 404, body: { message: `Unknown route (fake Discord): ${route}`, code: 0 } };
  }

  /** The message object Discord returns for a webhook send or edit. */
  private message(sent: Record<string, unknown>) {
    return {
      id: this.snowflake(),
      type: 20, // CHAT_INPUT_COMMAND reply
      channel_id: IDS.channel,
      author: user(IDS.application, 'qa-bot', true),
      content: '',
      embeds: [],
      attachments: [],
      components: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      flags: 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      ...sent,
    };
  }

  // ---- Gateway ----

  private onConnection(ws: WebSocket, req: http.IncomingMessage) {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    const params = new URL(req.url ?? '/', `http://${this.origin}`).searchParams;
    // discord.js asks for zlib-stream only when the optional zlib-sync package is installed.
    if (params.get('encoding') !== 'json' || params.has('compress')) {
      ws.close(4002, 'fake Discord speaks uncompressed JSON only');
      return;
    }
    let seq = 0;
    const send = (payload: object) => ws.send(JSON.stringify(payload));
    const dispatch = (t: string, d: unknown) => send({ op: 0, t, s: ++seq, d });
    ws.on('message', (raw) => {
      const { op, d } = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (op === 1) {
        send({ op: 11 });
      } else if (op === 2) {
        this.identify = d as FakeDiscord['identify'];
        if (this.identify?.token !== this.token) {
          ws.close(4004, 'Authentication failed.');
          return;
        }
        this.dispatchToBot = dispatch;
        dispatch('READY', {
          v: 10,
          user: user(IDS.application, 'qa-bot', true),
          guilds: [{ id: IDS.guild, unavailable: true }],
          session_id: 'fake-session',
          resume_gateway_url: `ws://${this.origin}/gateway`,
          shard: [0, 1],
          application: { id: IDS.application, flags: 0 },
        });
        dispatch('GUILD_CREATE', guild());
      } else if (op === 6) {
        send({ op: 9, d: false }); // no resuming: start a new session
      }
    });
    send({ op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
  }

  private snowflake(): string {
    return String(this.nextId++);
  }

  private commandId(name: string): string {
    if (!this.commandIds.has(name)) this.commandIds.set(name, this.snowflake());
    return this.commandIds.get(name)!;
  }
}

function user(id: string, username: string, bot = false) {
  return { id, username, discriminator: '0', global_name: null, avatar: null, bot };
}

function guild() {
  return {
    id: IDS.guild,
    name: 'Fake Guild',
    icon: null,
    owner_id: IDS.owner,
    unavailable: false,
    member_count: 3,
    large: false,
    joined_at: '2025-01-01T00:00:00.000Z',
    features: [],
    premium_tier: 0,
    preferred_locale: 'ja',
    roles: [
      role(IDS.guild, '@everyone', PERMISSIONS.viewAndSend),
      role(IDS.moderatorRole, 'moderators', PERMISSIONS.viewAndSend),
    ],
    channels: [{ id: IDS.channel, type: 0, name: 'general', position: 0, permission_overwrites: [] }],
    members: [],
    emojis: [],
    stickers: [],
    threads: [],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}

function role(id: string, name: string, permissions: bigint) {
  return { id, name, permissions: String(permissions), color: 0, hoist: false, position: 0, managed: false, mentionable: false, flags: 0 };
}
